package io.tianshu.query.export;

import java.util.Objects;

/**
 * One column of an exported dataset.
 *
 * @param name the header in CSV, the column name in Parquet
 * @param type its type
 */
public record Column(String name, ColumnType type) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
