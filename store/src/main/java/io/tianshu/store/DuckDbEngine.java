package io.tianshu.store;

import io.tianshu.core.error.TianshuException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * The embedded engine: one DuckDB file. One root connection owns the database; pools and writers
 * work on {@code duplicate()}s of it, which share the database but each run their own transactions.
 */
final class DuckDbEngine implements StoreEngine {

  private static final String PREFIX = "jdbc:duckdb:";

  /**
   * The name the database file is attached under; every connection makes it its default catalog.
   */
  private static final String CATALOG = "cdr";

  private static final String USE_CATALOG = "USE " + CATALOG;

  /**
   * Rows per row group, instead of DuckDB's default 122,880 (docs/adr/0005). readPatient picks one
   * patient's rows out of one row group per table, and scanning a dictionary-compressed string
   * column costs in proportion to its segment's dictionary: with 8,192-row groups the same read
   * does 2-3 times less work, while full scans (search, counts, activity) and the bulk load stay
   * within noise. A multiple of the vector size (2,048), as DuckDB requires. It is an option of
   * ATTACH, not a database setting, so the file is attached to an in-memory root rather than opened
   * by URL.
   */
  static final int ROW_GROUP_SIZE = 8_192;

  private final DuckDBConnection root;
  private final String name;
  private final boolean attached;
  private final Map<CdrTable, String> loadSql = new EnumMap<>(CdrTable.class);

  private DuckDbEngine(DuckDBConnection root, String name, boolean attached) {
    this.root = root;
    this.name = name;
    this.attached = attached;
  }

  /** The URL's {@code ?key=value} configuration options, if any, kept for the root database. */
  private static String options(String location, int query) {
    return query < 0 ? "" : location.substring(query);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // already failing
    }
  }

  /** Opens (creating if absent) the database file and migrates its schema. */
  static DuckDbEngine open(StoreConfig config) {
    String url = config.jdbcUrl();
    if (!url.startsWith(PREFIX)) {
      throw new TianshuException(StoreErrors.CANNOT_OPEN, "Not a DuckDB JDBC URL: " + url);
    }
    String location = url.substring(PREFIX.length());
    int query = location.indexOf('?');
    String file = query < 0 ? location : location.substring(0, query);
    boolean inMemory = file.isEmpty() || file.startsWith(":memory:");
    if (!inMemory) {
      checkDirectory(Path.of(file).toAbsolutePath());
    }
    String name = inMemory ? "the in-memory DuckDB database" : "the DuckDB file " + file;
    DuckDBConnection root;
    try {
      root =
          (DuckDBConnection)
              DriverManager.getConnection(inMemory ? url : PREFIX + options(location, query));
    } catch (SQLException e) {
      throw openFailure(e, file, name);
    }
    if (!inMemory) {
      try (Statement statement = root.createStatement()) {
        statement.execute(
            "ATTACH '"
                + file.replace("'", "''")
                + "' AS "
                + CATALOG
                + " (ROW_GROUP_SIZE "
                + ROW_GROUP_SIZE
                + ")");
        statement.execute(USE_CATALOG);
      } catch (SQLException e) {
        closeQuietly(root);
        throw openFailure(e, file, name);
      }
    }
    DuckDbEngine engine = new DuckDbEngine(root, name, !inMemory);
    try {
      DuckDbMigrations.migrate(root, name);
      engine.prepareLoadStatements();
    } catch (SQLException e) {
      engine.close();
      throw new TianshuException(
          StoreErrors.CANNOT_OPEN, "Cannot read the schema of " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  private static void checkDirectory(Path file) {
    Path directory = file.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new TianshuException(
          StoreErrors.CANNOT_OPEN,
          "The data directory " + directory + " does not exist or is not a directory.");
    }
    if (!Files.isWritable(directory) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new TianshuException(
          StoreErrors.CANNOT_OPEN, "The data directory " + directory + " is not writable.");
    }
  }

  private static TianshuException openFailure(SQLException e, String file, String name) {
    String message = String.valueOf(e.getMessage());
    // DuckDB reports a bad header or block checksum as an IO or serialization error with these
    // words.
    if (message.contains("not a valid DuckDB database")
        || message.contains("Corrupt")
        || message.contains("corrupt")
        || message.contains("checksum")) {
      return new TianshuException(
          StoreErrors.CORRUPT,
          "The DuckDB file "
              + file
              + " is corrupt or is not a DuckDB database; restore it from a backup.",
          e);
    }
    if (message.contains("already attached")) {
      return new TianshuException(
          StoreErrors.CANNOT_OPEN,
          "The DuckDB file " + file + " is already open in this process; share that store instead.",
          e);
    }
    if (message.contains("lock")) {
      return new TianshuException(
          StoreErrors.CANNOT_OPEN, "The DuckDB file " + file + " is in use by another process.", e);
    }
    return new TianshuException(StoreErrors.CANNOT_OPEN, "Cannot open " + name + ": " + message, e);
  }

  /**
   * The bulk path: {@code INSERT ... SELECT FROM read_csv(?)} with the column types read from the
   * catalog, so the spooled file is parsed by DuckDB's parallel CSV reader straight into the table.
   */
  private void prepareLoadStatements() throws SQLException {
    for (CdrTable table : CdrTable.values()) {
      Map<String, String> types = new LinkedHashMap<>();
      try (PreparedStatement statement =
          root.prepareStatement(
              "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                  + " AND table_catalog = current_database()")) {
        statement.setString(1, table.sqlName());
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            types.put(rows.getString(1), rows.getString(2));
          }
        }
      }
      root.commit();
      String columns =
          table.columns().stream()
              .map(c -> "'" + c + "': '" + requireType(types, table, c) + "'")
              .collect(Collectors.joining(", ", "{", "}"));
      loadSql.put(
          table,
          "INSERT INTO "
              + table.sqlName()
              + " ("
              + table.columnList()
              + ") SELECT * FROM read_csv(?,"
              + " header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
              // CsvTableFile ends rows with \n; left to sniff, DuckDB takes a carriage return
              // inside
              // a quoted value for the line ending and the load fails.
              + " new_line = '\\n',"
              + " allow_quoted_nulls = false, columns = "
              + columns
              + ")");
    }
  }

  private static String requireType(Map<String, String> types, CdrTable table, String column) {
    String type = types.get(column);
    if (type == null) {
      throw new IllegalStateException(
          table.sqlName() + "." + column + " is missing from the schema");
    }
    return type;
  }

  @Override
  public Dialect dialect() {
    return Dialect.DUCKDB;
  }

  @Override
  public Connection connect() throws SQLException {
    Connection connection = root.duplicate();
    if (attached) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(USE_CATALOG); // the default catalog is per connection
      }
    }
    connection.setAutoCommit(false);
    return connection;
  }

  @Override
  public void bulkLoad(Connection connection, CsvTableFile file) throws SQLException {
    try (PreparedStatement load = connection.prepareStatement(loadSql.get(file.table()))) {
      load.setString(1, file.path().toAbsolutePath().toString());
      load.execute();
    }
  }

  @Override
  public void lockForLoad(Connection connection) {
    // One process per DuckDB file, and the store admits one writer at a time.
  }

  @Override
  public String binaryCollation() {
    return ""; // DuckDB compares strings byte-wise by default
  }

  @Override
  public boolean needsSnapshotIsolation() {
    return false;
  }

  @Override
  public boolean splitsPatientReads() {
    return true;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    try {
      root.close();
    } catch (SQLException ignored) {
      // nothing useful to do while shutting down
    }
  }
}
