package io.tianshu.ingest.table;

import io.tianshu.ingest.IngestErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one field gets its value from a row: a column, a template over columns, a constant, or a
 * birth date derived from an age at a year ({@code birthYear}); then, for local codes, the value
 * map ({@code otherwise} for codes it does not list, else the row fails); {@code ifBlank} when the
 * source value is blank; date/time {@code format}s for temporal fields.
 */
record ValueSpec(
    String field,
    Template source,
    String constant,
    BirthYear birthYear,
    Map<String, String> map,
    Template ifBlank,
    String otherwise,
    TemporalFormats formats) {

  /** Birth date as 1 January of {@code year − age}: extracts that keep ages, not birth dates. */
  record BirthYear(String yearColumn, String ageColumn) {}

  /** The columns this value reads, to check against a file's header. */
  Set<String> columns() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    if (source != null) {
      out.addAll(source.columns());
    }
    if (ifBlank != null) {
      out.addAll(ifBlank.columns());
    }
    if (birthYear != null) {
      out.add(birthYear.yearColumn());
      out.add(birthYear.ageColumn());
    }
    return out;
  }

  /** The value, or null when blank and no {@code ifBlank} is given. */
  String evaluate(RowValues row) {
    String raw;
    if (constant != null) {
      raw = constant;
    } else if (birthYear != null) {
      raw = birthDate(row);
    } else {
      raw = source.render(row);
    }
    if (raw == null || raw.isBlank()) {
      return ifBlank == null ? null : ifBlank.render(row);
    }
    if (map == null) {
      return raw;
    }
    String mapped = map.get(raw.strip());
    if (mapped != null) {
      return mapped;
    }
    if (otherwise != null) {
      return otherwise;
    }
    throw new RowFailure(
        IngestErrorCode.TABLE_CODE_UNMAPPED,
        field + ": local code '" + raw + "' is not in the value map " + map.keySet());
  }

  private String birthDate(RowValues row) {
    String year = row.value(birthYear.yearColumn());
    String age = row.value(birthYear.ageColumn());
    if (year == null || year.isBlank() || age == null || age.isBlank()) {
      return null;
    }
    try {
      int y = Integer.parseInt(year.strip()) - Integer.parseInt(age.strip());
      if (y < 1 || y > 9999) {
        throw new NumberFormatException("year " + y);
      }
      return String.format("%04d-01-01", y);
    } catch (NumberFormatException e) {
      throw new RowFailure(
          IngestErrorCode.TABLE_NUMBER_INVALID,
          field
              + ": birth year from "
              + birthYear.yearColumn()
              + " '"
              + year
              + "' − "
              + birthYear.ageColumn()
              + " '"
              + age
              + "' is not a year");
    }
  }

  static List<String> keys() {
    return List.of(
        "column", "template", "constant", "birthYear", "map", "ifBlank", "otherwise", "format");
  }
}
