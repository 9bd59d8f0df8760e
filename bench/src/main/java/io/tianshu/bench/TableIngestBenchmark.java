package io.tianshu.bench;

import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.table.TableFiles;
import io.tianshu.ingest.table.TableMapping;
import io.tianshu.ingest.table.TableMappings;
import io.tianshu.ingest.table.TableUnitFormat;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.ExportSummary;
import io.tianshu.synth.HospitalExporter;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * CSV rows per second through the table connector: the synthetic hospital's CSV export read,
 * mapped, staged in {@code ingest_message} and applied to the CDR (DuckDB), end to end as {@code
 * tianshu ingest table} does it. The same-run baseline is DuckDB's own CSV reader loading the same
 * files into tables of text columns (in memory, nothing mapped, staged or validated): the ceiling
 * of a bulk path, which the staged, exactly-once connector does not take.
 */
public final class TableIngestBenchmark {

  private static final byte[] KEY =
      "bench-identifier-key-not-secret".getBytes(StandardCharsets.UTF_8);

  private TableIngestBenchmark() {}

  /**
   * @param batchUnits staged units per apply batch ({@code tianshu ingest table --batch-units})
   */
  public static Map<String, Object> run(
      int patients, long seed, int batchUnits, Path workDir, Consumer<String> progress)
      throws IOException {
    Path csv = workDir.resolve("csv-" + patients);
    progress.accept("Generating the synthetic hospital's CSV export (" + patients + " patients)");
    ExportSummary summary =
        HospitalExporter.export(
            new SyntheticHospital(new SynthConfig(seed, patients, LocalDate.of(2026, 11, 1))),
            csv,
            null);
    TableMapping mapping = TableMappings.shipped("synthetic-hospital");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("patients", patients);
    out.put("facts_exported", summary.facts());
    progress.accept("CSV: baseline, DuckDB's CSV reader alone");
    out.put("baseline_duckdb_read_csv", duckdbReadCsv(csv));
    out.put("batch_units", batchUnits);
    Path db = workDir.resolve("table-" + UUID.randomUUID() + ".duckdb");
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(db, KEY))) {
      IngestFeed feed =
          new IngestFeed(
              store,
              new IngestSettings(
                  IngestSettings.defaults().hospitalZone(),
                  IngestSettings.defaults().holdTime(),
                  true,
                  batchUnits),
              Clock.systemUTC(),
              List.of(new TableUnitFormat(TableMappings.builtIn())));
      long[] rows = new long[2];
      progress.accept("Staging and applying the CSV rows (DuckDB)");
      long start = System.nanoTime();
      IngestCounts counts =
          TableFiles.ingest(
              feed,
              mapping,
              List.of(csv),
              p -> {
                rows[0] = p.rows();
                rows[1] = p.rowsSetApart();
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      out.put("rows", rows[0]);
      out.put("rows_set_apart", rows[1]);
      out.put("units", counts.received());
      out.put("accepted", counts.accepted());
      out.put("updated", counts.updated());
      out.put("quarantined", counts.quarantined());
      out.put("held", counts.held());
      out.put("seconds", Math.round(seconds * 1000) / 1000.0);
      out.put("rows_per_second", Math.round(rows[0] / seconds));
      out.put("target_rows_per_second", 200_000);
      long rerunStart = System.nanoTime();
      IngestCounts again = TableFiles.ingest(feed, mapping, List.of(csv), p -> {});
      double rerun = (System.nanoTime() - rerunStart) / 1e9;
      out.put("rerun_duplicates", again.duplicates());
      out.put("rerun_rows_per_second", Math.round(rows[0] / rerun));
    }
    return out;
  }

  private static Map<String, Object> duckdbReadCsv(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      long rows = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < files.size(); i++) {
        try (PreparedStatement load =
            c.prepareStatement(
                "CREATE TABLE t" + i + " AS SELECT * FROM read_csv(?, all_varchar = true)")) {
          load.setString(1, files.get(i).toAbsolutePath().toString());
          load.execute();
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM t" + i)) {
          rs.next();
          rows += rs.getLong(1);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      m.put("rows", rows);
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      m.put("rows_per_second", Math.round(rows / seconds));
    } catch (SQLException e) {
      throw new IOException("DuckDB could not read the CSV export", e);
    }
    return m;
  }
}
