package io.tianshu.query.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param rows data rows written (one per member found in the store)
 * @param skippedMembers members whose record was not in the store
 * @param columns the columns in order
 * @param deidentified whether the de-identification rules were applied
 * @param seconds wall-clock time of the export
 * @param file the dataset file, or null when written to a stream
 * @param manifestFile the manifest written beside it, or null when written to a stream
 * @param manifest the manifest's content
 */
public record ExportSummary(
    long rows,
    int skippedMembers,
    List<Column> columns,
    boolean deidentified,
    double seconds,
    Path file,
    Path manifestFile,
    ExportManifest manifest) {

  public ExportSummary {
    columns = List.copyOf(columns);
  }
}
