package io.tianshu.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One table's rows of a load batch, spooled to a CSV file that the engine then bulk-loads (DuckDB
 * {@code read_csv}, PostgreSQL {@code COPY ... FROM STDIN}). Spooling keeps memory flat for any
 * batch size and, as measured (see the store README), DuckDB's CSV reader loads about twice as fast
 * as its appender.
 *
 * <p>Encoding understood identically by both engines: strings are always quoted (so {@code ""} is
 * the empty string), an unquoted empty field is NULL, numbers, booleans, dates and timestamps are
 * written bare.
 */
final class CsvTableFile implements AutoCloseable {

  private final CdrTable table;
  private final Path path;
  private final BufferedWriter out;
  private final StringBuilder line = new StringBuilder(256);
  private int fieldsInRow;
  private long rows;

  CsvTableFile(CdrTable table, Path directory) {
    this.table = table;
    this.path = directory.resolve(table.sqlName() + ".csv");
    try {
      this.out =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CdrTable table() {
    return table;
  }

  Path path() {
    return path;
  }

  long rows() {
    return rows;
  }

  CsvTableFile str(String value) {
    separate();
    if (value == null) {
      return this;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        line.append('"');
      }
      line.append(c);
    }
    line.append('"');
    return this;
  }

  CsvTableFile enumName(Enum<?> value) {
    return str(value == null ? null : value.name());
  }

  CsvTableFile num(long value) {
    separate();
    line.append(value);
    return this;
  }

  CsvTableFile num(Double value) {
    separate();
    if (value != null) {
      line.append(value.doubleValue());
    }
    return this;
  }

  CsvTableFile bool(boolean value) {
    separate();
    line.append(value);
    return this;
  }

  CsvTableFile date(LocalDate value) {
    separate();
    if (value != null) {
      line.append(value);
    }
    return this;
  }

  /**
   * Writes {@code yyyy-MM-dd HH:mm:ss.ffffff}; both engines keep microseconds, so nanoseconds are
   * cut.
   */
  CsvTableFile time(LocalDateTime value) {
    separate();
    if (value == null) {
      return this;
    }
    pad(value.getYear(), 4).append('-');
    pad(value.getMonthValue(), 2).append('-');
    pad(value.getDayOfMonth(), 2).append(' ');
    pad(value.getHour(), 2).append(':');
    pad(value.getMinute(), 2).append(':');
    pad(value.getSecond(), 2).append('.');
    pad(value.getNano() / 1000, 6);
    return this;
  }

  /**
   * Ends the row; checks the field count against the table so a writer bug cannot shift columns.
   */
  void end() {
    if (fieldsInRow != table.columns().size()) {
      throw new IllegalStateException(
          table.sqlName()
              + " row has "
              + fieldsInRow
              + " fields, expected "
              + table.columns().size());
    }
    line.append('\n');
    try {
      out.append(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.setLength(0);
    fieldsInRow = 0;
    rows++;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void separate() {
    if (fieldsInRow++ > 0) {
      line.append(',');
    }
  }

  private StringBuilder pad(int value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("negative date field " + value + " cannot be stored");
    }
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      line.append('0');
    }
    return line.append(digits);
  }
}
