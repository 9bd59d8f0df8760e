package io.tianshu.core.record;

import io.tianshu.core.code.MappedCode;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An examination or pathology report (检查报告/病理报告): findings (所见) and conclusion (印象/诊断).
 *
 * @param item the exam item, e.g. {@code 双下肢静脉彩超}
 * @param bodySite the examined site, may be null
 */
public record ExamReport(
    String id,
    String patientId,
    String encounterId,
    ExamKind kind,
    MappedCode item,
    String bodySite,
    String findings,
    String conclusion,
    LocalDateTime examinedAt,
    LocalDateTime reportedAt,
    Provenance provenance) {

  public ExamReport {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(item, "item");
    findings = findings == null ? "" : findings;
    conclusion = conclusion == null ? "" : conclusion;
    Objects.requireNonNull(examinedAt, "examinedAt");
    Checks.order(examinedAt, reportedAt, "exam report " + id);
    Objects.requireNonNull(provenance, "provenance");
  }
}
