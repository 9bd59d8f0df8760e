package io.tianshu.ingest.table;

import java.util.Map;

/** One row's values by column name: the CSV header's, then the joined lookup columns. */
final class RowValues {

  private final Map<String, Integer> index;
  private final String[] values;
  private final String[] joined;
  private final int width;

  RowValues(Map<String, Integer> index, int width, String[] values, String[] joined) {
    this.index = index;
    this.width = width;
    this.values = values;
    this.joined = joined;
  }

  /** The raw value, or null when the row has no such column. */
  String value(String column) {
    Integer i = index.get(column);
    if (i == null) {
      return null;
    }
    if (i < width) {
      return i < values.length ? values[i] : null;
    }
    int j = i - width;
    return joined != null && j < joined.length ? joined[j] : null;
  }
}
