package io.tianshu.core.record;

import io.tianshu.core.code.MappedCode;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One lab result (检验结果) with value, unit and reference range.
 *
 * @param panel the test panel it belongs to, e.g. {@code 血常规}, {@code 凝血功能}
 * @param item the lab item, local code plus LOINC when mapped
 * @param numericValue the value when numeric, else null
 * @param textValue the value as reported (always set: numeric values keep their reported text)
 * @param unit the unit as reported, e.g. {@code 10^9/L}
 * @param referenceLow lower reference limit, null when none
 * @param referenceHigh upper reference limit, null when none
 * @param referenceText the reference range as reported, e.g. {@code 125-350}
 * @param flag abnormal flag
 * @param specimen e.g. {@code 静脉血}, {@code 血清}
 * @param collectedAt specimen collection time
 * @param reportedAt report time
 */
public record LabResult(
    String id,
    String patientId,
    String encounterId,
    String panel,
    MappedCode item,
    Double numericValue,
    String textValue,
    String unit,
    Double referenceLow,
    Double referenceHigh,
    String referenceText,
    AbnormalFlag flag,
    String specimen,
    LocalDateTime collectedAt,
    LocalDateTime reportedAt,
    Provenance provenance) {

  public LabResult {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(textValue, "textValue");
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(collectedAt, "collectedAt");
    Checks.order(collectedAt, reportedAt, "lab result " + id);
    Objects.requireNonNull(provenance, "provenance");
  }
}
