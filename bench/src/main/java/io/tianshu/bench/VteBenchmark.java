package io.tianshu.bench;

import io.tianshu.cds.vte.assess.VteAssessor;
import io.tianshu.cds.vte.knowledge.VteKnowledge;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code tianshu bench vte}: VTE assessment speed with structured data and note facts already in
 * the CDR. A synthetic hospital is generated, its notes structured and the whole loaded into
 * DuckDB; then (1) one stay is assessed at a time, reading the patient from the CDR, (2) the same
 * with the record already in memory, (3) the read alone as the same-run baseline, and (4) a ward
 * round: {@code ward} inpatient stays (3,000 by default, a 3,000-bed hospital) read in one bulk
 * read (with only the note facts the knowledge names) and each assessed at a moment inside the
 * stay, on all cores.
 */
public final class VteBenchmark {

  private static final byte[] KEY = "tianshu-bench-vte-key-0123456789".getBytes();

  /** Options; {@code ward} is the number of stays in the ward round. */
  public record Options(
      int patients,
      long seed,
      Path workDir,
      int samples,
      int ward,
      int threads,
      String pgUrl,
      String pgUser,
      String pgPassword) {}

  private record Stay(String patientId, String encounterId, LocalDateTime at) {}

  private VteBenchmark() {}

  public static Map<String, Object> run(Options o, Consumer<String> progress) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "vte");
    result.put("patients", o.patients());
    result.put("seed", o.seed());
    result.put("machine", Machine.describe());
    Files.createDirectories(o.workDir());
    Path duck = o.workDir().resolve("bench-vte.duckdb");
    Files.deleteIfExists(duck);
    Files.deleteIfExists(duck.resolveSibling("bench-vte.duckdb.wal"));
    progress.accept("DuckDB");
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(duck, KEY))) {
      result.put("duckdb", engine(store, o, progress));
    }
    if (o.pgUrl() == null) {
      result.put("postgresql", Map.of("skipped", "no --pg-url given"));
    } else {
      progress.accept("PostgreSQL");
      try (CdrStore store =
          CdrStore.open(StoreConfig.postgres(o.pgUrl(), o.pgUser(), o.pgPassword(), KEY))) {
        result.put("postgresql", engine(store, o, progress));
      }
    }
    return result;
  }

  private static Map<String, Object> engine(CdrStore store, Options o, Consumer<String> progress) {
    Map<String, Object> result = new LinkedHashMap<>();
    SyntheticHospital hospital =
        new SyntheticHospital(new SynthConfig(o.seed(), o.patients(), LocalDate.of(2026, 6, 30)));
    NoteStructurer structurer = new NoteStructurer();
    VteAssessor assessor = new VteAssessor(VteKnowledge.bundled());
    List<Stay> stays = new ArrayList<>();
    progress.accept("Generating, structuring and loading " + o.patients() + " patients");
    long t0 = System.nanoTime();
    long noteFacts = 0;
    // A run of its own: re-running the benchmark on the same PostgreSQL database replaces the
    // patients instead of refusing the batch.
    try (CdrWriter w = store.writer("bench-vte-" + o.seed() + "-" + System.nanoTime(), "synth")) {
      for (int i = 0; i < o.patients(); i++) {
        PatientRecord r = structurer.structure(hospital.patient(i).record());
        noteFacts += r.noteFacts().size();
        for (Encounter e : r.encounters()) {
          if (e.type() == EncounterType.INPATIENT && e.dischargedAt() != null) {
            // A moment inside the stay once the admission documents are in: what a ward round
            // re-assesses.
            LocalDateTime at = e.admittedAt().plusHours(30);
            stays.add(
                new Stay(
                    r.patient().id(),
                    e.id(),
                    at.isBefore(e.dischargedAt()) ? at : e.dischargedAt()));
          }
        }
        w.add(r);
      }
      w.commit();
    }
    result.put("load_seconds", round((System.nanoTime() - t0) / 1e9));
    result.put("inpatient_stays", stays.size());
    result.put("note_facts", noteFacts);

    int n = Math.min(o.samples(), stays.size());
    List<Stay> sample = spread(stays, n);
    // Warm-up: class loading and JIT, not measured.
    for (Stay s : spread(stays, Math.min(300, stays.size()))) {
      assessor.assess(store.readPatient(s.patientId()).orElseThrow(), s.encounterId(), s.at());
    }
    progress.accept("Timing " + n + " single assessments");
    long[] readAndAssess = new long[n];
    long[] assessOnly = new long[n];
    long[] readOnly = new long[n];
    for (int i = 0; i < n; i++) {
      Stay s = sample.get(i);
      long a = System.nanoTime();
      PatientRecord r = store.readPatient(s.patientId()).orElseThrow();
      long b = System.nanoTime();
      assessor.assess(r, s.encounterId(), s.at());
      long c = System.nanoTime();
      assessor.assess(r, s.encounterId(), s.at());
      long d = System.nanoTime();
      readAndAssess[i] = c - a;
      readOnly[i] = b - a;
      assessOnly[i] = d - c;
    }
    result.put("single_read_and_assess", Percentiles.of(readAndAssess));
    result.put("single_assess_in_memory", Percentiles.of(assessOnly));
    result.put("baseline_read_patient", Percentiles.of(readOnly));

    List<Stay> ward = spread(stays, Math.min(o.ward(), stays.size()));
    progress.accept("Ward round: " + ward.size() + " stays on " + o.threads() + " threads");
    result.put("ward_round", wardRound(store, assessor, ward, o.threads()));
    return result;
  }

  /**
   * The ward round: every stay's patient read from the CDR in one bulk read, then assessed on
   * {@code threads} threads. Reading and assessing are timed apart, and together.
   */
  private static Map<String, Object> wardRound(
      CdrStore store, VteAssessor assessor, List<Stay> ward, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      List<String> ids = ward.stream().map(Stay::patientId).distinct().toList();
      Map<String, PatientRecord> records =
          store.readPatients(ids, assessor.knowledge().noteConcepts());
      long t1 = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      int chunk = (ward.size() + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        List<Stay> part =
            ward.subList(Math.min(ward.size(), t * chunk), Math.min(ward.size(), (t + 1) * chunk));
        futures.add(
            pool.submit(
                () -> {
                  for (Stay s : part) {
                    assessor.assess(records.get(s.patientId()), s.encounterId(), s.at());
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      long t2 = System.nanoTime();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stays", ward.size());
      m.put("patients", ids.size());
      m.put("threads", threads);
      m.put("read_seconds", round((t1 - t0) / 1e9));
      m.put("assess_seconds", round((t2 - t1) / 1e9));
      m.put("seconds", round((t2 - t0) / 1e9));
      m.put("stays_per_second", Math.round(ward.size() / ((t2 - t0) / 1e9)));
      return m;
    } catch (Exception e) {
      throw new IllegalStateException("ward round failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code n} items spread evenly over the list (deterministic). */
  private static <T> List<T> spread(List<T> all, int n) {
    List<T> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    double step = (double) all.size() / n;
    for (int i = 0; i < n; i++) {
      out.add(all.get((int) (i * step)));
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
