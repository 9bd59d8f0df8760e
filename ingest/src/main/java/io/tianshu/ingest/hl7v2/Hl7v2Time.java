package io.tianshu.ingest.hl7v2;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses HL7 v2 DTM/TS values ({@code YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]}) into hospital
 * local time. Missing precision fills with the start of the period; an explicit offset is converted
 * to the hospital zone.
 */
final class Hl7v2Time {

  private static final Pattern DTM =
      Pattern.compile(
          "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");

  private final ZoneId hospitalZone;

  Hl7v2Time(ZoneId hospitalZone) {
    this.hospitalZone = hospitalZone;
  }

  /** The value as local date-time, null when blank; {@code where} names the field, e.g. PV1-44. */
  LocalDateTime dateTime(String value, String where) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = DTM.matcher(value.trim());
    if (!m.matches()) {
      throw invalid(value, where);
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              number(m.group(2), 1),
              number(m.group(3), 1),
              number(m.group(4), 0),
              number(m.group(5), 0),
              number(m.group(6), 0),
              nanos(m.group(7)));
      if (m.group(8) == null) {
        return local;
      }
      ZoneOffset offset = ZoneOffset.of(m.group(8));
      return local.atOffset(offset).atZoneSameInstant(hospitalZone).toLocalDateTime();
    } catch (DateTimeException e) {
      throw invalid(value, where);
    }
  }

  /** The date part only (birth dates); an offset is ignored because a birth date has no zone. */
  LocalDate date(String value, String where) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = DTM.matcher(value.trim());
    if (!m.matches()) {
      throw invalid(value, where);
    }
    try {
      return LocalDate.of(
          Integer.parseInt(m.group(1)), number(m.group(2), 1), number(m.group(3), 1));
    } catch (DateTimeException e) {
      throw invalid(value, where);
    }
  }

  private static int number(String group, int absent) {
    return group == null ? absent : Integer.parseInt(group);
  }

  private static int nanos(String fraction) {
    if (fraction == null) {
      return 0;
    }
    return Integer.parseInt((fraction + "000000000").substring(0, 9));
  }

  private static IngestException invalid(String value, String where) {
    return new IngestException(
        IngestErrorCode.INVALID_DATE, "invalid date in " + where + ": '" + value + "'");
  }
}
