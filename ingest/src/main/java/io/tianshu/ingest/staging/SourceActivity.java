package io.tianshu.ingest.staging;

import java.time.Instant;
import java.util.Map;

/**
 * What one source (MSH-3/MSH-4) has sent.
 *
 * @param messages staged messages by status
 * @param lastArrival the latest arrival
 * @param perHour arrivals per hour (UTC hour start) in the window asked for
 */
public record SourceActivity(
    String source,
    Map<MessageStatus, Long> messages,
    Instant lastArrival,
    Map<Instant, Long> perHour) {

  public SourceActivity {
    messages = Map.copyOf(messages);
    perHour = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perHour));
  }

  public long total() {
    return messages.values().stream().mapToLong(Long::longValue).sum();
  }
}
