package io.tianshu.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.ingest.fhir.FhirFiles;
import io.tianshu.ingest.fhir.FhirUnitFormat;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.StagedMessage;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.FhirExport;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;

/**
 * FHIR R4 resources per second through the staging feed (staged and applied into an empty DuckDB
 * CDR), from the synthetic hospital's export ({@link FhirExport}): once as one transaction bundle
 * per patient, once as the same resources in the Bulk Data NDJSON layout (one unit per line). The
 * mapper is warmed up first (JIT), as in a running server.
 */
public final class FhirIngestBenchmark {

  private static final byte[] KEY =
      "bench-identifier-key-not-secret".getBytes(StandardCharsets.UTF_8);

  private static final int WARM_UP_BUNDLES = 400;

  private FhirIngestBenchmark() {}

  /** Runs both layouts; the work directory keeps the exported files. */
  public static Map<String, Object> run(
      int patients, long seed, Path workDir, Consumer<String> progress) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("patients", patients);
    progress.accept("FHIR: exporting " + patients + " patients as transaction bundles");
    long g0 = System.nanoTime();
    SyntheticHospital hospital =
        new SyntheticHospital(new SynthConfig(seed, patients, LocalDate.of(2026, 6, 30)));
    Path bundles = workDir.resolve("fhir-bundles");
    FhirExport.Written written = FhirExport.write(hospital, bundles);
    result.put("resources", written.resources());
    result.put("export_seconds", round((System.nanoTime() - g0) / 1e9));
    result.put("warmup_seconds", round(warmUp(bundles.resolve("fhir"))));
    progress.accept("FHIR: baseline, HAPI's JSON parser alone");
    result.put("baseline_hapi_parse", parseOnly(bundles.resolve("fhir"), written.resources()));
    progress.accept("FHIR: bundles into DuckDB");
    result.put("bundles", phase(bundles.resolve("fhir"), written.resources(), workDir));
    Path ndjson = workDir.resolve("fhir-ndjson");
    long lines = toNdjson(bundles.resolve("fhir"), ndjson);
    progress.accept("FHIR: Bulk NDJSON into DuckDB");
    result.put("ndjson", phase(ndjson, lines, workDir));
    return result;
  }

  /**
   * Maps the first bundles once, outside the timing: HAPI's parser and the mappings take about ten
   * seconds of JIT compilation to reach their steady speed, which a running server has long passed.
   */
  private static double warmUp(Path bundles) throws IOException {
    long t0 = System.nanoTime();
    FhirUnitFormat format = new FhirUnitFormat(IngestSettings.defaults().hospitalZone());
    try (Stream<Path> files = Files.list(bundles)) {
      List<Path> first = files.sorted().limit(WARM_UP_BUNDLES).toList();
      first.parallelStream()
          .forEach(
              f -> {
                try {
                  byte[] raw = Files.readAllBytes(f);
                  format.ingest(StagedMessage.of("warm-up", null, Instant.EPOCH, raw), "warm-up");
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The same-run baseline: HAPI's {@code JsonParser} parsing every bundle into R4 objects on one
   * thread (after the warm-up), nothing mapped or stored — what MEASURED.md anchors at 30,000
   * resources/s on one thread.
   */
  private static Map<String, Object> parseOnly(Path bundles, long resources) throws IOException {
    IParser parser = FhirContext.forR4().newJsonParser();
    List<Path> files;
    try (Stream<Path> list = Files.list(bundles)) {
      files = list.sorted().toList();
    }
    for (Path f : files.subList(0, Math.min(WARM_UP_BUNDLES, files.size()))) {
      parser.parseResource(Bundle.class, Files.readString(f));
    }
    long t0 = System.nanoTime();
    long parsed = 0;
    for (Path f : files) {
      parsed += parser.parseResource(Bundle.class, Files.readString(f)).getEntry().size();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threads", 1);
    m.put("resources", parsed);
    m.put("seconds", round(seconds));
    m.put("resources_per_s", Math.round(resources / seconds));
    return m;
  }

  private static Map<String, Object> phase(Path input, long resources, Path workDir) {
    Path file = workDir.resolve("fhir-" + UUID.randomUUID() + ".duckdb");
    Map<String, Object> m = new LinkedHashMap<>();
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(file, KEY))) {
      IngestFeed feed = new IngestFeed(store, IngestSettings.defaults(), Clock.systemUTC());
      long t0 = System.nanoTime();
      IngestCounts counts = FhirFiles.ingest(feed, List.of(input), "synth", p -> {});
      double seconds = (System.nanoTime() - t0) / 1e9;
      CdrCounts cdr = store.counts();
      m.put("units", counts.received());
      m.put("accepted", counts.accepted());
      m.put("updated", counts.updated());
      m.put("quarantined", counts.quarantined());
      m.put("held", counts.held());
      m.put("seconds", round(seconds));
      m.put("resources_per_s", Math.round(resources / seconds));
      m.put("cdr_patients", cdr.patients());
      m.put("cdr_facts", cdr.facts());
    } finally {
      try {
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
      } catch (IOException e) {
        // a leftover benchmark file is harmless
      }
    }
    return m;
  }

  /** The bundles' resources as {@code <Type>.ndjson} files; returns the number of lines. */
  private static long toNdjson(Path bundles, Path out) throws IOException {
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper();
    Map<String, BufferedWriter> writers = new HashMap<>();
    long lines = 0;
    try (Stream<Path> files = Files.list(bundles)) {
      for (Path f : files.sorted().toList()) {
        for (JsonNode entry : json.readTree(f.toFile()).path("entry")) {
          JsonNode r = entry.path("resource");
          BufferedWriter w =
              writers.computeIfAbsent(
                  r.path("resourceType").asText(),
                  type -> {
                    try {
                      return Files.newBufferedWriter(out.resolve(type + ".ndjson"));
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  });
          w.write(json.writeValueAsString(r));
          w.write('\n');
          lines++;
        }
      }
    } finally {
      for (BufferedWriter w : writers.values()) {
        w.close();
      }
    }
    return lines;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
