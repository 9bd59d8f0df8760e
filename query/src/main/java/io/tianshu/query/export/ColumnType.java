package io.tianshu.query.export;

/** The type of a dataset column, named as DuckDB (and the Parquet file it writes) names it. */
public enum ColumnType {
  VARCHAR,
  INTEGER,
  BIGINT,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP
}
