package io.tianshu.query.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;

/**
 * CSV as RFC 4180 describes it: UTF-8, a header line, CRLF line ends, and a field quoted (quotes
 * doubled) when it holds a comma, quote, CR or LF. An empty field is a missing value; an empty
 * string is written as {@code ""}. Numbers are written in plain decimal notation, timestamps as
 * {@code 2025-03-10 03:00:00}, which DuckDB, pandas and R all read as timestamps.
 */
final class CsvDatasetWriter implements DatasetWriter {

  static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .toFormatter();

  private final Writer out;
  private final int width;

  /** Writes to {@code out} without closing it. */
  CsvDatasetWriter(OutputStream out, List<Column> columns) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.width = columns.size();
    Object[] header = columns.stream().map(Column::name).toArray();
    write(header);
  }

  @Override
  public void write(Object[] row) throws IOException {
    if (row.length != width) {
      throw new IllegalArgumentException("row has " + row.length + " fields, not " + width);
    }
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      field(row[i]);
    }
    out.write("\r\n");
  }

  private void field(Object value) throws IOException {
    if (value == null) {
      return;
    }
    String text;
    if (value instanceof Double d && Double.isFinite(d)) {
      text = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    } else if (value instanceof LocalDateTime t) {
      text = TIMESTAMP.format(t);
    } else {
      text = value.toString();
    }
    // An empty string is quoted so that it stays apart from a missing value (an empty field).
    if (text.isEmpty() || needsQuotes(text)) {
      out.write('"');
      out.write(text.replace("\"", "\"\""));
      out.write('"');
    } else {
      out.write(text);
    }
  }

  static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
