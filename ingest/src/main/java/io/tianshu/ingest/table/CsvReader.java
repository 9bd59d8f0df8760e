package io.tianshu.ingest.table;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: comma separated, fields optionally in double quotes ({@code ""} inside is a
 * quote), line breaks CRLF, LF or CR, and line breaks inside quoted fields kept. No CSV library is
 * on the classpath (synth writes its CSV by hand too), and this one never throws on malformed
 * input: a stray quote inside an unquoted field is kept as text, an unterminated quoted field ends
 * at the end of the input. A leading byte order mark is dropped.
 */
final class CsvReader {

  /** One record and the physical line (1-based) it starts on. */
  record CsvRow(long line, String[] values) {}

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private long line = 1;
  private boolean started;
  private final StringBuilder field = new StringBuilder(64);
  private final List<String> values = new ArrayList<>(32);

  CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record, or null at the end of the input. A blank line is a record of one "". */
  CsvRow next() throws IOException {
    if (!started) {
      started = true;
      if (fill() && buffer[position] == '\uFEFF') {
        position++;
      }
    }
    if (position >= limit && !fill()) {
      return null;
    }
    long startLine = line;
    values.clear();
    while (true) {
      int c = read();
      if (c == '"') {
        readQuoted();
        c = afterQuoted();
      } else {
        c = readPlain(c);
      }
      values.add(field.toString());
      field.setLength(0);
      if (c == ',') {
        continue;
      }
      // c is a line break or the end of the input
      if (c == '\r') {
        if (peek() == '\n') {
          read();
        }
        line++;
      } else if (c == '\n') {
        line++;
      }
      return new CsvRow(startLine, values.toArray(new String[0]));
    }
  }

  /** Reads an unquoted field starting with {@code c}; returns the delimiter that ended it. */
  private int readPlain(int c) throws IOException {
    while (c != -1 && c != ',' && c != '\n' && c != '\r') {
      field.append((char) c);
      // copy runs from the buffer without a call per character
      int start = position;
      while (position < limit) {
        char d = buffer[position];
        if (d == ',' || d == '\n' || d == '\r') {
          break;
        }
        position++;
      }
      field.append(buffer, start, position - start);
      c = read();
    }
    return c;
  }

  private void readQuoted() throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        return;
      }
      if (c == '"') {
        if (peek() == '"') {
          read();
          field.append('"');
          continue;
        }
        return;
      }
      if (c == '\n' || (c == '\r' && peek() != '\n')) {
        line++;
      }
      field.append((char) c);
    }
  }

  /** Text between a closing quote and the delimiter is kept (lenient, never an error). */
  private int afterQuoted() throws IOException {
    int c = read();
    while (c != -1 && c != ',' && c != '\n' && c != '\r') {
      field.append((char) c);
      c = read();
    }
    return c;
  }

  private int read() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position++];
  }

  private int peek() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    while (n == 0) {
      n = in.read(buffer, 0, buffer.length);
    }
    if (n < 0) {
      position = limit = 0;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
