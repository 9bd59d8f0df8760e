package io.tianshu.ingest.staging;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.hl7v2.MappedMessage;
import io.tianshu.ingest.hl7v2.PatientMerge;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.StoreErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a batch of staged messages to the CDR in one transaction: maps them (in parallel: it is a
 * pure function of the bytes), reads the patients they name, merges message by message in arrival
 * order, releases held messages whose patient arrived, and writes the changed records with one CDR
 * writer whose commit also records every message's new status. Either all of that is durable or
 * none of it is (docs/adr/0010-ingest-staging.md).
 */
final class CdrApplier {

  private static final DateTimeFormatter BATCH_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

  /** How long to wait for another CDR writer (the demo loader, a second feed) to finish. */
  private static final long WRITER_WAIT_MILLIS = 60_000;

  private final CdrStore store;
  private final StagingStore staging;
  private final UnitFormats ingestion;
  private final RecordMerge merge;
  private final RecordEnricher enricher;
  private final Clock clock;
  private final AtomicLong batches = new AtomicLong();

  CdrApplier(
      CdrStore store,
      StagingStore staging,
      UnitFormats ingestion,
      RecordMerge merge,
      RecordEnricher enricher,
      Clock clock) {
    this.store = store;
    this.staging = staging;
    this.ingestion = ingestion;
    this.merge = merge;
    this.enricher = enricher;
    this.clock = clock;
  }

  /** What one batch decided: its own rows and held rows of earlier batches it released. */
  record BatchResult(List<Decision> decisions) {

    long released() {
      return decisions.stream()
          .filter(d -> d.from() == MessageStatus.HELD && d.status() == MessageStatus.APPLIED)
          .count();
    }
  }

  BatchResult apply(List<PendingMessage> rows) {
    String batchId = batchId(rows);
    try {
      return applyTogether(rows, batchId);
    } catch (TianshuException e) {
      if (!e.errorCode().equals(ErrorCode.INVALID_ARGUMENT)) {
        throw e; // the store is at fault (unreachable, busy, raced): the rows stay STAGED
      }
      // The writer refused a merged record: a bug in merging one message. Find it, apply the rest.
      if (rows.size() == 1) {
        Decision d =
            new Decision.Quarantined(
                rows.get(0).id(),
                rows.get(0).status(),
                IngestErrorCode.INTERNAL,
                "the CDR refused the merged record: " + e.getMessage());
        store.inTransaction(
            c -> {
              staging.decide(c, List.of(d), batchId, clock.instant());
              return null;
            });
        return new BatchResult(List.of(d));
      }
      List<Decision> all = new ArrayList<>();
      for (PendingMessage row : rows) {
        all.addAll(apply(List.of(row)).decisions());
      }
      return new BatchResult(all);
    }
  }

  private BatchResult applyTogether(List<PendingMessage> rows, String batchId) {
    Map<Long, MessageOutcome> outcomes = map(rows, batchId);
    WorkingSet ws = new WorkingSet(store, staging);
    ws.prefetch(patientIds(outcomes.values()));
    Map<Long, Decision> decisions = new LinkedHashMap<>();
    Map<Long, PendingMessage> byId = new LinkedHashMap<>();
    List<StagingStore.MergeRow> merges = new ArrayList<>();
    for (PendingMessage row : rows) {
      byId.put(row.id(), row);
      decisions.put(row.id(), decide(row, row.status(), outcomes.get(row.id()), ws, merges));
    }
    release(ws, decisions, byId, outcomes, merges, batchId);
    write(ws, List.copyOf(decisions.values()), merges, batchId);
    return new BatchResult(List.copyOf(decisions.values()));
  }

  /**
   * Messages held for a patient this batch wrote get another try, in arrival order: those held
   * earlier in this batch and those held by earlier batches. A released message may write another
   * patient (a merge), so this repeats a few times.
   */
  private void release(
      WorkingSet ws,
      Map<Long, Decision> decisions,
      Map<Long, PendingMessage> byId,
      Map<Long, MessageOutcome> outcomes,
      List<StagingStore.MergeRow> merges,
      String batchId) {
    Set<String> tried = new HashSet<>();
    for (int pass = 0; pass < 4; pass++) {
      Set<String> arrivals = new LinkedHashSet<>(ws.touched());
      arrivals.removeAll(tried);
      if (arrivals.isEmpty()) {
        return;
      }
      tried.addAll(arrivals);
      Map<Long, MessageStatus> retry = new java.util.TreeMap<>();
      for (Decision d : decisions.values()) {
        if (d instanceof Decision.Held h && arrivals.contains(h.patientId())) {
          retry.put(d.id(), d.from());
        }
      }
      List<PendingMessage> earlier = new ArrayList<>();
      for (PendingMessage row : staging.held(arrivals)) {
        if (!byId.containsKey(row.id())) {
          earlier.add(row);
          byId.put(row.id(), row);
          retry.put(row.id(), MessageStatus.HELD);
        }
      }
      outcomes.putAll(map(earlier, batchId));
      for (Map.Entry<Long, MessageStatus> e : retry.entrySet()) {
        PendingMessage row = byId.get(e.getKey());
        decisions.put(row.id(), decide(row, e.getValue(), outcomes.get(row.id()), ws, merges));
      }
    }
  }

