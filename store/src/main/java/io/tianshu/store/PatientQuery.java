package io.tianshu.store;

import java.time.LocalDate;

/**
 * A patient search. All filters are optional (null) and combined with AND.
 *
 * @param text matches an exact MRN, an exact ID number (compared by keyed hash) or a name (prefix
 *     match)
 * @param department patients with an encounter in this department
 * @param from patients with an encounter admitted on or after this date
 * @param to patients with an encounter admitted on or before this date
 * @param offset rows to skip
 * @param limit rows to return, 1–500
 */
public record PatientQuery(
    String text, String department, LocalDate from, LocalDate to, int offset, int limit) {

  public PatientQuery {
    text = text == null || text.isBlank() ? null : text.strip();
    department = department == null || department.isBlank() ? null : department.strip();
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0");
    }
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be 1-500");
    }
  }

  public static PatientQuery all(int limit) {
    return new PatientQuery(null, null, null, null, 0, limit);
  }
}
