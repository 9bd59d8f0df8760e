package io.tianshu.server.cli;

import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.table.TableFiles;
import io.tianshu.ingest.table.TableMapping;
import io.tianshu.ingest.table.TableMappings;
import io.tianshu.ingest.table.TableUnitFormat;
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
 * {@code tianshu ingest table PATH… --mapping FILE|synthetic-hospital|mimic-iv-demo}: CSV extracts
 * (.csv, .csv.gz; files and directories) staged and applied through a table mapping; progress on
 * stderr, one JSON line of counts on stdout (units, and rows read and set apart).
 */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description =
        "Ingest CSV table extracts through a YAML table mapping (docs/table-mapping.md) and print"
            + " the counts as one JSON line.")
final class IngestTableCommand implements Callable<Integer> {

  /**
   * Staged units per apply batch. Applying rewrites every touched patient's whole record, so a
   * table extract (table by table, every patient in each) goes much faster in few large batches
   * than in the feed's default 2,000; memory holds at most this many patients' records.
   */
  static final int BATCH_UNITS = 20_000;

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin IngestCommand.FeedOptions feedOptions = new IngestCommand.FeedOptions();

  @Option(
      names = "--mapping",
      required = true,
      description = "A mapping YAML file, or a shipped mapping: synthetic-hospital, mimic-iv-demo.")
  String mapping;

  @Option(
      names = "--source",
      description = "Source system of the records (default: the mapping's source).")
  String source;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "CSV files or directories.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    TableMapping table = TableMappings.resolve(mapping);
    TableMappings registry =
        TableMappings.builtIn().find(table.key()).isPresent()
            ? TableMappings.builtIn()
            : TableMappings.builtIn().with(table);
    IngestSettings settings = feedOptions.settings(BATCH_UNITS);
    try (CdrStore cdr = IngestCommand.open(store)) {
      IngestFeed feed = feedOptions.feed(cdr, settings, List.of(new TableUnitFormat(registry)));
      TableFiles.Progress[] last = new TableFiles.Progress[1];
      IngestCounts counts =
          TableFiles.ingest(
              feed,
              table,
              source,
              paths,
              p -> {
                last[0] = p;
                Console.progress("CSV tables (" + p.rows() + " rows)", p.filesDone(), p.files());
              });
      if (last[0] != null && !last[0].skipped().isEmpty()) {
        Console.info("Skipped (no table or lookup of the mapping): " + last[0].skipped());
      }
      System.out.println(json(counts, last[0]));
      return 0;
    }
  }

  /** IngestCommand's counts line with the rows read and the rows set apart (quarantined alone). */
  private static String json(IngestCounts counts, TableFiles.Progress progress) throws IOException {
    String units = IngestCommand.json(counts);
    long rows = progress == null ? 0 : progress.rows();
    long apart = progress == null ? 0 : progress.rowsSetApart();
    return units.substring(0, units.length() - 1)
        + ",\"rows\":"
        + rows
        + ",\"rowsSetApart\":"
        + apart
        + "}";
  }
}
