package io.tianshu.core.record;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/** Validation shared by the record constructors. */
final class Checks {

  private Checks() {}

  static String id(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    return value;
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  static void order(LocalDateTime start, LocalDateTime end, String what) {
    if (start != null && end != null && end.isBefore(start)) {
      throw new IllegalArgumentException(
          what + " ends (" + end + ") before it starts (" + start + ")");
    }
  }
}
