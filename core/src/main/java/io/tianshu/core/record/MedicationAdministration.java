package io.tianshu.core.record;

import io.tianshu.core.code.MappedCode;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One administration of an order as the nurse recorded it (执行记录). Prophylaxis indicators count
 * administrations, not orders, since orders are sometimes never carried out.
 */
public record MedicationAdministration(
    String id,
    String orderId,
    String patientId,
    String encounterId,
    MappedCode item,
    Double dose,
    String doseUnit,
    String route,
    LocalDateTime administeredAt,
    String performer,
    Provenance provenance) {

  public MedicationAdministration {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(administeredAt, "administeredAt");
    Objects.requireNonNull(provenance, "provenance");
  }
}
