package io.tianshu.ingest.staging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One row of the staging table, payload included: what the quarantine review shows.
 *
 * @param source MSH-3/MSH-4, or {@code unknown} when the MSH could not be read
 * @param sourceId MSH-10
 * @param channel how it came (file, MLLP peer, replay of a quarantined message)
 * @param raw the bytes as received (a duplicate shows its original's bytes)
 * @param charset MSH-18 as declared, null when absent
 * @param messageType e.g. {@code ADT^A01}
 * @param effect {@code ACCEPTED} or {@code UPDATED} once applied
 * @param errorCode {@code TS-INGEST-nnn} when quarantined, or the code a held message gets if its
 *     patient or visit never arrives
 * @param patientId the patient a held message waits for
 */
public record StoredMessage(
    long id,
    String source,
    String sourceId,
    String sha256,
    String channel,
    Instant arrivedAt,
    byte[] raw,
    String charset,
    String messageType,
    MessageStatus status,
    String effect,
    String errorCode,
    String reason,
    int attempts,
    String patientId,
    Long duplicateOf,
    Long replayOf,
    String batchId,
    Instant decidedAt) {

  @Override
  public byte[] raw() {
    return raw == null ? null : raw.clone();
  }

  StoredMessage withRaw(byte[] bytes) {
    return new StoredMessage(
        id,
        source,
        sourceId,
        sha256,
        channel,
        arrivedAt,
        bytes,
        charset,
        messageType,
        status,
        effect,
        errorCode,
        reason,
        attempts,
        patientId,
        duplicateOf,
        replayOf,
        batchId,
        decidedAt);
  }

  /**
   * The payload as text for review, decoded in the declared character set (UTF-8 when none or
   * unknown), invalid bytes shown as U+FFFD; {@link #raw()} keeps the exact bytes.
   */
  public String text() {
    if (raw == null) {
      return null;
    }
    Charset decoder = StandardCharsets.UTF_8;
    if (charset != null) {
      try {
        decoder = io.tianshu.ingest.hl7v2.Hl7v2Parser.charsetFor(charset);
      } catch (RuntimeException e) {
        decoder = StandardCharsets.UTF_8;
      }
    }
    return new String(raw, decoder);
  }
}
