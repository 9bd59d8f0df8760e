package io.tianshu.store;

/** The SQL engines the CDR runs on. */
public enum Dialect {
  /** Embedded default: one DuckDB file under the data directory. */
  DUCKDB,
  /** Production: a PostgreSQL server. */
  POSTGRESQL
}
