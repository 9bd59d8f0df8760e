package io.tianshu.cds.vte.store;

import java.time.LocalDateTime;

/** One inpatient stay summarised for the VTE-centre metrics. */
public record VteStay(
    String encounterId,
    String patientId,
    String department,
    LocalDateTime admittedAt,
    LocalDateTime dischargedAt,
    Integer ageYears,
    boolean surgical,
    LocalDateTime riskAssessedAt,
    LocalDateTime bleedingAssessedAt,
    String riskModel,
    String maxBand,
    boolean atRisk,
    boolean bleedingHigh,
    String recommendation,
    boolean pharmacological,
    boolean mechanical,
    boolean appropriate,
    boolean haVte,
    LocalDateTime haVteAt) {

  /** A documented risk assessment within 24 h of admission. */
  public boolean riskAssessedWithin24h() {
    return riskAssessedAt != null && !riskAssessedAt.isAfter(admittedAt.plusHours(24));
  }

  /** The month a discharged stay counts in, e.g. {@code 2026-03}; null while in hospital. */
  public String dischargeMonth() {
    return dischargedAt == null ? null : dischargedAt.toString().substring(0, 7);
  }
}
