package io.tianshu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tianshu.core.error.TianshuException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on the PostgreSQL server named by {@code TIANSHU_TEST_PG_URL}, {@code _USER}
 * and {@code _PASSWORD}, each test in a schema of its own. Skipped when the URL is unset, except
 * under {@code CI=true}, where a missing server must fail the build.
 */
class PostgresCdrStoreTest extends CdrStoreContract {

  private static final String URL = System.getenv("TIANSHU_TEST_PG_URL");
  private static final String USER = System.getenv("TIANSHU_TEST_PG_USER");
  private static final String PASSWORD = System.getenv("TIANSHU_TEST_PG_PASSWORD");

  private String schema;

  @BeforeAll
  static void requireServer() {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(URL).as("TIANSHU_TEST_PG_URL must be set in CI").isNotBlank();
    }
    assumeThat(URL).as("TIANSHU_TEST_PG_URL is not set: PostgreSQL tests skipped").isNotBlank();
  }

  @Override
  CdrStore openFresh() {
    schema = "ts_test_" + UUID.randomUUID().toString().replace("-", "");
    admin("CREATE SCHEMA " + schema);
    return reopen();
  }

  @Override
  CdrStore reopen() {
    String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return CdrStore.open(StoreConfig.postgres(url, USER, PASSWORD, KEY));
  }

  @Override
  long schemaVersions() {
    return store.inTransaction(
        connection -> {
          try (ResultSet rs =
              connection
                  .createStatement()
                  .executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  void forgetSchemaVersion(Connection connection, int version) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM flyway_schema_history WHERE version = ?")) {
      statement.setString(1, Integer.toString(version));
      statement.executeUpdate();
    }
  }

  @AfterEach
  void dropSchema() {
    if (store != null) {
      store.close();
      store = null;
    }
    if (schema != null) {
      admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void anUnreachableServerIsReportedWithHostAndPort() {
    StoreConfig config =
        StoreConfig.postgres("jdbc:postgresql://localhost:1/tianshu_test", USER, PASSWORD, KEY);

    assertThatThrownBy(() -> CdrStore.open(config))
        .isInstanceOfSatisfying(
            TianshuException.class,
            e -> assertThat(e.errorCode()).isEqualTo(StoreErrors.UNREACHABLE))
        .hasMessageContaining("localhost:1");
  }

  /** DDL on the test server; the schema name is generated here, never user input. */
  private static void admin(String ddl) {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
