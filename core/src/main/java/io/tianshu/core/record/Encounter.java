package io.tianshu.core.record;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One visit: outpatient, emergency or an inpatient stay with its transfers.
 *
 * @param id Tianshu's encounter id
 * @param patientId the patient
 * @param type outpatient, emergency or inpatient
 * @param department the admitting (or visit) department, e.g. {@code 骨科}
 * @param ward the admitting ward, null for outpatients
 * @param admittedAt admission or visit time
 * @param dischargedAt discharge time, null while the patient is still in hospital
 * @param disposition how the stay ended, null while in hospital or for outpatients
 * @param attendingDoctor the responsible doctor
 * @param transfers ward and department transfers in time order
 * @param provenance source of the encounter record
 */
public record Encounter(
    String id,
    String patientId,
    EncounterType type,
    String department,
    String ward,
    LocalDateTime admittedAt,
    LocalDateTime dischargedAt,
    DischargeDisposition disposition,
    String attendingDoctor,
    List<Transfer> transfers,
    Provenance provenance) {

  public Encounter {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Objects.requireNonNull(type, "type");
    Checks.id(department, "department");
    Objects.requireNonNull(admittedAt, "admittedAt");
    Checks.order(admittedAt, dischargedAt, "encounter " + id);
    transfers = Checks.list(transfers);
    Objects.requireNonNull(provenance, "provenance");
  }

  public boolean inHospital() {
    return type == EncounterType.INPATIENT && dischargedAt == null;
  }

  public boolean died() {
    return disposition == DischargeDisposition.DEATH;
  }

  /** Length of stay, empty while the patient is still in hospital. */
  public Optional<Duration> lengthOfStay() {
    return dischargedAt == null
        ? Optional.empty()
        : Optional.of(Duration.between(admittedAt, dischargedAt));
  }
}
