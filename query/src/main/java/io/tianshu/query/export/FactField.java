package io.tianshu.query.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which value of a fact a value aggregate reads, and in which domains that value exists. */
public enum FactField {
  /** The code in the criterion's code system (the standard code, or the local one). */
  CODE(ColumnType.VARCHAR, "diagnosis", "operation", "drug", "lab"),
  /** The display text of that code. */
  DISPLAY(ColumnType.VARCHAR, "diagnosis", "operation", "drug", "lab"),
  /** A lab result's numeric value, or a vital sign's value. */
  VALUE(ColumnType.DOUBLE, "lab", "vital"),
  /** A lab result's or vital sign's unit, a drug's dose unit. */
  UNIT(ColumnType.VARCHAR, "lab", "vital", "drug"),
  /** A lab result's value as reported, or a document's full text. */
  TEXT(ColumnType.VARCHAR, "lab", "document"),
  /** A lab result's abnormal flag ({@code HIGH}, {@code CRITICAL_LOW}, ...). */
  FLAG(ColumnType.VARCHAR, "lab"),
  /** A drug order's or administration's dose. */
  DOSE(ColumnType.DOUBLE, "drug"),
  /** An encounter's length of stay in days (fractional); empty while in hospital. */
  LENGTH_OF_STAY_DAYS(ColumnType.DOUBLE, "encounter"),
  /** An encounter's length of stay in hours (fractional); empty while in hospital. */
  LENGTH_OF_STAY_HOURS(ColumnType.DOUBLE, "encounter"),
  /** An encounter's department. */
  DEPARTMENT(ColumnType.VARCHAR, "encounter"),
  /** An encounter's or document's type, or a note fact's entity type. */
  TYPE(ColumnType.VARCHAR, "encounter", "document", "noteFact"),
  /** How an encounter ended ({@code HOME}, {@code DEATH}, ...). */
  DISPOSITION(ColumnType.VARCHAR, "encounter"),
  /** A document's title. */
  TITLE(ColumnType.VARCHAR, "document"),
  /** A note fact's concept. */
  CONCEPT(ColumnType.VARCHAR, "noteFact"),
  /** A note fact's words as written. */
  SURFACE(ColumnType.VARCHAR, "noteFact");

  private final ColumnType type;
  private final Set<String> domains;

  FactField(ColumnType type, String... domains) {
    this.type = type;
    this.domains = Set.of(domains);
  }

  public ColumnType type() {
    return type;
  }

  public boolean appliesTo(String domain) {
    return domains.contains(domain);
  }

  /** The fields of a domain, in declaration order. */
  public static List<FactField> of(String domain) {
    return Arrays.stream(values()).filter(f -> f.appliesTo(domain)).toList();
  }

  /**
   * The field a value aggregate reads when the variable names none: the code of coded facts, the
   * value of measurements, the concept of note facts; encounters and documents have no obvious one.
   */
  public static Optional<FactField> defaultFor(String domain) {
    return switch (domain) {
      case "diagnosis", "operation", "drug" -> Optional.of(CODE);
      case "lab", "vital" -> Optional.of(VALUE);
      case "noteFact" -> Optional.of(CONCEPT);
      default -> Optional.empty();
    };
  }
}
