package io.tianshu.ingest.staging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message exactly as it arrived, before any parsing: staging keeps it keyed by source and content
 * hash, so a re-delivery is recognised and any message can be replayed.
 *
 * @param source the connector or feed it came from, e.g. {@code his-adt}
 * @param sourceId the source's own id when known before parsing (e.g. a file name), else the hash
 * @param sha256 lowercase hex SHA-256 of {@code raw}
 * @param arrivedAt when Tianshu received it
 * @param raw the bytes as received; never modified
 */
public record StagedMessage(
    String source, String sourceId, String sha256, Instant arrivedAt, byte[] raw) {

  public StagedMessage {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(arrivedAt, "arrivedAt");
    raw = Objects.requireNonNull(raw, "raw").clone();
  }

  /** Stages raw bytes, computing their hash. */
  public static StagedMessage of(String source, String sourceId, Instant arrivedAt, byte[] raw) {
    String hash = sha256(raw);
    return new StagedMessage(source, sourceId == null ? hash : sourceId, hash, arrivedAt, raw);
  }

  /** The raw bytes (a copy: the staged message stays immutable). */
  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /** The staging key: the same bytes from the same source are the same staged message. */
  public String key() {
    return source + ":" + sha256;
  }

  /** Raw text for display only, decoded leniently as UTF-8. */
  public String preview() {
    return new String(raw, StandardCharsets.UTF_8);
  }

  static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StagedMessage that
        && source.equals(that.source)
        && sourceId.equals(that.sourceId)
        && sha256.equals(that.sha256)
        && arrivedAt.equals(that.arrivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, sourceId, sha256, arrivedAt);
  }

  @Override
  public String toString() {
    return "StagedMessage[" + key() + ", sourceId=" + sourceId + ", " + raw.length + " bytes]";
  }
}
