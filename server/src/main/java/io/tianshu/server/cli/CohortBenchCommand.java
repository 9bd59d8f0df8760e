package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.bench.CohortBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tianshu bench cohort}: a five-rule cohort compiled to SQL against hand-written SQL, and
 * in-memory evaluation, as JSON.
 */
@Command(
    name = "cohort",
    mixinStandardHelpOptions = true,
    description =
        "Time a five-rule cohort on a synthetic hospital in DuckDB: compiled SQL (count, attrition)"
            + " against hand-written SQL in the same run, and in-memory evaluation of one patient.")
final class CohortBenchCommand implements Callable<Integer> {

  @Option(
      names = "--patients",
      defaultValue = "1000000",
      description = "Patients (default: ${DEFAULT-VALUE}).")
  int patients;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--db",
      description =
          "DuckDB file to keep the hospital in and reuse: generation and load are skipped when it"
              + " already holds the same seed and patient count (1,000,000 patients take several"
              + " minutes and about 10 GB). Default: a temporary file, deleted afterwards.")
  Path db;

  @Option(
      names = "--repeats",
      defaultValue = "10",
      description = "Timed runs of each statement after a warm-up (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--samples",
      defaultValue = "1000",
      description = "Patients evaluated in memory (default: ${DEFAULT-VALUE}).")
  int samples;

  @Override
  public Integer call() throws IOException {
    if (patients < 1000 || patients > 1_000_000) {
      throw new IllegalArgumentException("--patients must be between 1000 and 1000000");
    }
    if (repeats < 1 || samples < 1) {
      throw new IllegalArgumentException("--repeats and --samples must be at least 1");
    }
    Path dir = Files.createTempDirectory("tianshu-bench-cohort");
    System.setProperty("tianshu.log.dir", dir.resolve("logs").toString());
    Path file = db != null ? db : dir.resolve("cohort.duckdb");
    try {
      Map<String, Object> result =
          CohortBenchmark.run(
              new CohortBenchmark.Options(patients, seed, file, repeats, samples), Console::info);
      System.out.println(new ObjectMapper().writeValueAsString(result));
    } finally {
      if (db == null) {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
      }
    }
    return 0;
  }
}
