package io.tianshu.cds.vte.store;

import java.time.LocalDateTime;

/**
 * One assessment as stored: the figures the ward list, alerts and metrics read, and the whole
 * assessment JSON ({@code detail}) with the knowledge versions it used.
 */
public record StoredAssessment(
    String id,
    String patientId,
    String encounterId,
    String department,
    LocalDateTime assessedAt,
    String reason,
    boolean surgical,
    String riskModel,
    String riskVersion,
    double riskScore,
    String riskBand,
    boolean atRisk,
    String bleedingModel,
    String bleedingVersion,
    double bleedingScore,
    String bleedingBand,
    boolean bleedingHigh,
    String recommendation,
    boolean pharmInPlace,
    boolean mechInPlace,
    boolean pharmContraindicated,
    int unknownItems,
    String detail) {

  /** Same clinical content (ignoring time, reason and id): re-assessing found nothing new. */
  public boolean sameResult(StoredAssessment o) {
    return riskModel.equals(o.riskModel)
        && riskScore == o.riskScore
        && riskBand.equals(o.riskBand)
        && bleedingBand.equals(o.bleedingBand)
        && recommendation.equals(o.recommendation)
        && pharmInPlace == o.pharmInPlace
        && mechInPlace == o.mechInPlace
        && pharmContraindicated == o.pharmContraindicated
        && unknownItems == o.unknownItems;
  }
}
