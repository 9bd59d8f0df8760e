package io.tianshu.ingest.table;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One table of a mapping: which files it reads (a glob on the file name, e.g. {@code
 * labevents.csv*}), the CDR entity each row becomes, the templates of the row's patient, encounter
 * and record id, and its fields.
 */
record TableSpec(
    String name,
    String file,
    TableEntity entity,
    Template patient,
    ValueSpec encounter,
    Template id,
    Map<String, ValueSpec> fields) {

  boolean matches(Path path) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + file);
    return m.matches(path.getFileName());
  }

  /** Every column the table's templates and fields read. */
  Set<String> columns() {
    Set<String> out = new LinkedHashSet<>(patient.columns());
    if (encounter != null) {
      out.addAll(encounter.columns());
    }
    out.addAll(id.columns());
    fields.values().forEach(v -> out.addAll(v.columns()));
    return out;
  }
}
