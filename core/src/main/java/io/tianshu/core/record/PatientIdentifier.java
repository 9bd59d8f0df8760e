package io.tianshu.core.record;

/**
 * One identifier of a patient in one source system, e.g. the HIS's 病案号 or the LIS's patient number.
 *
 * @param system the issuing system, e.g. {@code HIS-MRN}
 * @param value the identifier
 */
public record PatientIdentifier(String system, String value) {

  public PatientIdentifier {
    Checks.id(system, "system");
    Checks.id(value, "value");
  }
}
