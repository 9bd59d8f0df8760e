package io.tianshu.store;

/** Chooses the engine implementation for a configuration. */
final class StoreFactory {

  private StoreFactory() {}

  static CdrStore open(StoreConfig config) {
    StoreEngine engine =
        switch (config.dialect()) {
          case DUCKDB -> DuckDbEngine.open(config);
          case POSTGRESQL -> PostgresEngine.open(config);
        };
    return new JdbcCdrStore(engine, config.identifierKey());
  }
}
