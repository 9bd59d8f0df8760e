package io.tianshu.store;

import io.tianshu.core.error.TianshuException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The production engine: a PostgreSQL server, schema by Flyway, bulk loads by COPY FROM STDIN. */
final class PostgresEngine implements StoreEngine {

  /** Advisory lock key that serialises load commits of every Tianshu process on one database. */
  private static final long LOAD_LOCK = 0x7473_6364_72L;

  private final StoreConfig config;
  private final String hostPort;

  private PostgresEngine(StoreConfig config, String hostPort) {
    this.config = config;
    this.hostPort = hostPort;
  }

  /** Checks that the server answers, then migrates the schema with Flyway. */
  static PostgresEngine open(StoreConfig config) {
    Properties parsed = Driver.parseURL(config.jdbcUrl(), null);
    if (parsed == null) {
      throw new TianshuException(
          StoreErrors.CANNOT_OPEN, "Not a PostgreSQL JDBC URL: " + config.jdbcUrl());
    }
    String hostPort = parsed.getProperty("PGHOST") + ":" + parsed.getProperty("PGPORT");
    PostgresEngine engine = new PostgresEngine(config, hostPort);
    try (Connection probe = engine.connect()) {
      probe.rollback();
    } catch (SQLException e) {
      throw engine.connectFailure(e);
    }
    try {
      Flyway.configure(PostgresEngine.class.getClassLoader())
          .dataSource(config.jdbcUrl(), config.user(), config.password())
          .locations("classpath:db/postgresql")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new TianshuException(
          StoreErrors.MIGRATION_FAILED,
          "The schema of the PostgreSQL database at "
              + hostPort
              + " could not be migrated: "
              + e.getMessage(),
          e);
    }
    return engine;
  }

  private TianshuException connectFailure(SQLException e) {
    String state = String.valueOf(e.getSQLState());
    if (state.startsWith("08")) {
      return new TianshuException(
          StoreErrors.UNREACHABLE,
          "The PostgreSQL server at " + hostPort + " is unreachable: " + e.getMessage(),
          e);
    }
    if (state.startsWith("28")) {
      return new TianshuException(
          StoreErrors.CANNOT_OPEN,
          "The PostgreSQL server at "
              + hostPort
              + " refused the login of user "
              + config.user()
              + ".",
          e);
    }
    return new TianshuException(
        StoreErrors.CANNOT_OPEN,
        "Cannot open the PostgreSQL database at " + hostPort + ": " + e.getMessage(),
        e);
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (config.user() != null) {
      properties.setProperty("user", config.user());
    }
    if (config.password() != null) {
      properties.setProperty("password", config.password());
    }
    // Fail within seconds rather than hang when the server is down or filtered.
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("ApplicationName", "tianshu");
    Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties);
    connection.setAutoCommit(false);
    return connection;
  }

  @Override
  public void bulkLoad(Connection connection, CsvTableFile file) throws SQLException, IOException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    String sql =
        "COPY "
            + file.table().sqlName()
            + " ("
            + file.table().columnList()
            + ") FROM STDIN (FORMAT csv)";
    try (InputStream in = Files.newInputStream(file.path())) {
      copy.copyIn(sql, in, 1 << 16);
    }
  }

  @Override
  public void lockForLoad(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, LOAD_LOCK);
      lock.execute();
    }
  }

  @Override
  public String binaryCollation() {
    return " COLLATE \"C\"";
  }

  @Override
  public boolean needsSnapshotIsolation() {
    return true;
  }

  @Override
  public boolean splitsPatientReads() {
    return false;
  }

  @Override
  public String describe() {
    return "the PostgreSQL database at " + hostPort;
  }

  @Override
  public void close() {
    // connections belong to the pools, which the store closes
  }
}
