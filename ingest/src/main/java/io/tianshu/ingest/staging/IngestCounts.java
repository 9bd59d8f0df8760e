package io.tianshu.ingest.staging;

/**
 * What became of every message one run received: {@code received = accepted + updated + duplicates
 * + quarantined + held}, where held messages are still waiting for their patient or visit (they end
 * applied, or quarantined when the hold time runs out).
 *
 * @param accepted applied and added records (a new patient, visit, transfer or result)
 * @param updated applied and only changed records that were there (A08, a corrected result…)
 * @param duplicates the same content was staged before (by this run or an earlier one)
 * @param released messages of earlier runs, held for a patient this run brought, now applied (not
 *     counted in {@code received})
 */
public record IngestCounts(
    long received,
    long accepted,
    long updated,
    long duplicates,
    long quarantined,
    long held,
    long released,
    double seconds) {

  /** Whether every received message is accounted for exactly once. */
  public boolean reconciles() {
    return received == accepted + updated + duplicates + quarantined + held;
  }
}
