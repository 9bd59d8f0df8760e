package io.tianshu.ingest.staging;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.hl7v2.MappedMessage;
import java.util.Objects;

/** What became of one staged message: its records were accepted, or it was quarantined. */
public sealed interface MessageOutcome
    permits MessageOutcome.Accepted, MessageOutcome.Records, MessageOutcome.Quarantined {

  /** The staged message this outcome is for. */
  StagedMessage staged();

  /** The message mapped to Tianshu records. */
  record Accepted(StagedMessage staged, MappedMessage message) implements MessageOutcome {
    public Accepted {
      Objects.requireNonNull(staged, "staged");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A unit of a record-shaped source (FHIR, CDA, table row) mapped to record fragments. */
  record Records(StagedMessage staged, MappedUnit unit) implements MessageOutcome {
    public Records {
      Objects.requireNonNull(staged, "staged");
      Objects.requireNonNull(unit, "unit");
    }
  }

  /**
   * The message was set aside with a stable code and a readable reason; the raw payload stays in
   * {@code staged} for correction and replay.
   *
   * @param code e.g. {@link IngestErrorCode#PATIENT_ID_MISSING} ({@code TS-INGEST-012})
   * @param reason e.g. {@code PID-3 missing}, {@code invalid date in PV1-44: '2023-13-40'}
   */
  record Quarantined(StagedMessage staged, IngestErrorCode code, String reason)
      implements MessageOutcome {
    public Quarantined {
      Objects.requireNonNull(staged, "staged");
      Objects.requireNonNull(code, "code");
      reason = reason == null || reason.isBlank() ? code.title() : reason;
    }

    /** The raw payload as received. */
    public byte[] rawPayload() {
      return staged.raw();
    }

    /** E.g. {@code TS-INGEST-012 PID-3 missing}. */
    public String describe() {
      return code.code() + " " + reason;
    }
  }
}
