package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.server.config.DataDirectory;
import io.tianshu.server.demo.ConnectorLoad;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import io.tianshu.store.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Generates a synthetic hospital, loads it into the CDR and serves the workbench. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate a synthetic hospital, load it and serve the workbench at http://localhost:PORT.")
final class DemoCommand implements Callable<Integer> {

  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--patients",
      defaultValue = "2000",
      description = "Patients to generate (default: ${DEFAULT-VALUE}).")
  int patients;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-serve", description = "Load only; print one JSON line of counts and exit.")
  boolean noServe;

  @Option(
      names = "--reset",
      description = "Delete the existing embedded database first and load afresh.")
  boolean reset;

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    if (patients < 1 || patients > 1_000_000) {
      throw new IllegalArgumentException("--patients must be between 1 and 1000000");
    }
    store.routeLogs(store.dataDir.toAbsolutePath().normalize());
    DataDirectory dir = DataDirectory.create(store.dataDir);
    if (reset && Dialect.DUCKDB.name().equalsIgnoreCase(store.dialect)) {
      Files.deleteIfExists(dir.duckdbFile());
      Files.deleteIfExists(
          dir.duckdbFile().resolveSibling(dir.duckdbFile().getFileName() + ".wal"));
    }
    CdrCounts counts;
    ConnectorLoad.Result ingest = null;
    try (CdrStore cdr = CdrStore.open(store.storeConfig(dir))) {
      CdrCounts before = cdr.counts();
      if (before.patients() > 0) {
        Console.info(
            "The data directory already holds "
                + before.patients()
                + " patients; using them (pass --reset to generate afresh).");
      } else {
        LocalDate asOf = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // Through the connector a site would use: exported as CSV extracts, staged, and applied
        // with the notes read as records are written (docs/architecture.md, "Demo").
        ConnectorLoad.Result loaded =
            ConnectorLoad.run(
                cdr,
                seed,
                patients,
                asOf,
                store.dataDir.toAbsolutePath().normalize().resolve("demo-sources"),
                ZoneId.of("Asia/Shanghai"),
                step ->
                    Console.progress(
                        switch (step.name()) {
                          case "export" -> "Generating the hospital's CSV extracts";
                          default -> "Ingesting the extracts, reading their notes (files)";
                        },
                        step.done(),
                        step.total()));
        ingest = loaded;
      }
      counts = cdr.counts();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (noServe) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("patients", counts.patients());
      line.put("encounters", counts.encounters());
      line.put("documents", counts.documents());
      line.put("facts", counts.facts());
      if (ingest != null) {
        line.put("rows", ingest.rows());
        line.put("received", ingest.ingest().received());
        line.put("accepted", ingest.ingest().accepted());
        line.put("updated", ingest.ingest().updated());
        line.put("quarantined", ingest.ingest().quarantined());
        line.put("held", ingest.ingest().held());
        line.put("structured", ingest.structured());
      }
      line.put("seconds", Math.round(seconds * 10) / 10.0);
      System.out.println(new ObjectMapper().writeValueAsString(line));
      return 0;
    }
    Console.info(
        String.format(
            "Loaded %d patients, %d encounters, %d documents, %d facts in %.1f s. Starting the server…",
            counts.patients(), counts.encounters(), counts.documents(), counts.facts(), seconds));
    ServerLauncher.start(port, store.springProperties(dir));
    System.out.println("Tianshu workbench: http://localhost:" + port + "  (Ctrl+C to stop)");
    return 0;
  }
}
