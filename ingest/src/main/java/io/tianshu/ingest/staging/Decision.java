package io.tianshu.ingest.staging;

import io.tianshu.ingest.IngestErrorCode;

/**
 * What applying decided for one staged row, recorded with the CDR batch: {@code from} is the status
 * it was decided from, so the record is refused when the row moved on meanwhile.
 */
sealed interface Decision {

  /** Whether an applied message added records or only changed records that were there. */
  enum Effect {
    ACCEPTED,
    UPDATED
  }

  long id();

  MessageStatus from();

  MessageStatus status();

  default IngestErrorCode code() {
    return null;
  }

  default String reason() {
    return null;
  }

  default String patientId() {
    return null;
  }

  record Applied(long id, MessageStatus from, Effect effect) implements Decision {
    @Override
    public MessageStatus status() {
      return MessageStatus.APPLIED;
    }
  }

  /** Waits for {@code patientId}; quarantined with {@code code} if it waits too long. */
  record Held(long id, MessageStatus from, String patientId, IngestErrorCode code, String reason)
      implements Decision {
    @Override
    public MessageStatus status() {
      return MessageStatus.HELD;
    }
  }

  record Quarantined(long id, MessageStatus from, IngestErrorCode code, String reason)
      implements Decision {
    @Override
    public MessageStatus status() {
      return MessageStatus.QUARANTINED;
    }
  }
}
