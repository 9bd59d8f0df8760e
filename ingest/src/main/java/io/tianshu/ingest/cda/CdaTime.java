package io.tianshu.ingest.cda;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v3 TS values ({@code YYYYMMDDHHMMSS[.S][+ZZZZ]}, any precision from the day down) as hospital
 * local time: a value with an offset is converted to the hospital zone, one without is taken as
 * local, as WS/T 500 documents write them.
 */
final class CdaTime {

  private static final Pattern TS =
      Pattern.compile(
          "(\\d{4})(\\d{2})(\\d{2})(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.\\d{1,4})?([+-]\\d{4})?");

  private final ZoneId zone;

  CdaTime(ZoneId zone) {
    this.zone = zone;
  }

  /** The time, or null when {@code value} is null; quarantines malformed values. */
  LocalDateTime time(String value, String where) {
    if (value == null) {
      return null;
    }
    Matcher m = TS.matcher(value);
    if (!m.matches()) {
      throw invalid(value, where);
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
              m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
      if (m.group(7) == null) {
        return local;
      }
      ZoneOffset offset = ZoneOffset.of(m.group(7).substring(0, 3) + ":" + m.group(7).substring(3));
      return OffsetDateTime.of(local, offset).atZoneSameInstant(zone).toLocalDateTime();
    } catch (DateTimeException e) {
      throw invalid(value, where);
    }
  }

  /** A date (birthTime); a time of day, when sent, is dropped without zone conversion. */
  LocalDate date(String value, String where) {
    if (value == null) {
      return null;
    }
    Matcher m = TS.matcher(value);
    if (!m.matches()) {
      throw invalid(value, where);
    }
    try {
      return LocalDate.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw invalid(value, where);
    }
  }

  /** For display in text: the parsed time as {@code yyyy-MM-dd HH:mm}, or the value as written. */
  String display(String value) {
    try {
      LocalDateTime t = time(value, "");
      if (value.length() == 8) {
        return t.toLocalDate().toString();
      }
      return t.toLocalDate() + " " + String.format("%02d:%02d", t.getHour(), t.getMinute());
    } catch (IngestException e) {
      return value;
    }
  }

  private static IngestException invalid(String value, String where) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return new IngestException(
        IngestErrorCode.CDA_INVALID_TIME, "invalid TS in " + where + ": '" + shown + "'");
  }
}
