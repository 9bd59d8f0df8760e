package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.bench.LoadBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tianshu bench load}: CDR load throughput and read latency, as JSON on stdout. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Generate, load into DuckDB (and PostgreSQL with --pg-url), and time reads and searches.")
final class LoadBenchCommand implements Callable<Integer> {

  @Option(
      names = "--patients",
      defaultValue = "100000",
      description = "Patients (default: ${DEFAULT-VALUE}).")
  int patients;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--samples",
      defaultValue = "2000",
      description = "Timed reads per engine (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--work-dir",
      description = "Scratch directory for the DuckDB file (default: a temporary one).")
  Path workDir;

  @Option(
      names = "--pg-url",
      description =
          "PostgreSQL JDBC URL to benchmark too; its password comes from TIANSHU_BENCH_PG_PASSWORD.")
  String pgUrl;

  @Option(names = "--pg-user", description = "PostgreSQL user.")
  String pgUser;

  @Override
  public Integer call() throws IOException {
    if (patients < 1000 || patients > 1_000_000) {
      throw new IllegalArgumentException("--patients must be between 1000 and 1000000");
    }
    Path dir = workDir != null ? workDir : Files.createTempDirectory("tianshu-bench");
    System.setProperty("tianshu.log.dir", dir.resolve("logs").toString());
    var options =
        new LoadBenchmark.Options(
            patients,
            seed,
            dir,
            pgUrl,
            pgUser,
            System.getenv("TIANSHU_BENCH_PG_PASSWORD"),
            samples);
    Map<String, Object> result = LoadBenchmark.run(options, Console::info);
    System.out.println(new ObjectMapper().writeValueAsString(result));
    return 0;
  }
}
