package io.tianshu.ingest.fhir;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR dates and times as hospital-local {@link LocalDateTime}s. The value's own text is parsed
 * with {@code java.time}, never through {@code java.util.Date}, whose conversion would depend on
 * the JVM's default zone. A time with an offset is converted to the hospital zone; one without is
 * taken as hospital-local; a date alone is its start of day. Year or year-month precision is too
 * coarse to place a clinical fact and counts as no time.
 */
final class FhirTime {

  private final ZoneId zone;

  FhirTime(ZoneId zone) {
    this.zone = zone;
  }

  /** The time of a dateTime/instant element, null when absent; invalid or coarse → exception. */
  LocalDateTime of(BaseDateTimeType value, String element) {
    if (value == null || !value.hasValue()) {
      return null;
    }
    return parse(value.getValueAsString(), element);
  }

  /** {@code dateTime}, {@code Period} (its start) or null for other choice types. */
  LocalDateTime start(Type value, String element) {
    if (value instanceof BaseDateTimeType time) {
      return of(time, element);
    }
    if (value instanceof Period period) {
      return of(period.getStartElement(), element + ".start");
    }
    return null;
  }

  LocalDateTime parse(String text, String element) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() < 10) {
      throw new IngestException(
          IngestErrorCode.FHIR_INVALID_TIME, element + " '" + text + "' is not precise to the day");
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay();
      }
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              text, OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime offset
          ? offset.atZoneSameInstant(zone).toLocalDateTime()
          : (LocalDateTime) parsed;
    } catch (DateTimeException e) {
      throw new IngestException(
          IngestErrorCode.FHIR_INVALID_TIME, element + " '" + text + "' is not a valid time");
    }
  }

  /** A full date (birth date); null when absent. */
  static LocalDate date(DateType value, String element) {
    if (value == null || !value.hasValue()) {
      return null;
    }
    String text = value.getValueAsString();
    if (text.length() != 10) {
      throw new IngestException(
          IngestErrorCode.FHIR_INVALID_TIME, element + " '" + text + "' is not a full date");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new IngestException(
          IngestErrorCode.FHIR_INVALID_TIME, element + " '" + text + "' is not a valid date");
    }
  }
}
