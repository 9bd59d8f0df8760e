package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tianshu.query.search.DocumentIndex;
import io.tianshu.query.search.SearchMode;
import io.tianshu.query.search.SearchRequest;
import io.tianshu.query.search.SearchResult;
import io.tianshu.server.config.DataDirectory;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tianshu search QUERY}: the workbench's document search from the command line, over the
 * index in the data directory (rebuilt first when the CDR changed since it was built). Prints the
 * result as one JSON object.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Search clinical documents (CJK bigrams; AND, OR, NOT, \"phrases\"). By default only the"
            + " patient's own, current, affirmed mentions count: 发热 does not find 无发热.")
final class SearchCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(index = "0", description = "The query, e.g. 发热 AND 咳嗽.")
  String query;

  @Option(
      names = "--mode",
      defaultValue = "AFFIRMED",
      description = "AFFIRMED (default) or ALL mentions, negated and family ones included.")
  SearchMode mode;

  @Option(names = "--type", description = "Document types, e.g. ADMISSION_NOTE (repeatable).")
  List<String> types = List.of();

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Hits to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws IOException {
    DataDirectory data = DataDirectory.existing(store.dataDir);
    try (CdrStore cdr = CohortCommand.open(store);
        DocumentIndex index = DocumentIndex.open(data.root().resolve("search-index"))) {
      if (index.rebuildIfStale(cdr)) {
        Console.info("Built the search index from the CDR.");
      }
      SearchResult result =
          index.search(
              SearchRequest.of(query)
                  .withMode(mode)
                  .withFilter(Set.copyOf(types), Set.of(), null, null)
                  .withPage(0, limit));
      System.out.println(JSON.writeValueAsString(result));
      return 0;
    }
  }
}
