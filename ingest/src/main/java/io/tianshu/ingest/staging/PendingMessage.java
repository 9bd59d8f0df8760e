package io.tianshu.ingest.staging;

import java.time.Instant;

/** A staged (or held) message as the applier reads it back. */
record PendingMessage(
    long id,
    String source,
    String sourceId,
    String sha256,
    String channel,
    Instant arrivedAt,
    byte[] raw,
    MessageStatus status) {

  StagedMessage toStaged() {
    return new StagedMessage(source, sourceId == null ? sha256 : sourceId, sha256, arrivedAt, raw);
  }
}
