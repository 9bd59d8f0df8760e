package io.tianshu.ingest.staging;

import java.time.Instant;
import java.util.Objects;

/**
 * One message as a connector received it, before staging.
 *
 * @param channel how it came, e.g. {@code file:adt/2026-11-25.hl7}, {@code mllp:10.0.0.7:51234}
 * @param raw the message bytes (without MLLP framing)
 * @param arrivedAt when Tianshu received it
 * @param declaredSource the source system the connector was told the unit comes from ({@code
 *     --source}), used when the content does not name one (a FHIR bundle without {@code
 *     meta.source}, a CSV row); null for HL7 v2, whose MSH names it
 */
public record IncomingMessage(
    String channel, byte[] raw, Instant arrivedAt, String declaredSource) {

  public IncomingMessage {
    Objects.requireNonNull(channel, "channel");
    raw = Objects.requireNonNull(raw, "raw").clone();
    Objects.requireNonNull(arrivedAt, "arrivedAt");
  }

  /** A message whose content names its source (HL7 v2). */
  public IncomingMessage(String channel, byte[] raw, Instant arrivedAt) {
    this(channel, raw, arrivedAt, null);
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /** The bytes without a defensive copy, for this package's hot path. */
  byte[] bytes() {
    return raw;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IncomingMessage that
        && channel.equals(that.channel)
        && java.util.Arrays.equals(raw, that.raw)
        && arrivedAt.equals(that.arrivedAt)
        && Objects.equals(declaredSource, that.declaredSource);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, java.util.Arrays.hashCode(raw), arrivedAt, declaredSource);
  }

  @Override
  public String toString() {
    return "IncomingMessage[" + channel + ", " + raw.length + " bytes, " + arrivedAt + "]";
  }
}
