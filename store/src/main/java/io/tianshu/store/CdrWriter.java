package io.tianshu.store;

import io.tianshu.core.record.PatientRecord;

/**
 * A bulk load of one batch through the engine's fast path (DuckDB appender or bulk file load,
 * PostgreSQL COPY). Nothing is visible until {@link #commit()}; closing without committing rolls
 * the batch back, so a crash mid-batch leaves no partial batch behind.
 */
public interface CdrWriter extends AutoCloseable {

  /** Adds one patient's whole record to the batch. */
  void add(PatientRecord record);

  /** Makes the batch durable and visible, atomically. */
  LoadSummary commit();

  /** Rolls back anything not committed. */
  @Override
  void close();
}
