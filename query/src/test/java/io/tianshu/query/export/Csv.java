package io.tianshu.query.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 4180 reader for the tests: CRLF record ends, quoted fields with doubled quotes. An
 * unquoted empty field is null (a missing value); a quoted empty field is the empty string.
 */
final class Csv {

  private Csv() {}

  /** The records as header name → field, in file order. */
  static List<Map<String, String>> read(String text) {
    List<List<String>> records = records(text);
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      if (record.size() != header.size()) {
        throw new IllegalArgumentException(
            "record has " + record.size() + " fields, header " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), record.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  static List<String> header(String text) {
    return records(text).get(0);
  }

  private static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      String field;
      if (text.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          char c = text.charAt(i);
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            sb.append('"');
            i += 2;
          } else if (c == '"') {
            i++;
            break;
          } else {
            sb.append(c);
            i++;
          }
        }
        field = sb.toString();
      } else {
        int start = i;
        while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
          if (text.charAt(i) == '"' || text.charAt(i) == '\n') {
            throw new IllegalArgumentException("bare quote or LF at " + i);
          }
          i++;
        }
        field = i == start ? null : text.substring(start, i);
      }
      record.add(field);
      if (i < text.length() && text.charAt(i) == ',') {
        i++;
      } else if (text.startsWith("\r\n", i)) {
        i += 2;
        records.add(record);
        record = new ArrayList<>();
      } else {
        throw new IllegalArgumentException("expected , or CRLF at " + i);
      }
    }
    if (!record.isEmpty()) {
      throw new IllegalArgumentException("last record does not end with CRLF");
    }
    return records;
  }
}
