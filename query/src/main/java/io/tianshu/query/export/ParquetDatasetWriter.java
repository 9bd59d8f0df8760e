package io.tianshu.query.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Parquet through an in-memory DuckDB: rows go into a typed table with DuckDB's appender, and
 * {@code COPY ... (FORMAT parquet)} writes the file, so column types (numbers, booleans, timestamps
 * without zone) are Parquet's own. The file is written into a fresh temporary directory; the caller
 * moves it where it belongs.
 */
final class ParquetDatasetWriter implements DatasetWriter {

  private static final String TABLE = "dataset";

  private final List<Column> columns;
  private final Path directory;
  private final Path file;
  private final Connection connection;
  private DuckDBAppender appender;

  ParquetDatasetWriter(List<Column> columns) throws IOException {
    this.columns = columns;
    this.directory = Files.createTempDirectory("tianshu-export-");
    this.file = directory.resolve("dataset.parquet");
    try {
      this.connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute(createTable(columns));
      }
      this.appender =
          connection
              .unwrap(DuckDBConnection.class)
              .createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
    } catch (SQLException e) {
      deleteDirectory();
      throw new IOException("cannot start the Parquet writer: " + e.getMessage(), e);
    }
  }

  /**
   * Column names are quoted identifiers; the spec parser allows only letters, digits and
   * underscores in them, so they cannot break out of the quotes.
   */
  static String createTable(List<Column> columns) {
    return columns.stream()
        .map(c -> "\"" + c.name().replace("\"", "\"\"") + "\" " + c.type().name())
        .collect(Collectors.joining(", ", "CREATE TABLE " + TABLE + " (", ")"));
  }

  /** The written file, valid after {@link #finish}; deleted by {@link #close}. */
  Path file() {
    return file;
  }

  @Override
  public void write(Object[] row) throws IOException {
    try {
      appender.beginRow();
      for (int i = 0; i < row.length; i++) {
        append(columns.get(i).type(), row[i]);
      }
      appender.endRow();
    } catch (SQLException e) {
      throw new IOException("cannot append a row to the Parquet dataset: " + e.getMessage(), e);
    }
  }

  private void append(ColumnType type, Object value) throws SQLException {
    if (value == null) {
      appender.appendNull();
      return;
    }
    switch (type) {
      case VARCHAR -> appender.append((String) value);
      case INTEGER -> appender.append(((Number) value).intValue());
      case BIGINT -> appender.append(((Number) value).longValue());
      case DOUBLE -> appender.append(((Number) value).doubleValue());
      case BOOLEAN -> appender.append((boolean) (Boolean) value);
      case TIMESTAMP -> appender.append((LocalDateTime) value);
    }
  }

  @Override
  public void finish() throws IOException {
    try {
      appender.close();
      appender = null;
      try (Statement s = connection.createStatement()) {
        // COPY takes no bound parameters; the path is our own temporary file, quoted as a SQL
        // string literal.
        s.execute(
            "COPY "
                + TABLE
                + " TO '"
                + file.toAbsolutePath().toString().replace("'", "''")
                + "' (FORMAT parquet, COMPRESSION zstd)");
      }
    } catch (SQLException e) {
      throw new IOException("cannot write the Parquet file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (appender != null) {
        appender.close();
      }
      connection.close();
    } catch (SQLException e) {
      throw new IOException(e);
    } finally {
      deleteDirectory();
    }
  }

  private void deleteDirectory() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(directory);
  }
}
