package io.tianshu.server.demo;

import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.table.TableFiles;
import io.tianshu.ingest.table.TableMappings;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.store.CdrStore;
import io.tianshu.synth.HospitalExporter;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's hospital as a real source: the synthetic hospital is exported as its data warehouse
 * would extract it (CSV tables), staged and applied through the table-extract connector with the
 * shipped {@code synthetic-hospital} mapping, its documents read into note facts as each record is
 * written — what a site does with its own extracts. {@link SyntheticLoad} (straight into the CDR)
 * stays for tests that need a hospital in a second.
 */
public final class ConnectorLoad {

  /** Staged units per apply batch: few large batches rewrite each patient's record few times. */
  private static final int BATCH_UNITS = 20_000;

  /** What the load did, for the demo's summary line. */
  public record Result(IngestCounts ingest, long rows, int structured) {}

  /** A step and how far it got, for the console. */
  public record Step(String name, long done, long total) {}

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorLoad.class);

  private ConnectorLoad() {}

  /**
   * Exports the hospital to {@code workDir} (deleted afterwards) and ingests it, its notes read
   * into note facts as each record is written.
   */
  public static Result run(
      CdrStore store,
      long seed,
      int patients,
      LocalDate asOf,
      Path workDir,
      ZoneId hospitalZone,
      Consumer<Step> progress) {
    SynthConfig config = new SynthConfig(seed, patients, asOf);
    SyntheticHospital hospital = new SyntheticHospital(config);
    Path extract = workDir.resolve("csv");
    try {
      deleteTree(extract);
      Files.createDirectories(extract);
      HospitalExporter.export(
          hospital, extract, n -> progress.accept(new Step("export", n, patients)));
      // Notes are read as the records are written, as a hospital's feed has them read.
      NoteStructurer structurer = SyntheticLoad.structurer(hospital);
      Set<String> structured = ConcurrentHashMap.newKeySet();
      IngestFeed feed =
          new IngestFeed(
              store,
              new IngestSettings(hospitalZone, Duration.ofHours(24), true, BATCH_UNITS),
              Clock.systemUTC(),
              List.of(),
              (before, after) -> {
                structured.add(after.patient().id());
                return structurer.structure(before, after);
              });
      long[] rows = {0};
      IngestCounts counts =
          TableFiles.ingest(
              feed,
              TableMappings.shipped("synthetic-hospital"),
              List.of(extract),
              p -> {
                rows[0] = p.rows();
                progress.accept(new Step("ingest", p.filesDone(), p.files()));
              });
      if (counts.quarantined() > 0) {
        var first = feed.quarantine(null, 0, 1).items();
        LOG.warn(
            "{} staged units quarantined (see the integration page); first: {} {}",
            counts.quarantined(),
            first.isEmpty() ? "" : first.get(0).errorCode(),
            first.isEmpty() ? "" : first.get(0).reason());
      }
      return new Result(counts, rows[0], structured.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        deleteTree(extract);
      } catch (IOException e) {
        // the extract is scratch; a leftover directory is harmless
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
