package io.tianshu.server.demo;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.table.TableFiles;
import io.tianshu.ingest.table.TableMappings;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's hospital as a real source: the synthetic hospital is exported as its data warehouse
 * would extract it (CSV tables), staged and applied through the table-extract connector with the
 * shipped {@code synthetic-hospital} mapping, and its documents are then read into note facts —
 * what a site does with its own extracts. {@link SyntheticLoad} (straight into the CDR) stays for
 * tests that need a hospital in a second.
 */
public final class ConnectorLoad {

  /** Staged units per apply batch: few large batches rewrite each patient's record few times. */
  private static final int BATCH_UNITS = 20_000;

  /** Patients structured and written back per CDR batch. */
  private static final int STRUCTURE_CHUNK = 500;

  /** What the load did, for the demo's summary line. */
  public record Result(IngestCounts ingest, long rows, int structured) {}

  /** A step and how far it got, for the console. */
  public record Step(String name, long done, long total) {}

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorLoad.class);

  private ConnectorLoad() {}

  /**
   * Exports the hospital to {@code workDir} (deleted afterwards), ingests it and structures its
   * notes.
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
      IngestFeed feed =
          new IngestFeed(
              store,
              new IngestSettings(hospitalZone, Duration.ofHours(24), true, BATCH_UNITS),
              Clock.systemUTC());
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
      int structured = structure(store, hospital, patients, progress);
      return new Result(counts, rows[0], structured);
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

  /** Reads every ingested patient's documents into note facts and writes the records back. */
  private static int structure(
      CdrStore store, SyntheticHospital hospital, int patients, Consumer<Step> progress) {
    NoteStructurer structurer = SyntheticLoad.structurer(hospital);
    int done = 0;
    for (int from = 0; from < patients; from += STRUCTURE_CHUNK) {
      List<String> ids = new ArrayList<>();
      for (int i = from; i < Math.min(patients, from + STRUCTURE_CHUNK); i++) {
        ids.add(hospital.patient(i).record().patient().id());
      }
      Map<String, PatientRecord> records = store.readPatients(ids);
      List<PatientRecord> structured =
          records.values().parallelStream().map(structurer::structure).toList();
      try (CdrWriter writer =
          store.writer("demo-nlp-" + SyntheticLoad.PIPELINE_VERSION + "-" + from, "nlp")) {
        structured.forEach(writer::add);
        writer.commit();
      }
      done += structured.size();
      progress.accept(new Step("structure", done, patients));
    }
    return done;
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
