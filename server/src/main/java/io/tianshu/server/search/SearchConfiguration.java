package io.tianshu.server.search;

import io.tianshu.query.search.DocumentIndex;
import io.tianshu.server.config.DataDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The document index, kept in {@code search-index/} of the data directory beside the embedded CDR
 * (also when the CDR is on PostgreSQL: it is derived data of this server, rebuilt from the CDR).
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

  @Bean(destroyMethod = "close")
  DocumentIndex documentIndex(DataDirectory dataDirectory) {
    return DocumentIndex.open(dataDirectory.root().resolve("search-index"));
  }
}
