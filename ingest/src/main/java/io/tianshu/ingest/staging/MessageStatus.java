package io.tianshu.ingest.staging;

/** Where a staged message stands; see {@code V5__ingest_staging.sql} for each state's meaning. */
public enum MessageStatus {
  /** Durably staged, waiting to be applied. */
  STAGED,
  /** Its records are in the CDR (effect ACCEPTED or UPDATED). */
  APPLIED,
  /** The same bytes from the same source were staged before. */
  DUPLICATE,
  /** Waits for its patient or visit to arrive. */
  HELD,
  /** Set aside with a stable code and a readable reason. */
  QUARANTINED,
  /** A quarantined message whose corrected copy was staged; kept as it was received. */
  SUPERSEDED
}
