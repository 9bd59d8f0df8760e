package io.tianshu.query;

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
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Real CDR stores for tests: an embedded DuckDB file in a temporary directory, and a fresh schema
 * on the PostgreSQL server named by {@code TIANSHU_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD}
 * when it is set (required under {@code CI=true}).
 */
final class TestStores {

  static final byte[] KEY = "query-module-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

  private static final String PG_URL = System.getenv("TIANSHU_TEST_PG_URL");
  private static final String PG_USER = System.getenv("TIANSHU_TEST_PG_USER");
  private static final String PG_PASSWORD = System.getenv("TIANSHU_TEST_PG_PASSWORD");

  private TestStores() {}

  /** Whether to run PostgreSQL too; fails under CI=true when no server is configured. */
  static boolean postgresAvailable() {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(PG_URL).as("TIANSHU_TEST_PG_URL must be set in CI").isNotBlank();
    }
    return PG_URL != null && !PG_URL.isBlank();
  }

  /** A store holding the given records, closed (and its data removed) by the returned handle. */
  static Opened duckdb(List<PatientRecord> records) {
    try {
      Path directory = Files.createTempDirectory("tianshu-query-");
      CdrStore store = CdrStore.open(StoreConfig.duckdb(directory.resolve("cdr.duckdb"), KEY));
      load(store, records);
      return new Opened(store, () -> deleteTree(directory));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Opened postgres(List<PatientRecord> records) {
    String schema = "ts_query_" + UUID.randomUUID().toString().replace("-", "");
    admin("CREATE SCHEMA " + schema);
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    CdrStore store = CdrStore.open(StoreConfig.postgres(url, PG_USER, PG_PASSWORD, KEY));
    load(store, records);
    return new Opened(store, () -> admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  private static void load(CdrStore store, List<PatientRecord> records) {
    try (CdrWriter writer = store.writer("query-test", "synth")) {
      records.forEach(writer::add);
      writer.commit();
    }
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

  private static void deleteTree(Path directory) {
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
