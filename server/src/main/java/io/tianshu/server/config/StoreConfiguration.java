package io.tianshu.server.config;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import java.time.Clock;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the CDR named by the configuration and provides the hospital clock. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  static final ErrorCode BAD_STORE_SETTING =
      new ErrorCode("TS-SERVER-002", 500, "The database settings are invalid");

  @Bean
  DataDirectory dataDirectory(TianshuProperties properties) {
    return DataDirectory.create(properties.dataDir());
  }

  @Bean(destroyMethod = "close")
  CdrStore cdrStore(TianshuProperties properties, DataDirectory dataDirectory) {
    return CdrStore.open(storeConfig(properties.store(), dataDirectory));
  }

  @Bean
  Clock hospitalClock(TianshuProperties properties) {
    return Clock.system(properties.timeZone());
  }

  /** Translates the settings into a store configuration; shared with the command line. */
  static StoreConfig storeConfig(TianshuProperties.Store store, DataDirectory dataDirectory) {
    String dialect = store.dialect() == null ? "duckdb" : store.dialect().toLowerCase(Locale.ROOT);
    return switch (dialect) {
      case "duckdb" ->
          StoreConfig.duckdb(dataDirectory.duckdbFile(), dataDirectory.identifierKey());
      case "postgresql", "postgres" -> {
        if (store.url() == null || store.url().isBlank()) {
          throw new TianshuException(
              BAD_STORE_SETTING,
              "tianshu.store.url must name the PostgreSQL JDBC URL when the dialect is postgresql.");
        }
        yield StoreConfig.postgres(
            store.url(), store.user(), store.password(), dataDirectory.identifierKey());
      }
      default ->
          throw new TianshuException(
              BAD_STORE_SETTING,
              "Unknown database dialect '" + store.dialect() + "'; use duckdb or postgresql.");
    };
  }
}
