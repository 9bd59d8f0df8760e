package io.tianshu.ingest.hl7v2;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.Transfer;
import java.util.List;
import java.util.Objects;

/**
 * The Tianshu records one accepted HL7 v2 message yields, ready for the CDR loader.
 *
 * @param messageType e.g. {@code ADT^A01}, {@code ORU^R01}
 * @param controlId MSH-10
 * @param sourceSystem MSH-3/MSH-4, as every record's provenance names it
 * @param patientIdentifiers the identifiers of the message's patient(s), PID-3 (or PID-2)
 * @param patients demographic records; empty when the message lacks name or birth date (an ORU from
 *     a lab system is not the demographic master)
 * @param encounters visits from ADT messages
 * @param transfers ward or department moves (ADT^A02)
 * @param labResults one per OBX of an ORU^R01
 * @param visitId the encounter id an ADT event is about (the one A11 and A13 cancel), null when the
 *     message names none
 * @param merges patient merges (ADT^A40): the prior patient of each MRG into the PID before it
 * @param documents clinical documents (MDM^T02)
 * @param orders medication orders (ORM^O01, OML^O21 with pharmacy segments)
 */
public record MappedMessage(
    String messageType,
    String controlId,
    String sourceSystem,
    List<PatientIdentifier> patientIdentifiers,
    List<Patient> patients,
    List<Encounter> encounters,
    List<Transfer> transfers,
    List<LabResult> labResults,
    String visitId,
    List<PatientMerge> merges,
    List<ClinicalDocument> documents,
    List<MedicationOrder> orders) {

  public MappedMessage {
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(controlId, "controlId");
    Objects.requireNonNull(sourceSystem, "sourceSystem");
    patientIdentifiers = List.copyOf(patientIdentifiers);
    patients = List.copyOf(patients);
    encounters = List.copyOf(encounters);
    transfers = List.copyOf(transfers);
    labResults = List.copyOf(labResults);
    merges = List.copyOf(merges);
    documents = List.copyOf(documents);
    orders = List.copyOf(orders);
  }

  /** A message of patients, visits, transfers and results only (ADT, ORU). */
  public MappedMessage(
      String messageType,
      String controlId,
      String sourceSystem,
      List<PatientIdentifier> patientIdentifiers,
      List<Patient> patients,
      List<Encounter> encounters,
      List<Transfer> transfers,
      List<LabResult> labResults) {
    this(
        messageType,
        controlId,
        sourceSystem,
        patientIdentifiers,
        patients,
        encounters,
        transfers,
        labResults,
        null,
        List.of(),
        List.of(),
        List.of());
  }

  /** The trigger event, e.g. {@code A01} of {@code ADT^A01}; empty when MSH-9 has none. */
  public String triggerEvent() {
    int caret = messageType.indexOf('^');
    return caret < 0 ? "" : messageType.substring(caret + 1);
  }

  /** Number of clinical records in the message. */
  public int recordCount() {
    return patients.size()
        + encounters.size()
        + transfers.size()
        + labResults.size()
        + merges.size()
        + documents.size()
        + orders.size();
  }
}
