package io.tianshu.ingest.table;

import io.tianshu.ingest.IngestErrorCode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * The date and time patterns a field accepts, tried in order: {@code iso} ({@code 2023-05-06},
 * {@code 2023-05-06T14:30}, {@code 2023-05-06 14:30:00.5}) or a {@link DateTimeFormatter} pattern
 * such as {@code yyyy年M月d日 H时m分}. Patterns resolve strictly ({@code 2023-02-30} is an error, not
 * 2023-03-02); {@code y} is read as the proleptic year so that strict resolution needs no era. A
 * date-only value in a date-time field is the start of that day.
 */
final class TemporalFormats {

  static final TemporalFormats ISO = new TemporalFormats(List.of("iso"), "iso");

  private final List<String> patterns;
  private final List<DateTimeFormatter> formatters;
  private final String description;

  private TemporalFormats(List<String> patterns, String description) {
    this.patterns = List.copyOf(patterns);
    this.description = description;
    List<DateTimeFormatter> out = new ArrayList<>();
    for (String p : patterns) {
      out.add(p.equals("iso") ? null : compile(p));
    }
    this.formatters = out;
  }

  static TemporalFormats of(List<String> patterns, String where) {
    if (patterns.isEmpty()) {
      throw new TableMappingException(where + ": no date/time format given");
    }
    for (String p : patterns) {
      if (p == null || p.isBlank()) {
        throw new TableMappingException(where + ": blank date/time format");
      }
      if (!p.equals("iso")) {
        try {
          compile(p);
        } catch (IllegalArgumentException e) {
          throw new TableMappingException(
              where + ": bad date/time format '" + p + "': " + e.getMessage(), e);
        }
      }
    }
    return new TemporalFormats(patterns, String.join(" | ", patterns));
  }

  List<String> patterns() {
    return patterns;
  }

  LocalDateTime dateTime(String text, String field) {
    String t = text.strip();
    for (DateTimeFormatter f : formatters) {
      if (f == null) {
        LocalDateTime iso = IsoDates.dateTime(t);
        if (iso != null) {
          return iso;
        }
        continue;
      }
      TemporalAccessor parsed = parse(f, t);
      if (parsed != null) {
        LocalDate date = LocalDate.from(parsed);
        if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
          return date.atStartOfDay();
        }
        int minute =
            parsed.isSupported(ChronoField.MINUTE_OF_HOUR)
                ? parsed.get(ChronoField.MINUTE_OF_HOUR)
                : 0;
        int second =
            parsed.isSupported(ChronoField.SECOND_OF_MINUTE)
                ? parsed.get(ChronoField.SECOND_OF_MINUTE)
                : 0;
        int nano =
            parsed.isSupported(ChronoField.NANO_OF_SECOND)
                ? parsed.get(ChronoField.NANO_OF_SECOND)
                : 0;
        return date.atTime(parsed.get(ChronoField.HOUR_OF_DAY), minute, second, nano);
      }
    }
    throw invalid(text, field);
  }

  LocalDate date(String text, String field) {
    String t = text.strip();
    for (DateTimeFormatter f : formatters) {
      if (f == null) {
        LocalDateTime iso = IsoDates.dateTime(t);
        if (iso != null) {
          return iso.toLocalDate();
        }
        continue;
      }
      TemporalAccessor parsed = parse(f, t);
      if (parsed != null) {
        return LocalDate.from(parsed);
      }
    }
    throw invalid(text, field);
  }

  private RowFailure invalid(String text, String field) {
    return new RowFailure(
        IngestErrorCode.TABLE_DATE_INVALID,
        field + ": '" + text + "' is not a valid date/time in " + description);
  }

  private static TemporalAccessor parse(DateTimeFormatter f, String text) {
    java.text.ParsePosition position = new java.text.ParsePosition(0);
    try {
      TemporalAccessor t = f.parseUnresolved(text, position);
      if (t == null || position.getErrorIndex() >= 0 || position.getIndex() != text.length()) {
        return null;
      }
      return f.parse(text);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static DateTimeFormatter compile(String pattern) {
    StringBuilder p = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      p.append(!quoted && c == 'y' ? 'u' : c);
    }
    return DateTimeFormatter.ofPattern(p.toString()).withResolverStyle(ResolverStyle.STRICT);
  }
}
