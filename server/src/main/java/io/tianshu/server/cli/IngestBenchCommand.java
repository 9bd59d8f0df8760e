package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.bench.IngestBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tianshu bench ingest}: HL7 v2 from files and over MLLP into the CDR, as JSON on stdout.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Generate the synthetic hospital's HL7 v2 feed and time staging and applying it from files"
            + " and over one MLLP connection (DuckDB, and PostgreSQL with --pg-url).")
final class IngestBenchCommand implements Callable<Integer> {

  @Option(
      names = "--patients",
      defaultValue = "5000",
      description = "Patients (default: ${DEFAULT-VALUE}).")
  int patients;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--lockstep",
      defaultValue = "2000",
      description = "Messages sent waiting for each ACK (default: ${DEFAULT-VALUE}).")
  int lockstep;

  @Option(
      names = "--window",
      defaultValue = "200",
      description = "Messages in flight for the pipelining sender (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--fhir-patients",
      defaultValue = "1000",
      description = "Patients of the FHIR R4 phase, 0 to skip it (default: ${DEFAULT-VALUE}).")
  int fhirPatients;

  @Option(
      names = "--csv-patients",
      defaultValue = "2000",
      description =
          "Patients of the CSV table-extract phase, 0 to skip it (default: ${DEFAULT-VALUE}).")
  int csvPatients;

  @Option(names = "--work-dir", description = "Scratch directory (default: a temporary one).")
  Path workDir;

  @Option(
      names = "--pg-url",
      description =
          "PostgreSQL JDBC URL to benchmark too (a fresh schema per phase, dropped after); its"
              + " password comes from TIANSHU_BENCH_PG_PASSWORD.")
  String pgUrl;

  @Option(names = "--pg-user", description = "PostgreSQL user.")
  String pgUser;

  @Override
  public Integer call() throws IOException {
    if (patients < 100 || patients > 1_000_000) {
      throw new IllegalArgumentException("--patients must be between 100 and 1000000");
    }
    Path dir = workDir != null ? workDir : Files.createTempDirectory("tianshu-bench-ingest");
    System.setProperty("tianshu.log.dir", dir.resolve("logs").toString());
    var options =
        new IngestBenchmark.Options(
            patients,
            seed,
            dir,
            lockstep,
            window,
            pgUrl,
            pgUser,
            System.getenv("TIANSHU_BENCH_PG_PASSWORD"));
    Map<String, Object> result = IngestBenchmark.run(options, Console::info);
    if (fhirPatients > 0) {
      result.put(
          "fhir", io.tianshu.bench.FhirIngestBenchmark.run(fhirPatients, seed, dir, Console::info));
    }
    if (csvPatients > 0) {
      result.put(
          "csv",
          io.tianshu.bench.TableIngestBenchmark.run(
              csvPatients, seed, IngestTableCommand.BATCH_UNITS, dir, Console::info));
    }
    System.out.println(new ObjectMapper().writeValueAsString(result));
    return 0;
  }
}
