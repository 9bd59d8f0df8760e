package io.tianshu.ingest.staging;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import java.util.List;
import java.util.Objects;

/**
 * What one staged unit of a record-shaped source (a FHIR bundle or resource, a CDA document, a
 * table row) contributes to one patient's CDR record. Applying it adds each record, or replaces the
 * stored record of the same id (a newer version of a resource, a re-extracted row).
 *
 * @param patientId the CDR patient the records belong to
 * @param demographics the patient's demographics when the unit carries them, else null: a fragment
 *     without demographics for a patient the CDR does not know is held until the patient arrives
 * @param demographicMaster whether {@code demographics} replace the stored ones (a FHIR Patient
 *     resource, a patient master table); when false they only register a patient the CDR does not
 *     know and add identifiers (a CDA header, like a lab's PID, is not the demographic master)
 * @param transfers ward or department moves, each filed under its visit (in this fragment or
 *     stored); a transfer whose visit the patient does not have holds the unit until it arrives
 */
public record RecordFragment(
    String patientId,
    Patient demographics,
    boolean demographicMaster,
    List<Encounter> encounters,
    List<Diagnosis> diagnoses,
    List<Operation> operations,
    List<MedicationOrder> orders,
    List<MedicationAdministration> administrations,
    List<LabResult> labs,
    List<VitalSign> vitals,
    List<ExamReport> exams,
    List<ClinicalDocument> documents,
    List<Transfer> transfers) {

  public RecordFragment {
    Objects.requireNonNull(patientId, "patientId");
    if (demographics != null && !demographics.id().equals(patientId)) {
      throw new IllegalArgumentException(
          "demographics of " + demographics.id() + " in a fragment of " + patientId);
    }
    encounters = List.copyOf(encounters);
    diagnoses = List.copyOf(diagnoses);
    operations = List.copyOf(operations);
    orders = List.copyOf(orders);
    administrations = List.copyOf(administrations);
    labs = List.copyOf(labs);
    vitals = List.copyOf(vitals);
    exams = List.copyOf(exams);
    documents = List.copyOf(documents);
    transfers = List.copyOf(transfers);
  }

  /** A fragment without transfers. */
  public RecordFragment(
      String patientId,
      Patient demographics,
      boolean demographicMaster,
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
        patientId,
        demographics,
        demographicMaster,
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

  /**
   * A whole record read from one unit (e.g. a patient's FHIR bundle); its note facts are not kept.
   */
  public static RecordFragment of(PatientRecord r, boolean demographicMaster) {
    return new RecordFragment(
        r.patient().id(),
        r.patient(),
        demographicMaster,
        r.encounters(),
        r.diagnoses(),
        r.operations(),
        r.orders(),
        r.administrations(),
        r.labs(),
        r.vitals(),
        r.exams(),
        r.documents());
  }

  /** Number of clinical records (demographics count as one). */
  public int recordCount() {
    return (demographics == null ? 0 : 1)
        + encounters.size()
        + diagnoses.size()
        + operations.size()
        + orders.size()
        + administrations.size()
        + labs.size()
        + vitals.size()
        + exams.size()
        + documents.size()
        + transfers.size();
  }
}
