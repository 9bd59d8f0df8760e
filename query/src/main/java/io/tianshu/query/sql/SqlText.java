package io.tianshu.query.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * SQL under construction: text written by the compiler and the values that go with it. Values only
 * ever enter through {@link #param}, which writes a {@code ?} placeholder, so no criterion value
 * can become SQL text.
 */
final class SqlText {

  private final StringBuilder text = new StringBuilder();
  private final List<Object> params = new ArrayList<>();
  private int indent;

  /** Appends compiler-written SQL; never pass a value from a cohort definition here. */
  SqlText sql(String fragment) {
    text.append(fragment);
    return this;
  }

  /** Starts a new line at the current indentation. */
  SqlText line() {
    text.append('\n').append("  ".repeat(indent));
    return this;
  }

  SqlText line(String fragment) {
    return line().sql(fragment);
  }

  SqlText indent() {
    indent++;
    return this;
  }

  SqlText outdent() {
    indent--;
    return this;
  }

  /** A bound value: writes {@code ?} and remembers the value. */
  SqlText param(Object value) {
    if (!(value instanceof String
        || value instanceof Integer
        || value instanceof Double
        || value instanceof Boolean)) {
      throw new IllegalArgumentException("unsupported parameter type " + value);
    }
    text.append('?');
    params.add(value);
    return this;
  }

  /**
   * An integer bound value with an explicit type, which PostgreSQL needs in interval arithmetic.
   */
  SqlText intParam(int value) {
    text.append("CAST(");
    param(value);
    text.append(" AS INTEGER)");
    return this;
  }

  /** {@code column IN (?, ?, ...)} over the given values. */
  SqlText in(String column, Collection<?> values) {
    text.append(column).append(" IN (");
    boolean first = true;
    for (Object value : values) {
      if (!first) {
        text.append(", ");
      }
      param(value instanceof Enum<?> e ? e.name() : value);
      first = false;
    }
    text.append(')');
    return this;
  }

  String text() {
    return text.toString();
  }

  List<Object> params() {
    return List.copyOf(params);
  }
}
