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
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * CSV rows per second through the table connector: the synthetic hospital's CSV export read,
 * mapped, staged in {@code ingest_message} and applied to the CDR (DuckDB), end to end as {@code
 * tianshu ingest table} does it. Transfer rows are staged and quarantined (TS-INGEST-410), so they
 * count as rows read but write no records.
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
}
