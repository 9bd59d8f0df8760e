package io.tianshu.cds.vte.assess;

import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.VitalSign;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One patient's facts as they stood at the assessment time: nothing recorded later is visible, so
 * re-assessing a past moment gives the answer a clinician could have had then. Lists of
 * measurements are newest first.
 */
final class PatientFacts {

  final Patient patient;
  final Encounter encounter;
  final LocalDateTime at;
  final List<Diagnosis> diagnoses = new ArrayList<>();
  final List<Operation> operations = new ArrayList<>();
  final List<LabResult> labs = new ArrayList<>();
  final List<VitalSign> vitals = new ArrayList<>();
  final List<MedicationOrder> orders = new ArrayList<>();
  final List<MedicationAdministration> administrations = new ArrayList<>();
  final List<NoteFact> noteFacts = new ArrayList<>();
  final Map<String, Boolean> answers;

  PatientFacts(
      PatientRecord record,
      String encounterId,
      LocalDateTime at,
      List<NoteFact> textFacts,
      Map<String, Boolean> answers) {
    this.patient = record.patient();
    this.encounter =
        record.encounters().stream()
            .filter(e -> e.id().equals(encounterId))
            .findFirst()
            .orElseThrow(() -> new NoSuchElementException("no encounter " + encounterId));
    this.at = at;
    this.answers = Map.copyOf(answers);
    for (Diagnosis d : record.diagnoses()) {
      if (!d.diagnosedAt().isAfter(at)) {
        diagnoses.add(d);
      }
    }
    for (Operation o : record.operations()) {
      if (!o.startedAt().isAfter(at)) {
        operations.add(o);
      }
    }
    for (LabResult l : record.labs()) {
      if (!l.collectedAt().isAfter(at)) {
        labs.add(l);
      }
    }
    labs.sort(Comparator.comparing(LabResult::collectedAt).reversed());
    for (VitalSign v : record.vitals()) {
      if (!v.measuredAt().isAfter(at)) {
        vitals.add(v);
      }
    }
    vitals.sort(Comparator.comparing(VitalSign::measuredAt).reversed());
    for (MedicationOrder o : record.orders()) {
      if (!o.startAt().isAfter(at)) {
        orders.add(o);
      }
    }
    for (MedicationAdministration a : record.administrations()) {
      if (!a.administeredAt().isAfter(at)) {
        administrations.add(a);
      }
    }
    for (NoteFact f : record.noteFacts()) {
      if (!f.documentedAt().isAfter(at)) {
        noteFacts.add(f);
      }
    }
    for (NoteFact f : textFacts) {
      if (!f.documentedAt().isAfter(at)) {
        noteFacts.add(f);
      }
    }
  }

  boolean isCurrent(String encounterId) {
    return encounter.id().equals(encounterId);
  }

  /** A fact of an earlier stay: another encounter, and before this admission. */
  boolean isPrevious(String encounterId, LocalDateTime time) {
    return !encounter.id().equals(encounterId) && time.isBefore(encounter.admittedAt());
  }
}
