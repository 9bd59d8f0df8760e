package io.tianshu.bench;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.LoadSummary;
import io.tianshu.store.PatientQuery;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * {@code tianshu bench load}: generation speed, CDR load throughput into DuckDB and PostgreSQL, and
 * the latency of reading one patient's whole record and of a patient search. Each engine's bare
 * bulk path on a plain 12-column table is measured in the same run as the baseline, so the figures
 * read as ratios.
 */
public final class LoadBenchmark {

  /**
   * Benchmark settings.
   *
   * @param pgUrl PostgreSQL JDBC URL; null skips PostgreSQL
   * @param workDir where the DuckDB file goes (deleted first)
   */
  public record Options(
      int patients,
      long seed,
      Path workDir,
      String pgUrl,
      String pgUser,
      String pgPassword,
      int samples) {}

  private static final int CHUNK = 5_000;
  private static final byte[] KEY =
      "bench-identifier-key-not-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private LoadBenchmark() {}

  public static Map<String, Object> run(Options options, Consumer<String> progress)
      throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "load");
    result.put("patients", options.patients());
    result.put("seed", options.seed());
    result.put("machine", Machine.describe());
    LocalDate asOf = LocalDate.of(2026, 6, 30);
    SyntheticHospital hospital =
        new SyntheticHospital(new SynthConfig(options.seed(), options.patients(), asOf));

    Files.createDirectories(options.workDir());
    Path duck = options.workDir().resolve("bench.duckdb");
    Files.deleteIfExists(duck);
    Files.deleteIfExists(duck.resolveSibling("bench.duckdb.wal"));
    progress.accept("DuckDB: generating and loading " + options.patients() + " patients");
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(duck, KEY))) {
      Map<String, Object> engine = engine(store, hospital, options, progress);
      result.put("generate", engine.remove("generate"));
      engine.put(
          "baseline",
          Baselines.duckdbAppender(options.workDir().resolve("baseline.duckdb"), 1_000_000));
      result.put("duckdb", engine);
    }
    if (options.pgUrl() == null) {
      result.put("postgresql", Map.of("skipped", "no --pg-url given"));
    } else {
      progress.accept("PostgreSQL: loading " + options.patients() + " patients");
      try (CdrStore store =
          CdrStore.open(
              StoreConfig.postgres(options.pgUrl(), options.pgUser(), options.pgPassword(), KEY))) {
        Map<String, Object> engine = engine(store, hospital, options, progress);
        engine.remove("generate");
        engine.put(
            "baseline",
            Baselines.postgresCopy(
                options.pgUrl(), options.pgUser(), options.pgPassword(), 1_000_000));
        result.put("postgresql", engine);
      }
    }
    return result;
  }

  /**
   * Loads the hospital in chunks, timing generation and loading apart (generation is not charged to
   * the store), then times reads and searches. The generation figure is returned under {@code
   * generate}.
   */
  private static Map<String, Object> engine(
      CdrStore store, SyntheticHospital hospital, Options options, Consumer<String> progress) {
    long generateNanos = 0;
    long loadNanos = 0;
    long rows = 0;
    long facts = 0;
    Iterator<GeneratedPatient> it = hospital.iterator();
    int chunkNo = 0;
    String run = Long.toHexString(System.nanoTime());
    while (it.hasNext()) {
      long g0 = System.nanoTime();
      List<PatientRecord> chunk = new ArrayList<>(CHUNK);
      while (it.hasNext() && chunk.size() < CHUNK) {
        chunk.add(it.next().record());
      }
      long g1 = System.nanoTime();
      try (CdrWriter writer = store.writer("bench-" + run + "-" + chunkNo++, "bench")) {
        for (PatientRecord r : chunk) {
          writer.add(r);
        }
        LoadSummary s = writer.commit();
        rows += s.rows();
        facts += s.facts();
      }
      long g2 = System.nanoTime();
      generateNanos += g1 - g0;
      loadNanos += g2 - g1;
      progress.accept(
          "  loaded " + Math.min((long) chunkNo * CHUNK, options.patients()) + " patients");
    }
    Map<String, Object> generation = new LinkedHashMap<>();
    generation.put("seconds", round(generateNanos / 1e9));
    generation.put("patients_per_s", Math.round(options.patients() / (generateNanos / 1e9)));
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("generate", generation);
    engine.put("rows", rows);
    engine.put("facts", facts);
    engine.put("load_seconds", round(loadNanos / 1e9));
    engine.put("rows_per_s", Math.round(rows / (loadNanos / 1e9)));
    engine.put("read_patient", readLatency(store, options));
    engine.put("search_patients", searchLatency(store, options));
    return engine;
  }

  private static Map<String, Object> readLatency(CdrStore store, Options options) {
    Random random = new Random(options.seed());
    for (int i = 0; i < 200; i++) {
      store.readPatient(patientId(random.nextInt(options.patients())));
    }
    long[] nanos = new long[options.samples()];
    long rows = 0;
    for (int i = 0; i < nanos.length; i++) {
      String id = patientId(random.nextInt(options.patients()));
      long t0 = System.nanoTime();
      PatientRecord r =
          store.readPatient(id).orElseThrow(() -> new IllegalStateException("missing " + id));
      nanos[i] = System.nanoTime() - t0;
      rows += r.factCount() + r.documents().size() + 1;
    }
    Map<String, Object> m = Percentiles.of(nanos);
    m.put("mean_rows_per_patient", Math.round((double) rows / nanos.length));
    return m;
  }

  private static Map<String, Object> searchLatency(CdrStore store, Options options) {
    Random random = new Random(options.seed() + 1);
    List<String> departments = store.departments();
    List<PatientQuery> queries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      var p = store.readPatient(patientId(random.nextInt(options.patients()))).orElseThrow();
      queries.add(new PatientQuery(p.patient().mrn(), null, null, null, 0, 20));
      queries.add(new PatientQuery(p.patient().name().substring(0, 1), null, null, null, 0, 20));
      queries.add(
          new PatientQuery(
              null,
              departments.get(random.nextInt(departments.size())),
              LocalDate.of(2026, 1, 1),
              LocalDate.of(2026, 3, 31),
              0,
              20));
    }
    for (int i = 0; i < 50; i++) {
      store.searchPatients(queries.get(i % queries.size()));
    }
    long[] nanos = new long[Math.min(options.samples(), 1000)];
    for (int i = 0; i < nanos.length; i++) {
      PatientQuery q = queries.get(random.nextInt(queries.size()));
      long t0 = System.nanoTime();
      store.searchPatients(q);
      nanos[i] = System.nanoTime() - t0;
    }
    Map<String, Object> m = Percentiles.of(nanos);
    m.put("query_mix", "exact MRN, surname prefix, department + quarter (1/3 each), page of 20");
    return m;
  }

  static String patientId(int index) {
    return String.format("P%07d", index + 1);
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
