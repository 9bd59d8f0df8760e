package io.tianshu.core.record;

import java.util.List;
import java.util.Objects;

/**
 * One patient's whole record: what the patient-360 view shows, what the generator emits per patient
 * and what the store loads and reads back as a unit. Transfers are inside their encounters; note
 * facts are what the NLP pipeline read from the documents (none until they are structured).
 */
public record PatientRecord(
    Patient patient,
    List<Encounter> encounters,
    List<Diagnosis> diagnoses,
    List<Operation> operations,
    List<MedicationOrder> orders,
    List<MedicationAdministration> administrations,
    List<LabResult> labs,
    List<VitalSign> vitals,
    List<ExamReport> exams,
    List<ClinicalDocument> documents,
    List<NoteFact> noteFacts) {

  public PatientRecord {
    Objects.requireNonNull(patient, "patient");
    encounters = Checks.list(encounters);
    diagnoses = Checks.list(diagnoses);
    operations = Checks.list(operations);
    orders = Checks.list(orders);
    administrations = Checks.list(administrations);
    labs = Checks.list(labs);
    vitals = Checks.list(vitals);
    exams = Checks.list(exams);
    documents = Checks.list(documents);
    noteFacts = Checks.list(noteFacts);
  }

  /** A record whose documents have not been structured yet (no note facts). */
  public PatientRecord(
      Patient patient,
      List<Encounter> encounters,
      List<Diagnosis> diagnoses,
      List<Operation> operations,
      List<MedicationOrder> orders,
      List<MedicationAdministration> administrations,
      List<LabResult> labs,
      List<VitalSign> vitals,
      List<ExamReport> exams,
      List<ClinicalDocument> documents) {
    this(
        patient,
        encounters,
        diagnoses,
        operations,
        orders,
        administrations,
        labs,
        vitals,
        exams,
        documents,
        List.of());
  }

  /** This record with {@code facts} as its note facts (replacing any it had). */
  public PatientRecord withNoteFacts(List<NoteFact> facts) {
    return new PatientRecord(
        patient,
        encounters,
        diagnoses,
        operations,
        orders,
        administrations,
        labs,
        vitals,
        exams,
        documents,
        facts);
  }

  /**
   * Number of clinical fact rows (everything but the patient row and the documents): the unit that
   * load throughput and the demo's {@code facts} count are measured in.
   */
  public long factCount() {
    long transfers = encounters.stream().mapToLong(e -> e.transfers().size()).sum();
    return encounters.size()
        + transfers
        + diagnoses.size()
        + operations.size()
        + orders.size()
        + administrations.size()
        + labs.size()
        + vitals.size()
        + exams.size();
  }
}
