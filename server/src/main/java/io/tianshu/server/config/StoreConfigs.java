package io.tianshu.server.config;

import io.tianshu.store.StoreConfig;

/** The command line's way to build the same store configuration as the server. */
public final class StoreConfigs {

  private StoreConfigs() {}

  public static StoreConfig of(TianshuProperties.Store store, DataDirectory dataDirectory) {
    return StoreConfiguration.storeConfig(store, dataDirectory);
  }
}
