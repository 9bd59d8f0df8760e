package io.tianshu.server.cli;

import picocli.CommandLine.Command;

/** Benchmarks; each prints one JSON object. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run a benchmark and print JSON.",
    subcommands = {
      LoadBenchCommand.class,
      VteBenchCommand.class,
      CohortBenchCommand.class,
      IngestBenchCommand.class
    })
final class BenchCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
