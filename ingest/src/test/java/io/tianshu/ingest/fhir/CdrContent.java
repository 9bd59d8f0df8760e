package io.tianshu.ingest.fhir;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.CdrStore;
import io.tianshu.store.PatientQuery;
import io.tianshu.store.PatientSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A patient record as comparable text: every record by kind, sorted, with the load batch left out
 * of provenance (the store stamps its own batch id; the reader leaves it empty). Records print
 * through their generated {@code toString}, so every field of every record takes part.
 */
final class CdrContent {

  private static final Pattern BATCH = Pattern.compile("batchId=[^\\]]*\\]");

  private CdrContent() {}

  /** Kind (patient, encounter, diagnosis…) to its records' text, sorted. */
  static Map<String, List<String>> of(PatientRecord r) {
    Map<String, List<String>> out = new TreeMap<>();
    out.put("patient", List.of(text(r.patient())));
    out.put("encounter", texts(r.encounters()));
    out.put("diagnosis", texts(r.diagnoses()));
    out.put("operation", texts(r.operations()));
    out.put("order", texts(r.orders()));
    out.put("administration", texts(r.administrations()));
    out.put("lab", texts(r.labs()));
    out.put("vital", texts(r.vitals()));
    out.put("exam", texts(r.exams()));
    out.put("document", texts(r.documents()));
    return out;
  }

  /** Every patient of a (small) store, by id. */
  static Map<String, PatientRecord> all(CdrStore store) {
    List<String> ids =
        store.searchPatients(PatientQuery.all(500)).items().stream()
            .map(PatientSummary::id)
            .toList();
    return new TreeMap<>(store.readPatients(ids));
  }

  /** Content of every patient, by id. */
  static Map<String, Map<String, List<String>>> of(Map<String, PatientRecord> records) {
    Map<String, Map<String, List<String>>> out = new TreeMap<>();
    records.forEach((id, r) -> out.put(id, of(r)));
    return out;
  }

  static String text(Object record) {
    return BATCH.matcher(String.valueOf(record)).replaceAll("batchId=]");
  }

  private static <T> List<String> texts(List<T> records) {
    return records.stream().map((Function<T, String>) CdrContent::text).sorted().toList();
  }
}
