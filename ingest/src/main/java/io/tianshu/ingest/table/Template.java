package io.tianshu.ingest.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A text with {@code {column}} placeholders, e.g. {@code MIMIC|{subject_id}}, compiled once. A
 * placeholder whose column is blank makes the whole value blank: an id built from a missing key is
 * no id. Values are trimmed inside a template; a template that is one column alone gives the value
 * as written. {@code {{} and {@code }}} are literal braces.
 */
record Template(String text, List<String> literals, List<String> columns) {

  static Template parse(String text, String where) {
    List<String> literals = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        literal.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        literal.append('}');
        i += 2;
      } else if (c == '{') {
        int close = text.indexOf('}', i);
        if (close < 0 || close == i + 1) {
          throw new TableMappingException(
              where + ": template '" + text + "' has an unclosed or empty {column}");
        }
        literals.add(literal.toString());
        literal.setLength(0);
        columns.add(text.substring(i + 1, close).trim());
        i = close + 1;
      } else if (c == '}') {
        throw new TableMappingException(where + ": template '" + text + "' has a stray }");
      } else {
        literal.append(c);
        i++;
      }
    }
    literals.add(literal.toString());
    return new Template(text, List.copyOf(literals), List.copyOf(columns));
  }

  /** The text with the row's values, or null when a referenced column is blank. */
  String render(RowValues row) {
    if (columns.isEmpty()) {
      return literals.get(0);
    }
    if (columns.size() == 1 && literals.get(0).isEmpty() && literals.get(1).isEmpty()) {
      // A plain column keeps its value as written (a document's final line break).
      String v = row.value(columns.get(0));
      return v == null || v.isBlank() ? null : v;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < columns.size(); i++) {
      String v = row.value(columns.get(i));
      if (v == null || v.isBlank()) {
        return null;
      }
      out.append(literals.get(i)).append(v.strip());
    }
    return out.append(literals.get(columns.size())).toString();
  }
}
