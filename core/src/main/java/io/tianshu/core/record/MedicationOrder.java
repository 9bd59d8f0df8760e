package io.tianshu.core.record;

import io.tianshu.core.code.MappedCode;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A doctor's order (医嘱) for a drug or a device such as intermittent pneumatic compression.
 *
 * @param longTerm true for a standing order (长期医嘱), false for a one-off (临时医嘱)
 * @param dose dose per administration, null when not applicable
 * @param doseUnit unit of the dose, e.g. {@code mg}, {@code ml}, {@code IU}
 * @param route e.g. {@code 皮下注射}, {@code 口服}, {@code 静脉滴注}
 * @param frequency e.g. {@code qd}, {@code bid}, {@code q12h}
 * @param startAt when the order starts
 * @param stopAt when it was stopped, null while active
 */
public record MedicationOrder(
    String id,
    String patientId,
    String encounterId,
    OrderCategory category,
    MappedCode item,
    Double dose,
    String doseUnit,
    String route,
    String frequency,
    boolean longTerm,
    LocalDateTime startAt,
    LocalDateTime stopAt,
    String orderingDoctor,
    Provenance provenance) {

  public MedicationOrder {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(startAt, "startAt");
    Checks.order(startAt, stopAt, "order " + id);
    Objects.requireNonNull(provenance, "provenance");
  }
}
