package io.tianshu.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** What differs between DuckDB and PostgreSQL underneath the shared JDBC store. */
interface StoreEngine extends AutoCloseable {

  Dialect dialect();

  /** A new connection for a pool or a writer, with autocommit off. */
  Connection connect() throws SQLException;

  /**
   * Bulk-loads one spooled table file through the engine's fast path, inside the caller's
   * transaction.
   */
  void bulkLoad(Connection connection, CsvTableFile file) throws SQLException, IOException;

  /**
   * Serialises commits of load batches across processes (PostgreSQL allows several clients; a
   * DuckDB file has one process, whose writer is already exclusive).
   */
  void lockForLoad(Connection connection) throws SQLException;

  /** Collation clause that makes ORDER BY on ids byte order, the same on both engines. */
  String binaryCollation();

  /**
   * Whether a read transaction must ask for REPEATABLE READ to see one snapshot (DuckDB always
   * does).
   */
  boolean needsSnapshotIsolation();

  /**
   * Whether readPatient should read half of a record on a second connection in parallel: worth it
   * where each small query costs about a millisecond of CPU (DuckDB), not where it is a fraction of
   * one.
   */
  boolean splitsPatientReads();

  /** A short description for messages, never containing a password. */
  String describe();

  @Override
  void close();
}
