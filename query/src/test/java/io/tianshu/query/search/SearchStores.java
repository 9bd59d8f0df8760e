package io.tianshu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Real CDR stores for the search tests, as the query module's other tests use them: embedded DuckDB
 * in a temporary directory, and a fresh schema on the PostgreSQL server named by {@code
 * TIANSHU_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD} when it is set (required under {@code
 * CI=true}).
 */
final class SearchStores {

  private static final byte[] KEY =
      "search-module-test-key-012345678".getBytes(StandardCharsets.UTF_8);
  private static final String PG_URL = System.getenv("TIANSHU_TEST_PG_URL");
  private static final String PG_USER = System.getenv("TIANSHU_TEST_PG_USER");
  private static final String PG_PASSWORD = System.getenv("TIANSHU_TEST_PG_PASSWORD");

  private SearchStores() {}

  /** The engines to run on: DuckDB always, PostgreSQL when configured. */
  static List<String> engines() {
    List<String> engines = new ArrayList<>(List.of("duckdb"));
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(PG_URL).as("TIANSHU_TEST_PG_URL must be set in CI").isNotBlank();
    }
    if (PG_URL != null && !PG_URL.isBlank()) {
      engines.add("postgresql");
    }
    return engines;
  }

  /** An empty store on {@code engine}, removed with its data when closed. */
  static Opened open(String engine) {
    return engine.equals("postgresql") ? postgres() : duckdb();
  }

  static void load(CdrStore store, String batchId, List<PatientRecord> records) {
    try (CdrWriter writer = store.writer(batchId, "test")) {
      records.forEach(writer::add);
      writer.commit();
    }
  }

  private static Opened duckdb() {
    try {
      Path directory = Files.createTempDirectory("tianshu-search-");
      CdrStore store = CdrStore.open(StoreConfig.duckdb(directory.resolve("cdr.duckdb"), KEY));
      return new Opened(store, () -> deleteTree(directory));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Opened postgres() {
    String schema = "ts_search_" + UUID.randomUUID().toString().replace("-", "");
    admin("CREATE SCHEMA " + schema);
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    CdrStore store = CdrStore.open(StoreConfig.postgres(url, PG_USER, PG_PASSWORD, KEY));
    return new Opened(store, () -> admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /** DDL on the test server; the schema name is generated here, never user input. */
  private static void admin(String ddl) {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An open store and how to dispose of it. */
  record Opened(CdrStore store, Runnable cleanup) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
      cleanup.run();
    }
  }
}
