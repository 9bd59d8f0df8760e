package io.tianshu.ingest.staging;

import io.tianshu.core.record.PatientRecord;

/**
 * Derives what a record carries besides what the source sent — today the note facts read from its
 * documents — just before an apply batch writes it, in the same transaction, so no record is ever
 * stored with documents its facts do not describe. Given the record as the CDR held it before the
 * batch, an enricher redoes only what changed. Must be a pure, thread-safe function: a batch
 * enriches its records in parallel and, after a crash, again.
 */
@FunctionalInterface
public interface RecordEnricher {

  /** Leaves every record as it is. */
  RecordEnricher NONE = (before, after) -> after;

  /**
   * @param before the record as the CDR held it before this batch; null for a new patient
   * @param after the record as this batch changed it
   * @return {@code after}, with what it derives brought up to date
   */
  PatientRecord enrich(PatientRecord before, PatientRecord after);
}
