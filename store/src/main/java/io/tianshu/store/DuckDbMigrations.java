package io.tianshu.store;

import io.tianshu.core.error.TianshuException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies {@code db/duckdb/V<n>__<description>.sql} in version order and records each in {@code
 * tianshu_schema_history}, because Flyway 13 has no DuckDB support (docs/adr/0002). Like Flyway it
 * is a no-op when the schema is current and refuses to start when an applied script has changed
 * since.
 */
final class DuckDbMigrations {

  static final String LOCATION = "db/duckdb";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

  /** One migration script found on the classpath. */
  record Script(int version, String description, String sql, String checksum) {}

  private DuckDbMigrations() {}

  /** Brings the schema of the database behind {@code connection} to the newest script version. */
  static void migrate(Connection connection, String databaseName) {
    List<Script> scripts = scripts();
    try {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE IF NOT EXISTS tianshu_schema_history (version INTEGER PRIMARY KEY,"
                + " description VARCHAR NOT NULL, checksum VARCHAR NOT NULL, installed_at TIMESTAMP NOT NULL)");
      }
      connection.commit();
      Map<Integer, String> applied = applied(connection);
      checkApplied(scripts, applied, databaseName);
      for (Script script : scripts) {
        if (!applied.containsKey(script.version())) {
          apply(connection, script, databaseName);
        }
      }
    } catch (SQLException e) {
      rollbackQuietly(connection);
      throw new TianshuException(
          StoreErrors.MIGRATION_FAILED,
          "The schema of " + databaseName + " could not be migrated: " + e.getMessage(),
          e);
    }
  }

  private static void checkApplied(
      List<Script> scripts, Map<Integer, String> applied, String databaseName) {
    Map<Integer, Script> byVersion = new TreeMap<>();
    scripts.forEach(s -> byVersion.put(s.version(), s));
    for (Map.Entry<Integer, String> entry : applied.entrySet()) {
      Script script = byVersion.get(entry.getKey());
      if (script == null) {
        throw new TianshuException(
            StoreErrors.MIGRATION_FAILED,
            databaseName
                + " has schema version "
                + entry.getKey()
                + ", which this Tianshu does not know: it was written by a newer release.");
      }
      if (!script.checksum().equals(entry.getValue())) {
        throw new TianshuException(
            StoreErrors.MIGRATION_FAILED,
            "Migration V"
                + script.version()
                + "__"
                + script.description()
                + ".sql changed after it was applied to "
                + databaseName
                + "; applied scripts must never be edited, add a new version instead.");
      }
    }
  }

  private static Map<Integer, String> applied(Connection connection) throws SQLException {
    Map<Integer, String> applied = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version, checksum FROM tianshu_schema_history")) {
      while (rows.next()) {
        applied.put(rows.getInt(1), rows.getString(2));
      }
    }
    connection.commit();
    return applied;
  }

  /** Runs one script and its history row in one transaction: DuckDB's DDL is transactional. */
  private static void apply(Connection connection, Script script, String databaseName)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(script.sql())) {
        statement.execute(sql);
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO tianshu_schema_history (version, description, checksum, installed_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setInt(1, script.version());
      insert.setString(2, script.description());
      insert.setString(3, script.checksum());
      insert.setObject(4, LocalDateTime.now());
      insert.executeUpdate();
    }
    connection.commit();
  }

  /** Splits a script at semicolons that end a line; the scripts keep semicolons out of literals. */
  static List<String> statements(String sql) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  /** The scripts under {@link #LOCATION}, from a directory or from inside the store jar. */
  static List<Script> scripts() {
    URL url = DuckDbMigrations.class.getClassLoader().getResource(LOCATION);
    if (url == null) {
      throw new IllegalStateException(LOCATION + " is missing from the classpath");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return read(Path.of(uri));
      }
      FileSystem jar;
      boolean opened;
      try {
        jar = FileSystems.newFileSystem(uri, Map.of());
        opened = true;
      } catch (FileSystemAlreadyExistsException e) {
        jar = FileSystems.getFileSystem(uri);
        opened = false; // someone else's: not ours to close
      }
      try {
        return read(jar.provider().getPath(uri));
      } finally {
        if (opened) {
          jar.close();
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the migrations in " + url, e);
    }
  }

  private static List<Script> read(Path directory) throws IOException {
    List<Script> scripts = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
          continue;
        }
        String sql;
        try (InputStream in = Files.newInputStream(file)) {
          sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        scripts.add(new Script(Integer.parseInt(name.group(1)), name.group(2), sql, checksum(sql)));
      }
    }
    scripts.sort(Comparator.comparingInt(Script::version));
    return scripts;
  }

  static String checksum(String sql) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(sql.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the migration error is the one worth reporting
    }
  }
}
