package io.tianshu.ingest.staging;

import java.util.List;
import java.util.Objects;

/**
 * Routes a staged unit to the format that recognises its bytes; HL7 v2 takes whatever none of the
 * record-shaped formats claims (and quarantines what is not HL7 v2 either).
 */
final class UnitFormats {

  private final Hl7v2Ingestion hl7v2;
  private final List<UnitFormat> formats;

  UnitFormats(Hl7v2Ingestion hl7v2, List<UnitFormat> formats) {
    this.hl7v2 = Objects.requireNonNull(hl7v2, "hl7v2");
    this.formats = List.copyOf(formats);
  }

  /** The record-shaped format of {@code raw}, or null for HL7 v2. */
  UnitFormat formatOf(byte[] raw) {
    for (UnitFormat f : formats) {
      try {
        if (f.recognises(raw)) {
          return f;
        }
      } catch (RuntimeException e) {
        // A format that cannot tell does not claim the bytes.
      }
    }
    return null;
  }

  MessageOutcome ingest(StagedMessage staged, String batchId) {
    UnitFormat f = formatOf(staged.raw());
    if (f == null) {
      return hl7v2.ingest(staged, batchId);
    }
    try {
      return f.ingest(staged, batchId);
    } catch (RuntimeException | StackOverflowError e) {
      return new MessageOutcome.Quarantined(
          staged,
          io.tianshu.ingest.IngestErrorCode.INTERNAL,
          f.name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
