package io.tianshu.core.record;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * A patient as the CDR knows them: one identity across source systems. Direct identifiers ({@code
 * name}, {@code idNumber}, {@code phone}, {@code address}) are personal information under PIPL; the
 * store keeps the ID number only as a keyed hash and a masked form.
 *
 * @param id Tianshu's patient id
 * @param mrn the hospital's medical record number (病案号)
 * @param name name in Chinese
 * @param sex administrative sex
 * @param birthDate date of birth
 * @param idNumber resident identity card number (居民身份证号), may be null
 * @param phone phone number, may be null
 * @param address address, may be null
 * @param identifiers identifiers in each source system
 * @param provenance where the demographic record came from
 */
public record Patient(
    String id,
    String mrn,
    String name,
    Sex sex,
    LocalDate birthDate,
    String idNumber,
    String phone,
    String address,
    List<PatientIdentifier> identifiers,
    Provenance provenance) {

  public Patient {
    Checks.id(id, "id");
    Checks.id(mrn, "mrn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sex, "sex");
    Objects.requireNonNull(birthDate, "birthDate");
    identifiers = Checks.list(identifiers);
    Objects.requireNonNull(provenance, "provenance");
  }

  /** Age in whole years on the given date, as clinical scores count it. */
  public int ageOn(LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }
}
