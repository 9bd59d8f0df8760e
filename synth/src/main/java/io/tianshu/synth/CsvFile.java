package io.tianshu.synth;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One RFC 4180 CSV file (UTF-8, CRLF, header row), written row by row with quoting only where
 * needed.
 */
final class CsvFile implements AutoCloseable {
  private final BufferedWriter out;
  private final StringBuilder row = new StringBuilder(512);
  private boolean first = true;
  private long rows;

  CsvFile(Path file, List<String> header) throws IOException {
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    for (String h : header) {
      cell(h);
    }
    endRow();
    rows = 0;
  }

  CsvFile cell(String value) {
    if (!first) {
      row.append(',');
    }
    first = false;
    if (value == null || value.isEmpty()) {
      return this;
    }
    boolean quote = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      row.append(value);
      return this;
    }
    row.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        row.append('"');
      }
      row.append(c);
    }
    row.append('"');
    return this;
  }

  CsvFile cell(LocalDateTime t) {
    return cell(t == null ? null : t.toString());
  }

  CsvFile cell(LocalDate d) {
    return cell(d == null ? null : d.toString());
  }

  CsvFile cell(Double v) {
    return cell(v == null ? null : num(v));
  }

  CsvFile cell(double v) {
    return cell(num(v));
  }

  CsvFile cell(long v) {
    return cell(Long.toString(v));
  }

  CsvFile cell(boolean v) {
    return cell(v ? "true" : "false");
  }

  /** Local system, local code, local display, standard system, standard code, standard display. */
  CsvFile code(MappedCode code) {
    Code local = code.local();
    cell(local.system().id()).cell(local.code()).cell(local.display());
    Code std = code.standard();
    if (std == null) {
      return cell((String) null).cell((String) null).cell((String) null);
    }
    return cell(std.system().id()).cell(std.code()).cell(std.display());
  }

  void endRow() throws IOException {
    row.append("\r\n");
    out.append(row);
    row.setLength(0);
    first = true;
    rows++;
  }

  long rows() {
    return rows;
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
