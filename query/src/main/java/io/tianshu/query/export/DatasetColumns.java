package io.tianshu.query.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The columns of an export: who the row is about and when the index event was, then the variables.
 * A de-identified export names its rows by pseudonym only; an identified one by patient id and MRN.
 */
final class DatasetColumns {

  static final String SUBJECT_ID = "subject_id";
  static final String PATIENT_ID = "patient_id";
  static final String MRN = "mrn";
  static final String INDEX_AT = "index_at";

  /** Reserved in both kinds of export, so that one spec serves both. */
  static final Set<String> IDENTITY_NAMES = Set.of(SUBJECT_ID, PATIENT_ID, MRN, INDEX_AT);

  private DatasetColumns() {}

  static List<Column> of(DatasetSpec spec, boolean deidentified) {
    List<Column> columns = new ArrayList<>();
    if (deidentified) {
      columns.add(new Column(SUBJECT_ID, ColumnType.VARCHAR));
    } else {
      columns.add(new Column(PATIENT_ID, ColumnType.VARCHAR));
      columns.add(new Column(MRN, ColumnType.VARCHAR));
    }
    columns.add(new Column(INDEX_AT, ColumnType.TIMESTAMP));
    for (Variable v : spec.variables()) {
      columns.add(new Column(v.name(), v.type()));
    }
    return List.copyOf(columns);
  }
}
