package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.bench.VteBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tianshu bench vte}: VTE assessment latency and a 3,000-stay ward round, as JSON. */
@Command(
    name = "vte",
    mixinStandardHelpOptions = true,
    description =
        "Time VTE assessments of patients in a DuckDB CDR, one by one and as a ward round.")
final class VteBenchCommand implements Callable<Integer> {

  @Option(
      names = "--patients",
      defaultValue = "20000",
      description = "Patients (default: ${DEFAULT-VALUE}).")
  int patients;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--samples",
      defaultValue = "2000",
      description = "Timed single assessments (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--ward",
      defaultValue = "3000",
      description = "Stays in the ward round (default: ${DEFAULT-VALUE}).")
  int ward;

  @Option(
      names = "--threads",
      description = "Threads for the ward round (default: the machine's cores).")
  Integer threads;

  @Option(names = "--work-dir", description = "Scratch directory (default: a temporary one).")
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
    if (patients < 100 || patients > 1_000_000) {
      throw new IllegalArgumentException("--patients must be between 100 and 1000000");
    }
    Path dir = workDir != null ? workDir : Files.createTempDirectory("tianshu-bench-vte");
    System.setProperty("tianshu.log.dir", dir.resolve("logs").toString());
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Map<String, Object> result =
        VteBenchmark.run(
            new VteBenchmark.Options(
                patients,
                seed,
                dir,
                samples,
                ward,
                Math.max(1, t),
                pgUrl,
                pgUser,
                System.getenv("TIANSHU_BENCH_PG_PASSWORD")),
            Console::info);
    System.out.println(new ObjectMapper().writeValueAsString(result));
    return 0;
  }
}
