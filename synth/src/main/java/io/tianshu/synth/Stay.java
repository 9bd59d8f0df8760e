package io.tianshu.synth;

import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationOrder;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One encounter as the generator plans it: the facts the structured records and the notes must
 * agree on. Mutable while one patient is generated, then discarded.
 */
final class Stay {
  /** A set of lab results drawn together (one panel at one time). */
  record LabSet(
      String panel, LocalDateTime collectedAt, LocalDateTime reportedAt, List<LabResult> results) {}

  /**
   * An exam with the conclusion split so that notes can state the finding as a fact.
   *
   * @param lead text before the fact, e.g. "左侧"
   * @param fact the fact surface, null for a normal conclusion
   * @param trail text after the fact
   */
  record Exam(
      ExamReport report,
      String name,
      String concept,
      String lead,
      String fact,
      String factType,
      String factConcept,
      int factFlags,
      String trail) {}

  String id;
  EncounterType type;
  Vocabulary.Department dept;
  String ward;
  Staff.Doctor doctor;
  LocalDateTime admit;
  LocalDateTime discharge;

  /** Discharge, death or the snapshot time while still in hospital. */
  LocalDateTime end;

  boolean died;
  boolean emergency;
  int ageAtAdmit;
  Vocabulary.Disease main;
  boolean mainUncertain;
  final List<Vocabulary.Disease> secondary = new ArrayList<>();
  final List<Vocabulary.Disease> complications = new ArrayList<>();
  char side;

  // Presentation
  final List<String> complaintSurfaces = new ArrayList<>();
  final List<Vocabulary.Symptom> complaintSymptoms = new ArrayList<>();
  int durationValue;
  String durationUnit;
  String trigger;

  // Operation
  Vocabulary.Operation op;
  String opId;
  LocalDateTime opStart;
  LocalDateTime opEnd;
  Staff.Doctor surgeon;
  Staff.Doctor assistant;
  String anaesthetist;
  int bloodLossMl;
  Vocabulary.Operation procedure;
  LocalDateTime procedureAt;

  // Transfers
  LocalDateTime icuIn;
  LocalDateTime icuOut;
  String otherDeptCode;

  // VTE
  final List<String> vte = new ArrayList<>();
  boolean surgicalModel;
  int score;
  String riskBand;
  boolean bleedingRisk;
  String prophylaxis = "none";
  Vocabulary.Drug pharmDrug;
  LocalDateTime pharmStart;
  Vocabulary.Drug mechDrug;
  boolean therapeuticAnticoagulation;
  boolean dvt;
  LocalDateTime dvtAt;

  // Data the notes quote
  final List<LabSet> labSets = new ArrayList<>();
  final List<Exam> exams = new ArrayList<>();
  final List<MedicationOrder> orders = new ArrayList<>();
  double temp;
  int pulse;
  int resp;
  int sbp;
  int dbp;
  int spo2;
  double weightKg;
  double heightCm;
  int gestWeeks;
  int gestDays;

  /** First vital-sign round of each day: temperature, pulse, respiration, systolic, diastolic. */
  final java.util.Map<java.time.LocalDate, double[]> dailyVitals = new java.util.HashMap<>();

  boolean inpatient() {
    return type == EncounterType.INPATIENT;
  }

  boolean operated() {
    return op != null;
  }

  boolean inHospital() {
    return inpatient() && discharge == null;
  }

  int losDays() {
    return (int) Math.max(1, java.time.Duration.between(admit, end).toHours() / 24);
  }
}
