package io.tianshu.server.cli;

import io.tianshu.ingest.fhir.FhirFiles;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tianshu ingest fhir PATH…}: FHIR R4 JSON bundles and Bulk Data NDJSON through the staging
 * feed; progress on stderr, one JSON line of counts on stdout.
 */
@Command(
    name = "fhir",
    mixinStandardHelpOptions = true,
    description =
        "Ingest FHIR R4 JSON: .json files (a Bundle or one resource each), .ndjson files (one"
            + " resource per line), directories (Bulk Data layout: Patient files first, then"
            + " Encounter, then the rest); print the counts as one JSON line.")
final class IngestFhirCommand implements Callable<Integer> {

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin IngestCommand.FeedOptions feedOptions = new IngestCommand.FeedOptions();

  @Option(
      names = "--source",
      defaultValue = FhirFiles.DEFAULT_SOURCE,
      description =
          "Source system of resources without meta.source, named in their provenance (default:"
              + " ${DEFAULT-VALUE}).")
  String source;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("--source must not be blank");
    }
    try (CdrStore cdr = IngestCommand.open(store)) {
      IngestFeed feed = feedOptions.feed(cdr);
      IngestCounts counts =
          FhirFiles.ingest(
              feed,
              paths,
              source.strip(),
              p ->
                  Console.progress(
                      "FHIR files (" + p.units() + " units)", p.filesDone(), p.files()));
      System.out.println(IngestCommand.json(counts));
      return 0;
    }
  }
}
