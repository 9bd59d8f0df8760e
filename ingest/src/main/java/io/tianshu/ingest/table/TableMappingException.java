package io.tianshu.ingest.table;

/**
 * A table mapping that cannot be used: malformed YAML, an unknown entity or field, a missing
 * required field, a bad date pattern, or a CSV file whose header lacks a column the mapping names.
 * The message says where ({@code tables.lab_results.fields.flag: …}).
 */
public final class TableMappingException extends IllegalArgumentException {

  public TableMappingException(String message) {
    super(message);
  }

  public TableMappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
