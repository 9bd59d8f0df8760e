package io.tianshu.core.record;

import java.util.Objects;

/**
 * Where a fact came from: the source system, that system's own record id and the load batch that
 * brought it. Every CDR fact carries one, so any value can be traced back to the message or row it
 * was read from.
 *
 * @param sourceSystem e.g. {@code HIS}, {@code LIS}, {@code EMR}, {@code synth}
 * @param sourceRecordId the source's own id for the record (message control id, row key, resource
 *     id)
 * @param batchId the load batch, so that a batch can be audited or rolled back as a unit
 */
public record Provenance(String sourceSystem, String sourceRecordId, String batchId) {

  public Provenance {
    Checks.id(sourceSystem, "sourceSystem");
    Objects.requireNonNull(sourceRecordId, "sourceRecordId");
    Objects.requireNonNull(batchId, "batchId");
  }
}
