package io.tianshu.ingest.staging;

import io.tianshu.ingest.hl7v2.Hl7v2Mapper;
import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import io.tianshu.store.CdrStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Source units into the CDR — HL7 v2 messages, and the record-shaped formats (FHIR R4, CDA, table
 * rows) through {@link UnitFormat}: stages messages durably (raw, with source, control id, hash and
 * arrival time; a re-delivery is recorded as a duplicate), applies staged messages to the CDR
 * exactly once, and serves the quarantine review and replay. One per store and process; thread-safe
 * — staging may run on many connections' threads while one thread at a time applies.
 */
public final class IngestFeed {

  private static final Duration HOLD_CHECK_INTERVAL = Duration.ofMinutes(1);

  private final StagingStore staging;
  private final CdrApplier applier;
  private final IngestSettings settings;
  private final Clock clock;
  private final Object applyLock = new Object();

  /** When holds were last checked for expiry; a check is an update and a commit of its own. */
  private Instant holdsCheckedAt = Instant.MIN;

  /**
   * @param formats record-shaped formats configured for this feed (e.g. table rows with a site's
   *     own mappings); the {@linkplain IngestFormats#standard standard} formats of other names are
   *     always added, because any unit staged in the store — by any process — may be applied or
   *     released by this feed. Bytes no format recognises are HL7 v2.
   */
  public IngestFeed(
      CdrStore store, IngestSettings settings, Clock clock, List<UnitFormat> formats) {
    this(store, settings, clock, formats, RecordEnricher.NONE);
  }

  /**
   * @param formats as {@link #IngestFeed(CdrStore, IngestSettings, Clock, List)}
   * @param enricher applied to every record a batch writes (e.g. the note facts of its documents)
   */
  public IngestFeed(
      CdrStore store,
      IngestSettings settings,
      Clock clock,
      List<UnitFormat> formats,
      RecordEnricher enricher) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(enricher, "enricher");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    Hl7v2Parser parser = new Hl7v2Parser();
    List<UnitFormat> all = new java.util.ArrayList<>(formats);
    for (UnitFormat standard : IngestFormats.standard(settings)) {
      if (all.stream().noneMatch(f -> f.name().equals(standard.name()))) {
        all.add(standard);
      }
    }
    UnitFormats units =
        new UnitFormats(new Hl7v2Ingestion(parser, new Hl7v2Mapper(settings.hospitalZone())), all);
    this.staging = new StagingStore(store, parser, units);
    this.applier =
        new CdrApplier(
            store,
            staging,
            units,
            new RecordMerge(settings.resultsRegisterPatients()),
            enricher,
            clock);
  }

  /** With the standard formats ({@link IngestFormats#standard}). */
  public IngestFeed(CdrStore store, IngestSettings settings, Clock clock) {
    this(store, settings, clock, List.of());
  }

  /** With the default settings and the system clock. */
  public IngestFeed(CdrStore store) {
    this(store, IngestSettings.defaults(), Clock.systemUTC());
  }

  public IngestSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Stages messages in one transaction. When this returns, every message is durable (an MLLP
   * listener may acknowledge it); a failure stages none of them.
   *
   * @return one receipt per message, in order
   */
  public List<StageReceipt> stage(List<IncomingMessage> messages) {
    return staging.stage(messages);
  }

  /**
   * Which of {@code channels} name an already staged row: an inbox that journals before staging
   * (the MLLP listener) gives each delivery a unique channel and asks after a crash which of its
   * journalled deliveries made it.
   */
  public java.util.Set<String> stagedChannels(java.util.Collection<String> channels) {
    return staging.stagedChannels(channels);
  }

  /**
   * Applies every staged message to the CDR, in batches of {@link IngestSettings#batchSize()}, and
   * first (at most once a minute by the feed's clock) quarantines holds that ran out of time. One
   * call at a time; concurrent callers wait.
   *
   * @throws io.tianshu.core.error.TianshuException when the store fails; what was not committed
   *     stays staged and is applied by the next call
   */
  public ApplyReport applyPending() {
    synchronized (applyLock) {
      Instant now = clock.instant();
      int expired = 0;
      if (!now.isBefore(holdsCheckedAt.plus(HOLD_CHECK_INTERVAL))) {
        expired =
            staging.expireHolds(
                now.minus(settings.holdTime()), settings.holdTime().toString(), now);
        holdsCheckedAt = now;
      }
      ApplyReport report = new ApplyReport(0, 0, 0, expired, 0, expired);
      while (true) {
        List<PendingMessage> batch = staging.pending(settings.batchSize());
        if (batch.isEmpty()) {
          return report;
        }
        CdrApplier.BatchResult result = applier.apply(batch);
        long applied = 0;
        long held = 0;
        long quarantined = 0;
        for (Decision d : result.decisions()) {
          switch (d.status()) {
            case APPLIED -> applied++;
            case HELD -> held += d.from() == MessageStatus.HELD ? 0 : 1;
            case QUARANTINED -> quarantined++;
            default -> {
              // decisions only apply, hold or quarantine
            }
          }
        }
        report = report.plus(new ApplyReport(1, applied, held, quarantined, result.released(), 0));
      }
    }
  }

  /** A page of quarantined messages, newest first, optionally of one source (MSH-3/MSH-4). */
  public QuarantinePage quarantine(String source, int page, int size) {
    if (page < 0 || size < 1 || size > 500) {
      throw new IllegalArgumentException("page must be >= 0 and size 1-500");
    }
    return staging.quarantine(source == null || source.isBlank() ? null : source, page, size);
  }

  /** One staged message with its payload. */
  public Optional<StoredMessage> message(long id) {
    return staging.message(id);
  }

  /**
   * Replays a quarantined message and applies it: as staged (after a mapping fix), or as {@code
   * corrected} bytes staged as a new message that names the original ({@code replay_of}); the
   * original stays as received, marked superseded.
   *
   * @return the message that was applied (the correction, or the original), with its new status;
   *     empty when {@code id} is not a quarantined message
   */
  public Optional<StoredMessage> replay(long id, byte[] corrected) {
    Optional<StageReceipt> receipt = staging.replay(id, corrected, clock.instant());
    if (receipt.isEmpty()) {
      return Optional.empty();
    }
    applyPending();
    return staging.message(receipt.get().id());
  }

  /** Per source: messages by status, last arrival and arrivals per hour over {@code window}. */
  public List<SourceActivity> sources(Duration window) {
    return staging.sources(clock.instant().minus(window));
  }

  /** Starts counting one run's messages (a CLI invocation, a benchmark round). */
  public IngestRun newRun() {
    return new IngestRun(this, clock.instant());
  }

  Map<Long, StagingStore.MessageState> states(Collection<Long> ids) {
    return staging.states(ids);
  }
}
