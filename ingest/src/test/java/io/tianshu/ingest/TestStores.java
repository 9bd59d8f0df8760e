package io.tianshu.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.store.CdrStore;
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
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Real CDR stores for tests: an embedded DuckDB file in a temporary directory, and a fresh schema
 * on the PostgreSQL server named by {@code TIANSHU_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD}
 * when it is set (required under {@code CI=true}).
 */
public final class TestStores {

  public static final byte[] KEY =
      "ingest-module-test-key-012345678".getBytes(StandardCharsets.UTF_8);

  private static final String PG_URL = System.getenv("TIANSHU_TEST_PG_URL");
  private static final String PG_USER = System.getenv("TIANSHU_TEST_PG_USER");
  private static final String PG_PASSWORD = System.getenv("TIANSHU_TEST_PG_PASSWORD");

  private TestStores() {}

  /** An open store and how to drop it. */
  public record Opened(CdrStore store, Runnable drop, Path directory) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
      drop.run();
    }
  }

  /** Whether to run PostgreSQL too; fails under CI=true when no server is configured. */
  public static boolean postgresAvailable() {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(PG_URL).as("TIANSHU_TEST_PG_URL must be set in CI").isNotBlank();
    }
    return PG_URL != null && !PG_URL.isBlank();
  }

  public static Opened open(String engine) {
    return engine.equals("postgresql") ? postgres() : duckdb();
  }

  public static Opened duckdb() {
    try {
      Path directory = Files.createTempDirectory("tianshu-ingest-");
      CdrStore store = CdrStore.open(StoreConfig.duckdb(directory.resolve("cdr.duckdb"), KEY));
      return new Opened(store, () -> deleteTree(directory), directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Opened postgres() {
    String schema = "ts_ingest_" + UUID.randomUUID().toString().replace("-", "");
    admin("CREATE SCHEMA " + schema);
    CdrStore store = CdrStore.open(postgresConfig(schema));
    return new Opened(store, () -> admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE"), null);
  }

  /** The JDBC URL of a schema on the test server, for a child process. */
  public static StoreConfig postgresConfig(String schema) {
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return StoreConfig.postgres(url, PG_USER, PG_PASSWORD, KEY);
  }

  /** DDL on the test server; the schema name is generated here, never user input. */
  public static void admin(String ddl) {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
