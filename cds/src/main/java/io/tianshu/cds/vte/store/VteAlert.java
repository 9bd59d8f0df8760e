package io.tianshu.cds.vte.store;

import java.time.LocalDateTime;

/**
 * A VTE alert on one stay. Kinds: {@code NO_PROPHYLAXIS} (moderate/high risk without prophylaxis
 * past the configured time), {@code PHARM_CONTRAINDICATED} (pharmacological prophylaxis while a
 * contraindication is present), {@code ASSESSMENT_OVERDUE} (no documented risk assessment within 24
 * h of admission).
 */
public record VteAlert(
    String id,
    String patientId,
    String encounterId,
    String department,
    String kind,
    LocalDateTime raisedAt,
    String message,
    String status,
    String acknowledgedBy,
    LocalDateTime acknowledgedAt,
    String ackReason,
    LocalDateTime resolvedAt) {

  public static String idOf(String encounterId, String kind) {
    return encounterId + ":" + kind;
  }
}
