package io.tianshu.server.cli;

import io.tianshu.server.config.DataDirectory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the API and workbench over an existing data directory. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the API and workbench.")
final class ServeCommand implements Callable<Integer> {

  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() {
    store.routeLogs(store.dataDir.toAbsolutePath().normalize());
    DataDirectory dir = DataDirectory.existing(store.dataDir);
    ServerLauncher.start(port, store.springProperties(dir));
    System.out.println("Tianshu workbench: http://localhost:" + port + "  (Ctrl+C to stop)");
    return 0;
  }
}
