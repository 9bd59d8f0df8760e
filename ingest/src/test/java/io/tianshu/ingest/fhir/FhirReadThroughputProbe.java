package io.tianshu.ingest.fhir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: reads the Synthea sample bundles repeatedly on one thread and prints the throughput
 * as JSON (resources read per second, including those skipped without parsing).
 *
 * <pre>
 * ./mvnw -q -pl ingest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.tianshu.ingest.fhir.FhirReadThroughputProbe \
 *   -Dexec.args="../shared/data/ingest/fhir/synthea-mcode-100/fhir 5"
 * </pre>
 */
public final class FhirReadThroughputProbe {

  private FhirReadThroughputProbe() {}

  public static void main(String[] args) throws IOException {
    Path dir =
        Path.of(args.length > 0 ? args[0] : "../shared/data/ingest/fhir/synthea-mcode-100/fhir");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> bundles = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        bundles.add(Files.readString(file));
        bytes += Files.size(file);
      }
    }
    FhirR4Reader reader = FhirR4Reader.shared();
    readAll(reader, bundles); // warm-up: JIT and HAPI's model introspection
    long resources = 0;
    long records = 0;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      for (String bundle : bundles) {
        FhirReadResult result = reader.readBundle(bundle, "synthea");
        resources += result.resourcesRead();
        records += result.records().stream().mapToLong(r -> r.factCount()).sum();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "{\"bundles\": %d, \"rounds\": %d, \"seconds\": %.2f, \"resourcesPerSecond\": %.0f,"
            + " \"factsPerSecond\": %.0f, \"megabytesPerSecond\": %.1f, \"javaVersion\": \"%s\","
            + " \"processors\": %d}%n",
        bundles.size(),
        rounds,
        seconds,
        resources / seconds,
        records / seconds,
        bytes * rounds / seconds / 1e6,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
  }

  private static void readAll(FhirR4Reader reader, List<String> bundles) {
    for (String bundle : bundles) {
      reader.readBundle(bundle, "synthea");
    }
  }
}
