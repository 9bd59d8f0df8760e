package io.tianshu.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

/**
 * The engines' own bulk paths on a plain 12-column table, measured in the same run as Tianshu's
 * load so that the CDR figures can be read as a ratio of what the library itself manages on this
 * machine.
 */
final class Baselines {

  private static final String TABLE =
      "CREATE TABLE bench_baseline (id BIGINT, patient_id VARCHAR, encounter_id VARCHAR, code VARCHAR, "
          + "display VARCHAR, value DOUBLE PRECISION, unit VARCHAR, flag VARCHAR, low DOUBLE PRECISION, "
          + "high DOUBLE PRECISION, taken_at TIMESTAMP, source VARCHAR)";

  private Baselines() {}

  static Map<String, Object> duckdbAppender(Path file, int rows) {
    try {
      Files.deleteIfExists(file);
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())) {
        try (Statement s = c.createStatement()) {
          s.execute(TABLE);
        }
        LocalDateTime at = LocalDateTime.of(2026, 1, 1, 8, 0);
        long t0 = System.nanoTime();
        try (DuckDBAppender a =
            ((DuckDBConnection) c)
                .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "bench_baseline")) {
          for (int i = 0; i < rows; i++) {
            a.beginRow();
            a.append((long) i);
            a.append("P" + (i / 100));
            a.append("E" + (i / 20));
            a.append("777-3");
            a.append("血小板计数");
            a.append(150.0 + (i % 200));
            a.append("10^9/L");
            a.append("N");
            a.append(125.0);
            a.append(350.0);
            a.append(at.plusMinutes(i));
            a.append("bench");
            a.endRow();
          }
        }
        long nanos = System.nanoTime() - t0;
        return rate("DuckDB appender, 12-column table, file database", rows, nanos);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
      }
    } catch (SQLException | IOException e) {
      return Map.of("error", String.valueOf(e.getMessage()));
    }
  }

  static Map<String, Object> postgresCopy(String url, String user, String password, int rows) {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS bench_baseline");
        s.execute(TABLE);
      }
      StringBuilder sb = new StringBuilder(rows * 90);
      Timestamp at = Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 8, 0));
      for (int i = 0; i < rows; i++) {
        sb.append(i)
            .append('\t')
            .append('P')
            .append(i / 100)
            .append('\t')
            .append('E')
            .append(i / 20)
            .append("\t777-3\t血小板计数\t")
            .append(150.0 + (i % 200))
            .append("\t10^9/L\tN\t125.0\t350.0\t")
            .append(at)
            .append("\tbench\n");
      }
      long t0 = System.nanoTime();
      ((PGConnection) c.unwrap(PGConnection.class))
          .getCopyAPI()
          .copyIn("COPY bench_baseline FROM STDIN", new StringReader(sb.toString()));
      long nanos = System.nanoTime() - t0;
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE bench_baseline");
      }
      return rate("PostgreSQL COPY FROM STDIN (text), 12-column table", rows, nanos);
    } catch (SQLException | IOException e) {
      return Map.of("error", String.valueOf(e.getMessage()));
    }
  }

  private static Map<String, Object> rate(String what, int rows, long nanos) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("what", what);
    m.put("rows", rows);
    m.put("rows_per_s", Math.round(rows / (nanos / 1e9)));
    return m;
  }
}
