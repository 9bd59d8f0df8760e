package io.tianshu.server.search;

import io.tianshu.core.error.TianshuException;
import io.tianshu.query.search.DocumentIndex;
import io.tianshu.query.search.IndexStatus;
import io.tianshu.store.CdrStore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the document index in step with the CDR: at start-up, after the demo data are loaded, it is
 * built unless the index on disk was built from the same store content; afterwards it is rebuilt on
 * a schedule whenever a load batch has been committed since, which is how documents that arrive
 * later become searchable. Searches go on against the previous build meanwhile.
 */
@Component
@Order(30)
class SearchIndexRefresh implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(SearchIndexRefresh.class);

  private final DocumentIndex index;
  private final CdrStore store;

  SearchIndexRefresh(DocumentIndex index, CdrStore store) {
    this.index = index;
    this.store = store;
  }

  @Override
  public void run(ApplicationArguments args) {
    refresh();
  }

  /** Rebuilds when the store has changed (checked every 10 minutes by default). */
  @Scheduled(
      initialDelayString = "${tianshu.search.refresh-minutes:10}",
      fixedDelayString = "${tianshu.search.refresh-minutes:10}",
      timeUnit = TimeUnit.MINUTES)
  void refresh() {
    try {
      if (index.rebuildIfStale(store)) {
        IndexStatus s = index.status();
        log.info("Document index built: {} documents in {} ms", s.documents(), s.buildMillis());
      }
    } catch (TianshuException e) {
      // The server is of use without search; the next refresh or an admin's reindex tries again.
      log.error("{} {}", e.errorCode().code(), e.getMessage(), e);
    }
  }
}
