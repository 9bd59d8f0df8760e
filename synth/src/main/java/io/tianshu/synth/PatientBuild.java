package io.tianshu.synth;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.VitalSign;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one patient while it is generated: collected records, truth and id counters.
 */
final class PatientBuild {
  final String patientId;
  final String number;
  final String batch;
  final LocalDateTime now;
  final Dice dice;
  Person person;
  Patient patient;
  final List<Stay> stays = new ArrayList<>();
  final List<Encounter> encounters = new ArrayList<>();
  final List<Diagnosis> diagnoses = new ArrayList<>();
  final List<Operation> operations = new ArrayList<>();
  final List<MedicationOrder> orders = new ArrayList<>();
  final List<MedicationAdministration> administrations = new ArrayList<>();
  final List<LabResult> labs = new ArrayList<>();
  final List<VitalSign> vitals = new ArrayList<>();
  final List<ExamReport> exams = new ArrayList<>();
  final List<ClinicalDocument> documents = new ArrayList<>();
  final List<TruthFact> truth = new ArrayList<>();
  final Map<String, List<String>> vteFactors = new LinkedHashMap<>();
  private int encounterSeq;
  private int idSeq;
  private int documentSeq;

  PatientBuild(int index, String batch, LocalDateTime now, Dice dice) {
    this.number = Fmt.pad(index + 1L, 7);
    this.patientId = "P" + number;
    this.batch = batch;
    this.now = now;
    this.dice = dice;
  }

  String nextEncounterId() {
    return "E" + number + "-" + Fmt.pad(++encounterSeq, 2);
  }

  String nextId(String prefix) {
    return prefix + number + "-" + (++idSeq);
  }

  String nextDocumentId() {
    return "DOC" + number + "-" + Fmt.pad(++documentSeq, 3);
  }

  Provenance prov(String id) {
    return new Provenance("synth", id, batch);
  }
}
