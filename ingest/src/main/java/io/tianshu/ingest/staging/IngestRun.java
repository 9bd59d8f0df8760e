package io.tianshu.ingest.staging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts what became of the messages one run received (a CLI invocation, a benchmark round), so
 * that {@code received = accepted + updated + duplicates + quarantined + held} can be checked.
 *
 * <p>A delivery counts as a duplicate when its content was staged before and already dealt with.
 * When the earlier copy is still waiting to be applied — the run before was killed between staging
 * and applying — this delivery counts by what applying that copy does now, so a re-run after a
 * crash accounts for every message once.
 */
public final class IngestRun {

  private final IngestFeed feed;
  private final Instant started;
  private final Set<Long> tracked = new LinkedHashSet<>();
  private long received;
  private long duplicates;
  private long released;

  IngestRun(IngestFeed feed, Instant started) {
    this.feed = feed;
    this.started = started;
  }

  /** Stages messages through the feed and counts them. */
  public List<StageReceipt> stage(List<IncomingMessage> messages) {
    List<StageReceipt> receipts = feed.stage(messages);
    record(receipts);
    return receipts;
  }

  /** Counts receipts of messages staged elsewhere (an MLLP listener) as part of this run. */
  public synchronized void record(List<StageReceipt> receipts) {
    for (StageReceipt r : receipts) {
      received++;
      boolean neverApplied = r.duplicate() && r.originalStatus() == MessageStatus.STAGED;
      if (!r.duplicate()) {
        tracked.add(r.id());
      } else if (!(neverApplied && tracked.add(r.originalId()))) {
        duplicates++;
      }
    }
  }

  /** Applies what is staged and notes the held messages of earlier runs it released. */
  public ApplyReport applyPending() {
    ApplyReport report = feed.applyPending();
    synchronized (this) {
      released += report.released();
    }
    return report;
  }

  /** The counts so far (reads the tracked messages' current status). */
  public synchronized IngestCounts counts() {
    long accepted = 0;
    long updated = 0;
    long quarantined = 0;
    long held = 0;
    long pending = 0;
    List<Long> ids = new ArrayList<>(tracked);
    for (int from = 0; from < ids.size(); from += 10_000) {
      Map<Long, StagingStore.MessageState> states =
          feed.states(ids.subList(from, Math.min(ids.size(), from + 10_000)));
      for (StagingStore.MessageState s : states.values()) {
        switch (s.status()) {
          case APPLIED -> {
            if (s.effect() == Decision.Effect.UPDATED) {
              updated++;
            } else {
              accepted++;
            }
          }
          case QUARANTINED, SUPERSEDED -> quarantined++;
          case HELD -> held++;
          default -> pending++;
        }
      }
    }
    if (pending > 0) {
      throw new IllegalStateException(
          pending + " messages of this run are still staged: call applyPending() first");
    }
    double seconds = Duration.between(started, feed.clock().instant()).toNanos() / 1e9;
    return new IngestCounts(
        received, accepted, updated, duplicates, quarantined, held, released, seconds);
  }
}
