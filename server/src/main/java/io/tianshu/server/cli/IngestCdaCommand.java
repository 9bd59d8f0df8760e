package io.tianshu.server.cli;

import io.tianshu.ingest.cda.CdaFiles;
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
 * {@code tianshu ingest cda PATH… [--source NAME]}: WS/T 500-2016 CDA documents (one per file;
 * directories' {@code .xml} files) staged and applied; progress on stderr, one JSON line of counts
 * on stdout.
 */
@Command(
    name = "cda",
    mixinStandardHelpOptions = true,
    description =
        "Ingest CDA documents per WS/T 500-2016 (one document per file, directories' .xml files)"
            + " and print the counts as one JSON line.")
final class IngestCdaCommand implements Callable<Integer> {

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin IngestCommand.FeedOptions feedOptions = new IngestCommand.FeedOptions();

  @Option(
      names = "--source",
      description =
          "Source system of documents whose custodian (and author organisation) carries no id.")
  String source;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    try (CdrStore cdr = IngestCommand.open(store)) {
      IngestFeed feed = feedOptions.feed(cdr);
      IngestCounts counts =
          CdaFiles.ingest(
              feed,
              paths,
              source,
              p -> Console.progress("CDA documents", p.filesDone(), p.files()));
      System.out.println(IngestCommand.json(counts));
      return 0;
    }
  }
}
