package io.tianshu.server.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line. */
@Command(
    name = "tianshu",
    mixinStandardHelpOptions = true,
    version = "Tianshu 0.1.0",
    description = "Tianshu (天枢) smart-hospital data platform.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      GenerateCommand.class,
      NlpCommand.class,
      CohortCommand.class,
      SearchCommand.class,
      VteCommand.class,
      IngestCommand.class,
      BenchCommand.class
    })
public final class TianshuCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Parses and runs; returns the process exit code. */
  public static int execute(String[] args) {
    CommandLine cli = new CommandLine(new TianshuCommand());
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          String name = ex.getCommandLine().getCommandSpec().qualifiedName();
          err.println("Error: " + ex.getMessage() + ". Run '" + name + " --help' for the options.");
          err.flush();
          return 2;
        });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Console.fail(ex));
    return cli.execute(args);
  }

  /** True when the command leaves a server running after {@code execute} returns. */
  public static boolean keepsRunning(String[] args) {
    if (args.length == 0) {
      return false;
    }
    boolean help = false;
    boolean noServe = false;
    for (String a : args) {
      help |= a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V");
      noServe |= a.equals("--no-serve");
    }
    return !help && (args[0].equals("serve") || (args[0].equals("demo") && !noServe));
  }
}
