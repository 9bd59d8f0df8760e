package io.tianshu.core.record;

import java.time.LocalDateTime;
import java.util.Objects;

/** One vital-sign or body measurement, in the unit of its {@link VitalType}. */
public record VitalSign(
    String id,
    String patientId,
    String encounterId,
    VitalType type,
    double value,
    LocalDateTime measuredAt,
    Provenance provenance) {

  public VitalSign {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(type, "type");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("vital sign value is not finite: " + value);
    }
    Objects.requireNonNull(measuredAt, "measuredAt");
    Objects.requireNonNull(provenance, "provenance");
  }

  public String unit() {
    return type.unit();
  }
}