  private Decision decide(
      PendingMessage row,
      MessageStatus from,
      MessageOutcome outcome,
      WorkingSet ws,
      List<StagingStore.MergeRow> merges) {
    if (outcome instanceof MessageOutcome.Quarantined q) {
      return new Decision.Quarantined(row.id(), from, q.code(), q.reason());
    }
    WorkingSet.Mark mark = ws.mark();
    int mergesBefore = merges.size();
    try {
      RecordMerge.Result result =
          outcome instanceof MessageOutcome.Records records
              ? merge.apply(records.unit(), ws)
              : merge.apply(((MessageOutcome.Accepted) outcome).message(), row.id(), ws, merges);
      if (result instanceof RecordMerge.Result.Held h) {
        ws.reset(mark);
        return new Decision.Held(row.id(), from, h.patientId(), h.code(), h.reason());
      }
      return new Decision.Applied(row.id(), from, ((RecordMerge.Result.Applied) result).effect());
    } catch (IllegalArgumentException | NullPointerException e) {
      // A core record refused the merged values (e.g. a discharge before the corrected admission).
      ws.reset(mark);
      merges.subList(mergesBefore, merges.size()).clear();
      return new Decision.Quarantined(
          row.id(),
          from,
          IngestErrorCode.RECORD_INVALID,
          "cannot merge into the CDR record: " + e.getMessage());
    } catch (RuntimeException e) {
      ws.reset(mark);
      merges.subList(mergesBefore, merges.size()).clear();
      return new Decision.Quarantined(
          row.id(),
          from,
          IngestErrorCode.INTERNAL,
          e.getClass().getSimpleName() + " while merging: " + e.getMessage());
    }
  }

  private Map<Long, MessageOutcome> map(List<PendingMessage> rows, String batchId) {
    Map<Long, MessageOutcome> out = new java.util.concurrent.ConcurrentHashMap<>();
    // Parsing dominates the cost and is a pure function of the bytes: all cores share it.
    rows.parallelStream()
        .forEach(row -> out.put(row.id(), ingestion.ingest(row.toStaged(), batchId)));
    return out;
  }

  private static Set<String> patientIds(Collection<MessageOutcome> outcomes) {
    Set<String> ids = new LinkedHashSet<>();
    for (MessageOutcome o : outcomes) {
      if (o instanceof MessageOutcome.Records r) {
        for (RecordFragment f : r.unit().fragments()) {
          ids.add(f.patientId());
        }
      }
      if (o instanceof MessageOutcome.Accepted a) {
        MappedMessage m = a.message();
        m.patients().forEach(p -> ids.add(p.id()));
        m.labResults().forEach(l -> ids.add(l.patientId()));
        m.documents().forEach(d -> ids.add(d.patientId()));
        m.orders().forEach(x -> ids.add(x.patientId()));
        for (PatientMerge x : m.merges()) {
          ids.add(x.survivingPatientId());
          ids.add(x.priorPatientId());
        }
      }
    }
    return ids;
  }

  private void write(
      WorkingSet ws, List<Decision> decisions, List<StagingStore.MergeRow> merges, String batchId) {
    Instant now = clock.instant();
    Collection<PatientRecord> changed = enrich(ws);
    Set<String> removed = ws.removedFromStore();
    if (changed.isEmpty() && removed.isEmpty()) {
      store.inTransaction(
          c -> {
            staging.decide(c, decisions, batchId, now);
            staging.recordMerges(c, merges, batchId, now);
            return null;
          });
      return;
    }
    try (CdrWriter writer = openWriter(batchId)) {
      changed.forEach(writer::add);
      removed.forEach(writer::remove);
      writer.commit(
          c -> {
            staging.decide(c, decisions, batchId, now);
            staging.recordMerges(c, merges, batchId, now);
            return null;
          });
    }
  }

  /**
   * The batch's records as the enricher completes them, in the batch's order; in parallel, since
   * reading notes costs about as much as mapping the messages did.
   */
  private List<PatientRecord> enrich(WorkingSet ws) {
    List<PatientRecord> changed = List.copyOf(ws.changed());
    if (enricher == RecordEnricher.NONE) {
      return changed;
    }
    return changed.parallelStream()
        .map(r -> enricher.enrich(ws.storedRecord(r.patient().id()), r))
        .toList();
  }

  /** One CDR writer runs at a time per store: wait for another load to finish. */
  private CdrWriter openWriter(String batchId) {
    long deadline = System.currentTimeMillis() + WRITER_WAIT_MILLIS;
    while (true) {
      try {
        return store.writer(batchId, "ingest");
      } catch (TianshuException e) {
        if (!e.errorCode().equals(StoreErrors.LOAD_FAILED)
            || System.currentTimeMillis() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private String batchId(List<PendingMessage> rows) {
    long first = rows.isEmpty() ? 0 : rows.get(0).id();
    return "ingest-"
        + BATCH_TIME.format(clock.instant())
        + "-"
        + first
        + "-"
        + batches.incrementAndGet()
        + "-"
        + Long.toHexString(System.nanoTime() & 0xffffff);
  }
}
