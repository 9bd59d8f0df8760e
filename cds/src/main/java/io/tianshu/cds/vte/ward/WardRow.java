package io.tianshu.cds.vte.ward;

import io.tianshu.cds.vte.store.StoredAssessment;
import io.tianshu.cds.vte.store.VteAlert;
import java.time.LocalDateTime;
import java.util.List;

/** One current inpatient on the VTE ward list: the latest assessment and the open alerts. */
public record WardRow(
    String patientId,
    String patientName,
    String sex,
    Integer age,
    String encounterId,
    String department,
    String ward,
    LocalDateTime admittedAt,
    StoredAssessment latest,
    List<VteAlert> alerts) {
  public WardRow {
    alerts = List.copyOf(alerts);
  }
}
