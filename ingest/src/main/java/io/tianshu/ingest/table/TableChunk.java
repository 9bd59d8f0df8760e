package io.tianshu.ingest.table;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The staged form of table rows: self-describing UTF-8 JSON that starts with {@code
 * {"tianshuTableChunk":1,} and names the mapping ({@code name@version}), the table, the source
 * file, the line range, the CSV header and joined lookup columns, then the rows exactly as read —
 * each its line number and values by header position (and its joined lookup values). Key order is
 * fixed, so the same rows always give the same bytes and a re-run is recognised as a duplicate.
 */
record TableChunk(
    String mapping,
    String table,
    String file,
    String lines,
    List<String> header,
    List<String> joined,
    List<Row> rows) {

  /** The bytes every chunk starts with: the other formats must not claim them. */
  static final byte[] PREFIX = "{\"tianshuTableChunk\"".getBytes(StandardCharsets.US_ASCII);

  private static final JsonFactory JSON = new JsonFactory();

  /** One row as read: its first line in the file, its values, its joined lookup values. */
  record Row(long line, String[] values, String[] joined) {}

  static boolean recognises(byte[] raw) {
    if (raw == null || raw.length < PREFIX.length) {
      return false;
    }
    for (int i = 0; i < PREFIX.length; i++) {
      if (raw[i] != PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  /** Column name → index into values, then joined values after the header's width. */
  Map<String, Integer> index() {
    Map<String, Integer> out = new HashMap<>(header.size() * 2 + joined.size() * 2);
    for (int i = 0; i < header.size(); i++) {
      out.putIfAbsent(header.get(i), i);
    }
    for (int i = 0; i < joined.size(); i++) {
      out.putIfAbsent(joined.get(i), header.size() + i);
    }
    return out;
  }

  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.size() * 160);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("tianshuTableChunk", 1);
      g.writeStringField("mapping", mapping);
      g.writeStringField("table", table);
      g.writeStringField("file", file);
      g.writeStringField("lines", lines);
      strings(g, "header", header.toArray(String[]::new));
      strings(g, "joined", joined.toArray(String[]::new));
      g.writeArrayFieldStart("rows");
      for (Row r : rows) {
        g.writeStartObject();
        g.writeNumberField("line", r.line());
        strings(g, "values", r.values());
        if (r.joined() != null && r.joined().length > 0) {
          strings(g, "joined", r.joined());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void strings(JsonGenerator g, String name, String[] values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** Reads a chunk; an {@link IllegalArgumentException} says what is wrong with the bytes. */
  static TableChunk decode(byte[] raw) {
    return decode(raw, false);
  }

  /** Reads only what precedes the rows (mapping, table, file, lines), for the staging row. */
  static TableChunk decodeHead(byte[] raw) {
    return decode(raw, true);
  }

  private static TableChunk decode(byte[] raw, boolean headOnly) {
    if (!recognises(raw)) {
      throw new IllegalArgumentException("does not start with {\"tianshuTableChunk\"");
    }
    String mapping = null;
    String table = null;
    String file = null;
    String lines = null;
    List<String> header = null;
    List<String> joined = List.of();
    List<Row> rows = null;
    try (JsonParser p = JSON.createParser(raw)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "an object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "tianshuTableChunk" -> {
            if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != 1) {
              throw new IllegalArgumentException("tianshuTableChunk version is not 1");
            }
          }
          case "mapping" -> mapping = string(p, value, name);
          case "table" -> table = string(p, value, name);
          case "file" -> file = string(p, value, name);
          case "lines" -> lines = string(p, value, name);
          case "header" -> header = java.util.Arrays.asList(strings(p, value, name));
          case "joined" -> joined = java.util.Arrays.asList(strings(p, value, name));
          case "rows" -> {
            if (headOnly) {
              return new TableChunk(mapping, table, file, lines, List.of(), List.of(), List.of());
            }
            rows = rows(p, value);
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    if (mapping == null || table == null || file == null || header == null || rows == null) {
      throw new IllegalArgumentException("mapping, table, file, header and rows are required");
    }
    if (lines == null) {
      lines = "";
    }
    return new TableChunk(mapping, table, file, lines, header, joined, rows);
  }

  private static List<Row> rows(JsonParser p, JsonToken value) throws IOException {
    expect(value, JsonToken.START_ARRAY, "rows: an array");
    List<Row> rows = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      long line = -1;
      String[] values = null;
      String[] joined = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "line" -> {
            expect(t, JsonToken.VALUE_NUMBER_INT, "rows[].line: a number");
            line = p.getLongValue();
          }
          case "values" -> values = strings(p, t, "rows[].values");
          case "joined" -> joined = strings(p, t, "rows[].joined");
          default -> p.skipChildren();
        }
      }
      if (values == null) {
        throw new IllegalArgumentException("rows[" + rows.size() + "] has no values");
      }
      rows.add(new Row(line, values, joined));
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw new IllegalArgumentException("rows: an array of objects");
    }
    return rows;
  }

  private static String string(JsonParser p, JsonToken t, String name) throws IOException {
    expect(t, JsonToken.VALUE_STRING, name + ": a string");
    return p.getText();
  }

  private static String[] strings(JsonParser p, JsonToken t, String name) throws IOException {
    expect(t, JsonToken.START_ARRAY, name + ": an array of strings");
    List<String> out = new ArrayList<>();
    JsonToken v;
    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
      if (v == JsonToken.VALUE_NULL) {
        out.add(null);
      } else {
        expect(v, JsonToken.VALUE_STRING, name + ": an array of strings");
        out.add(p.getText());
      }
    }
    return out.toArray(String[]::new);
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException("expected " + what + ", found " + actual);
    }
  }
}
