package io.tianshu.core.record;

import io.tianshu.core.code.MappedCode;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A diagnosis: ICD-10 standard code plus the source's local code and name.
 *
 * @param main true for the main diagnosis (主要诊断) of its kind; the others are secondary
 * @param diagnosedAt when it was recorded
 */
public record Diagnosis(
    String id,
    String patientId,
    String encounterId,
    DiagnosisKind kind,
    boolean main,
    MappedCode code,
    LocalDateTime diagnosedAt,
    Provenance provenance) {

  public Diagnosis {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(diagnosedAt, "diagnosedAt");
    Objects.requireNonNull(provenance, "provenance");
  }
}
