package io.tianshu.ingest.staging;

/**
 * What one {@link IngestFeed#applyPending()} did.
 *
 * @param batches CDR transactions
 * @param applied messages whose records are now in the CDR (released ones included)
 * @param held messages now waiting for their patient or visit
 * @param quarantined messages set aside (expired holds included)
 * @param released messages held earlier that this call applied
 * @param expired holds that ran out of time and were quarantined
 */
public record ApplyReport(
    int batches, long applied, long held, long quarantined, long released, long expired) {

  static final ApplyReport NONE = new ApplyReport(0, 0, 0, 0, 0, 0);

  ApplyReport plus(ApplyReport o) {
    return new ApplyReport(
        batches + o.batches,
        applied + o.applied,
        held + o.held,
        quarantined + o.quarantined,
        released + o.released,
        expired + o.expired);
  }
}
