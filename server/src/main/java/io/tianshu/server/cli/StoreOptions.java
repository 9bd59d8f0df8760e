package io.tianshu.server.cli;

import io.tianshu.server.config.DataDirectory;
import io.tianshu.server.config.StoreConfigs;
import io.tianshu.server.config.TianshuProperties;
import io.tianshu.store.StoreConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that open the CDR. */
final class StoreOptions {

  @Option(
      names = "--data-dir",
      defaultValue = "./data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--store",
      defaultValue = "duckdb",
      description = "duckdb (embedded, default) or postgresql.")
  String dialect;

  @Option(
      names = "--store-url",
      description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/tianshu.")
  String url;

  @Option(
      names = "--store-user",
      description = "PostgreSQL user; the password comes from TIANSHU_STORE_PASSWORD.")
  String user;

  /** Points the log file into the data directory; must run before anything logs. */
  void routeLogs(Path root) {
    System.setProperty("tianshu.log.dir", root.resolve("logs").toString());
  }

  TianshuProperties.Store storeSettings() {
    return new TianshuProperties.Store(dialect, url, user, System.getenv("TIANSHU_STORE_PASSWORD"));
  }

  StoreConfig storeConfig(DataDirectory dir) {
    return StoreConfigs.of(storeSettings(), dir);
  }

  /** The same settings as Spring properties, for starting the server. */
  Map<String, Object> springProperties(DataDirectory dir) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tianshu.data-dir", dir.root().toString());
    p.put("tianshu.store.dialect", dialect);
    if (url != null) {
      p.put("tianshu.store.url", url);
    }
    if (user != null) {
      p.put("tianshu.store.user", user);
    }
    return p;
  }
}
