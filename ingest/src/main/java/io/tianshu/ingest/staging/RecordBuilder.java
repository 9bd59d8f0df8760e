package io.tianshu.ingest.staging;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One patient's record being changed by a message: the stored record's lists, edited by record id,
 * then built into a new immutable {@link PatientRecord}. Each edit reports whether it added a
 * record (the message's effect is ACCEPTED) or replaced one (UPDATED).
 */
final class RecordBuilder {

  private Patient patient;
  private final List<Encounter> encounters;
  private final List<Diagnosis> diagnoses;
  private final List<Operation> operations;
  private final List<MedicationOrder> orders;
  private final List<MedicationAdministration> administrations;
  private final List<LabResult> labs;
  private final List<VitalSign> vitals;
  private final List<ExamReport> exams;
  private final List<ClinicalDocument> documents;
  private final List<NoteFact> noteFacts;

  private RecordBuilder(PatientRecord r) {
    patient = r.patient();
    encounters = new ArrayList<>(r.encounters());
    diagnoses = new ArrayList<>(r.diagnoses());
    operations = new ArrayList<>(r.operations());
    orders = new ArrayList<>(r.orders());
    administrations = new ArrayList<>(r.administrations());
    labs = new ArrayList<>(r.labs());
    vitals = new ArrayList<>(r.vitals());
    exams = new ArrayList<>(r.exams());
    documents = new ArrayList<>(r.documents());
    noteFacts = new ArrayList<>(r.noteFacts());
  }

  static RecordBuilder of(PatientRecord record) {
    return new RecordBuilder(record);
  }

  static RecordBuilder empty(Patient patient) {
    return new RecordBuilder(
        new PatientRecord(
            patient, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of()));
  }

  Patient patient() {
    return patient;
  }

  void patient(Patient p) {
    patient = p;
  }

  PatientRecord build() {
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
        noteFacts);
  }

  Optional<Encounter> encounter(String id) {
    return encounters.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  List<Encounter> encounters() {
    return List.copyOf(encounters);
  }

  /**
   * Adds a visit, or merges it into the stored one of the same id: the message's values win where
   * it has them, the stored ones stay where it does not (an empty HL7 field means "not sent", not
   * "clear"). Unless {@code admission} (A01/A04, which state the admitting place), the stored
   * department and ward stay: later ADT events carry the patient's current place in PV1, while the
   * encounter keeps where the stay began and transfers record the moves.
   *
   * @return true when the visit was new
   */
  boolean upsertEncounter(Encounter e, boolean admission) {
    Optional<Encounter> stored = encounter(e.id());
    if (stored.isEmpty()) {
      encounters.add(e);
      return true;
    }
    Encounter old = stored.get();
    List<Transfer> transfers = new ArrayList<>(old.transfers());
    for (Transfer t : e.transfers()) {
      replaceById(transfers, t, Transfer::id);
    }
    transfers.sort(Comparator.comparing(Transfer::at));
    Encounter merged =
        new Encounter(
            old.id(),
            old.patientId(),
            e.type(),
            admission ? e.department() : old.department(),
            admission ? orElse(e.ward(), old.ward()) : orElse(old.ward(), e.ward()),
            e.admittedAt(),
            orElse(e.dischargedAt(), old.dischargedAt()),
            orElse(e.disposition(), old.disposition()),
            orElse(e.attendingDoctor(), old.attendingDoctor()),
            transfers,
            e.provenance());
    replaceById(encounters, merged, Encounter::id);
    return false;
  }

  /** Cancels an admission or visit (A11): the visit and its transfers go. */
  void removeEncounter(String id) {
    encounters.removeIf(e -> e.id().equals(id));
  }

  /** Cancels a discharge (A13): the patient is in hospital again. */
  void cancelDischarge(String id) {
    Encounter old = encounter(id).orElseThrow();
    replaceById(
        encounters,
        new Encounter(
            old.id(),
            old.patientId(),
            old.type(),
            old.department(),
            old.ward(),
            old.admittedAt(),
            null,
            null,
            old.attendingDoctor(),
            old.transfers(),
            old.provenance()),
        Encounter::id);
  }

  /**
   * Files a transfer under its (stored) visit. A transfer that does not say where the patient came
   * from gets the place the visit shows at that time: the last earlier transfer's destination, else
   * the admitting department and ward.
   *
   * @return true when the transfer was new
   */
  boolean addTransfer(Transfer t) {
    Encounter old = encounter(t.encounterId()).orElseThrow();
    List<Transfer> transfers = new ArrayList<>(old.transfers());
    transfers.removeIf(x -> x.id().equals(t.id()));
    boolean added = transfers.size() == old.transfers().size();
    Transfer filled = t;
    if (t.fromDepartment() == null) {
      Transfer before =
          transfers.stream()
              .filter(x -> !x.at().isAfter(t.at()))
              .max(Comparator.comparing(Transfer::at))
              .orElse(null);
      filled =
          new Transfer(
              t.id(),
              t.encounterId(),
              before == null ? old.department() : before.toDepartment(),
              orElse(t.fromWard(), before == null ? old.ward() : before.toWard()),
              t.toDepartment(),
              t.toWard(),
              t.at(),
              t.provenance());
    }
    transfers.add(filled);
    transfers.sort(Comparator.comparing(Transfer::at));
    replaceById(
        encounters,
        new Encounter(
            old.id(),
            old.patientId(),
            old.type(),
            old.department(),
            old.ward(),
            old.admittedAt(),
            old.dischargedAt(),
            old.disposition(),
            old.attendingDoctor(),
            transfers,
            old.provenance()),
        Encounter::id);
    return added;
  }

  /**
   * @return true when the result was new; a result with the same id (a correction) replaces it
   */
  boolean upsertLab(LabResult l) {
    return replaceById(labs, l, LabResult::id);
  }

  boolean upsertDocument(ClinicalDocument d) {
    return replaceById(documents, d, ClinicalDocument::id);
  }

  /**
   * Adds an order, or updates the stored one of the same id: a discontinuation or change sends the
   * order's state, and what it leaves empty (route, frequency…) stays as stored.
   */
  boolean upsertOrder(MedicationOrder o) {
    MedicationOrder old =
        orders.stream().filter(x -> x.id().equals(o.id())).findFirst().orElse(null);
    if (old == null) {
      orders.add(o);
      return true;
    }
    replaceById(
        orders,
        new MedicationOrder(
            o.id(),
            o.patientId(),
            o.encounterId(),
            o.category(),
            o.item(),
            orElse(o.dose(), old.dose()),
            orElse(o.doseUnit(), old.doseUnit()),
            orElse(o.route(), old.route()),
            orElse(o.frequency(), old.frequency()),
            o.longTerm() || old.longTerm(),
            o.startAt(),
            orElse(o.stopAt(), old.stopAt()),
            orElse(o.orderingDoctor(), old.orderingDoctor()),
            o.provenance()),
        MedicationOrder::id);
    return false;
  }

  /**
   * Adds a fragment's records, each replacing the stored record of the same id (a newer version of
   * the same resource or row); encounters keep the transfers already filed under them.
   *
   * @return the number of records added
   */
  int upsert(PatientRecord fragment) {
    int added = 0;
    for (Encounter e : fragment.encounters()) {
      added += upsertEncounter(e, true) ? 1 : 0;
    }
    added += replaceAll(diagnoses, fragment.diagnoses(), Diagnosis::id);
    added += replaceAll(operations, fragment.operations(), Operation::id);
    added += replaceAll(orders, fragment.orders(), MedicationOrder::id);
    added += replaceAll(administrations, fragment.administrations(), MedicationAdministration::id);
    added += replaceAll(labs, fragment.labs(), LabResult::id);
    added += replaceAll(vitals, fragment.vitals(), VitalSign::id);
    added += replaceAll(exams, fragment.exams(), ExamReport::id);
    added += replaceAll(documents, fragment.documents(), ClinicalDocument::id);
    return added;
  }

  private static <T> int replaceAll(List<T> into, List<T> values, Function<T, String> id) {
    if (values.size() < 4) {
      int added = 0;
      for (T x : values) {
        added += replaceById(into, x, id) ? 1 : 0;
      }
      return added;
    }
    // A table chunk or bundle brings hundreds of labs at once: index the stored ones once.
    java.util.Map<String, Integer> at = new java.util.HashMap<>();
    for (int i = 0; i < into.size(); i++) {
      at.putIfAbsent(id.apply(into.get(i)), i);
    }
    int added = 0;
    for (T x : values) {
      String key = id.apply(x);
      Integer i = at.get(key);
      if (i != null) {
        into.set(i, x);
      } else {
        at.put(key, into.size());
        into.add(x);
        added++;
      }
    }
    return added;
  }

  /**
   * Adds another record's facts (a merged-away patient's, already moved to this patient); where
   * both hold a record of the same id, this patient's stays.
   *
   * @return the number of records added
   */
  int absorb(PatientRecord moved) {
    int added = 0;
    added += addMissing(encounters, moved.encounters(), Encounter::id);
    added += addMissing(diagnoses, moved.diagnoses(), Diagnosis::id);
    added += addMissing(operations, moved.operations(), Operation::id);
    added += addMissing(orders, moved.orders(), MedicationOrder::id);
    added += addMissing(administrations, moved.administrations(), MedicationAdministration::id);
    added += addMissing(labs, moved.labs(), LabResult::id);
    added += addMissing(vitals, moved.vitals(), VitalSign::id);
    added += addMissing(exams, moved.exams(), ExamReport::id);
    int documentsAdded = addMissing(documents, moved.documents(), ClinicalDocument::id);
    added += documentsAdded;
    // Note facts belong to their documents: only those of documents that moved come along.
    java.util.Set<String> documentIds = new java.util.HashSet<>();
    documents.forEach(d -> documentIds.add(d.id()));
    java.util.Set<String> noteIds = new java.util.HashSet<>();
    noteFacts.forEach(f -> noteIds.add(f.id()));
    for (NoteFact f : moved.noteFacts()) {
      if (documentIds.contains(f.documentId()) && noteIds.add(f.id())) {
        noteFacts.add(f);
      }
    }
    return added;
  }

  private static <T> int addMissing(List<T> into, List<T> more, Function<T, String> id) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    into.forEach(x -> ids.add(id.apply(x)));
    int added = 0;
    for (T x : more) {
      if (ids.add(id.apply(x))) {
        into.add(x);
        added++;
      }
    }
    return added;
  }

  /** Replaces the element with the same id in place, or appends; true when appended. */
  private static <T> boolean replaceById(List<T> list, T value, Function<T, String> id) {
    String key = id.apply(value);
    for (int i = 0; i < list.size(); i++) {
      if (id.apply(list.get(i)).equals(key)) {
        list.set(i, value);
        return false;
      }
    }
    list.add(value);
    return true;
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
