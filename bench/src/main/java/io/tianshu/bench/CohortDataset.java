package io.tianshu.bench;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.LoadSummary;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The synthetic hospital of a cohort benchmark in a DuckDB file, generated and loaded once and
 * reused by later runs: a million patients take several minutes and about ten gigabytes, while the
 * queries under test take seconds. A marker table in the file records which hospital it holds.
 */
final class CohortDataset {

  /** The marker; {@code complete} stays false until the last batch is in. */
  private static final String MARKER = "bench_cohort_dataset";

  private static final byte[] KEY =
      "bench-cohort-identifier-key-not-secret".getBytes(StandardCharsets.UTF_8);
  private static final int CHUNK = 5_000;
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  /**
   * An open store and what was done to fill it.
   *
   * @param facts how the hospital got there: reused or generated, with timings
   */
  record Opened(CdrStore store, Map<String, Object> facts) {}

  /** What the marker says about a file. */
  private record Marker(
      long seed, int patients, LocalDate asOf, boolean complete, double generate, double load) {}

  private CohortDataset() {}

  /**
   * Opens {@code file} when it holds this hospital (same seed and size, fully loaded); otherwise
   * generates and loads it. A file this benchmark made for another hospital is replaced; any other
   * non-empty CDR is refused rather than overwritten.
   */
  static Opened open(Path file, long seed, int patients, Consumer<String> progress)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      CdrStore store = CdrStore.open(StoreConfig.duckdb(file, KEY));
      Optional<Marker> marker = readMarker(store);
      if (marker.isPresent() && matches(marker.get(), seed, patients)) {
        progress.accept("Reusing " + file + " (" + patients + " patients, seed " + seed + ")");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reused", true);
        facts.put("generate_seconds_when_made", marker.get().generate());
        facts.put("load_seconds_when_made", marker.get().load());
        return new Opened(store, facts);
      }
      long existing = store.counts().patients();
      store.close();
      if (marker.isEmpty() && existing > 0) {
        throw new IllegalStateException(
            file
                + " holds a CDR of "
                + existing
                + " patients that this benchmark did not make; choose another --db");
      }
      progress.accept("Replacing " + file + ": it holds another hospital or an unfinished load");
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
    }
    Map<String, Object> facts = generate(file, seed, patients, progress);
    // Reopened so that a fresh run queries a checkpointed file, exactly as a reusing run does.
    return new Opened(CdrStore.open(StoreConfig.duckdb(file, KEY)), facts);
  }

  private static boolean matches(Marker m, long seed, int patients) {
    return m.complete() && m.seed() == seed && m.patients() == patients && AS_OF.equals(m.asOf());
  }

  private static Map<String, Object> generate(
      Path file, long seed, int patients, Consumer<String> progress) {
    SyntheticHospital hospital = new SyntheticHospital(new SynthConfig(seed, patients, AS_OF));
    long generateNanos = 0;
    long loadNanos = 0;
    long rows = 0;
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(file, KEY))) {
      writeMarker(store, new Marker(seed, patients, AS_OF, false, 0, 0));
      Iterator<GeneratedPatient> it = hospital.iterator();
      int batch = 0;
      int loaded = 0;
      while (it.hasNext()) {
        long t0 = System.nanoTime();
        List<PatientRecord> chunk = new ArrayList<>(CHUNK);
        while (it.hasNext() && chunk.size() < CHUNK) {
          chunk.add(it.next().record());
        }
        long t1 = System.nanoTime();
        try (CdrWriter writer = store.writer("bench-cohort-" + seed + "-" + batch++, "synth")) {
          chunk.forEach(writer::add);
          LoadSummary summary = writer.commit();
          rows += summary.rows();
        }
        generateNanos += t1 - t0;
        loadNanos += System.nanoTime() - t1;
        loaded += chunk.size();
        if (batch % 20 == 0 || !it.hasNext()) {
          progress.accept("  loaded " + loaded + " of " + patients + " patients");
        }
      }
      writeMarker(
          store,
          new Marker(seed, patients, AS_OF, true, seconds(generateNanos), seconds(loadNanos)));
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("reused", false);
    facts.put("generate_seconds", seconds(generateNanos));
    facts.put("load_seconds", seconds(loadNanos));
    facts.put("rows_loaded", rows);
    facts.put("rows_per_s", Math.round(rows / (loadNanos / 1e9)));
    return facts;
  }

  private static double seconds(long nanos) {
    return LoadBenchmark.round(nanos / 1e9);
  }

  private static Optional<Marker> readMarker(CdrStore store) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement exists =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?"
                      + " AND table_catalog = current_database()")) {
            exists.setString(1, MARKER);
            try (ResultSet rs = exists.executeQuery()) {
              rs.next();
              if (rs.getLong(1) == 0) {
                return Optional.empty();
              }
            }
          }
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT seed, patients, as_of, complete, generate_seconds, load_seconds FROM "
                          + MARKER)) {
            if (!rs.next()) {
              return Optional.of(new Marker(0, 0, null, false, 0, 0));
            }
            return Optional.of(
                new Marker(
                    rs.getLong(1),
                    rs.getInt(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getBoolean(4),
                    rs.getDouble(5),
                    rs.getDouble(6)));
          }
        });
  }

  private static void writeMarker(CdrStore store, Marker m) {
    store.inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS "
                    + MARKER
                    + " (seed BIGINT, patients INTEGER, as_of DATE, complete BOOLEAN,"
                    + " generate_seconds DOUBLE, load_seconds DOUBLE)");
            s.execute("DELETE FROM " + MARKER);
          }
          try (PreparedStatement insert =
              c.prepareStatement("INSERT INTO " + MARKER + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, m.seed());
            insert.setInt(2, m.patients());
            insert.setObject(3, m.asOf());
            insert.setBoolean(4, m.complete());
            insert.setDouble(5, m.generate());
            insert.setDouble(6, m.load());
            insert.execute();
          }
          return null;
        });
  }
}
