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

  /**
   * Removes a patient's whole record (every table) when the batch commits, e.g. the prior patient
   * of a merge whose records were added under the surviving patient. Removing a patient who is not
   * stored changes nothing; a patient cannot be both added and removed in one batch.
   */
  void remove(String patientId);

  /** Makes the batch durable and visible, atomically. */
  LoadSummary commit();

  /**
   * As {@link #commit()}, running {@code work} on the batch's own connection inside its transaction
   * just before the commit, so that what the work writes becomes durable together with the batch or
   * not at all (ingest marks its staged messages applied this way). A failure of the work, or an
   * exception it throws, rolls the whole batch back. When the batch id was already committed the
   * batch is a no-op and the work does not run.
   */
  LoadSummary commit(SqlWork<?> inSameTransaction);

  /** Rolls back anything not committed. */
  @Override
  void close();
}
