package io.tianshu.ingest.staging;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Transfer;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.hl7v2.MappedMessage;
import io.tianshu.ingest.hl7v2.PatientMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one mapped message to the patient records of a {@link WorkingSet}: what each HL7 v2 event
 * means for the CDR. A message either changes the records (and says whether it added any) or is
 * held, changing nothing, until its patient or visit arrives. Keeps no state between messages; the
 * applier resets the working set when a message throws, so a message applies whole or not at all.
 */
final class RecordMerge {

  /** What one message did. */
  sealed interface Result {
    record Applied(Decision.Effect effect) implements Result {}

    record Held(String patientId, IngestErrorCode code, String reason) implements Result {}
  }

  private final boolean resultsRegisterPatients;

  /**
   * @param resultsRegisterPatients whether a result whose PID carries name and birth date may
   *     register its patient when the CDR does not know them yet (otherwise it is held until an ADT
   *     registers the patient)
   */
  RecordMerge(boolean resultsRegisterPatients) {
    this.resultsRegisterPatients = resultsRegisterPatients;
  }

  Result apply(
      MappedMessage message, long messageId, WorkingSet ws, List<StagingStore.MergeRow> merges) {
    MappedMessage m = Reassign.message(message, ws::resolve);
    String type = m.messageType();
    if (type.startsWith("ADT^")) {
      return m.triggerEvent().equals("A40") ? merge(m, messageId, ws, merges) : adt(m, ws);
    }
    if (type.startsWith("ORU^")) {
      return results(m, ws);
    }
    return clinical(m, ws);
  }

  // ------------------------------------------------------------------ record-shaped units

  /**
   * A FHIR, CDA or table unit: each fragment's records are added or replace the stored ones of the
   * same id. A patient the CDR does not know holds the whole unit unless the fragment carries the
   * patient's demographics, which register them; demographics from a demographic master replace the
   * stored ones, others only add identifiers.
   */
  Result apply(MappedUnit unit, WorkingSet ws) {
    for (RecordFragment f : unit.fragments()) {
      if (f.demographics() == null && ws.get(ws.resolve(f.patientId())).isEmpty()) {
        return new Result.Held(
            f.patientId(),
            IngestErrorCode.PATIENT_NOT_REGISTERED,
            unit.type() + " is about patient " + f.patientId() + ", who is not in the CDR yet");
      }
    }
    boolean added = false;
    for (RecordFragment f : unit.fragments()) {
      String id = ws.resolve(f.patientId());
      Optional<PatientRecord> current = ws.get(id);
      Patient incoming = f.demographics() == null ? null : Reassign.patient(f.demographics(), id);
      RecordBuilder r;
      if (current.isPresent()) {
        r = RecordBuilder.of(current.get());
        if (incoming != null) {
          r.patient(
              f.demographicMaster()
                  ? demographics(current.get().patient(), incoming)
                  : withIdentifiers(r.patient(), incoming.identifiers()));
        }
      } else {
        r = RecordBuilder.empty(incoming);
        added = true;
      }
      PatientRecord facts =
          new PatientRecord(
              r.patient(),
              f.encounters(),
              f.diagnoses(),
              f.operations(),
              f.orders(),
              f.administrations(),
              f.labs(),
              f.vitals(),
              f.exams(),
              f.documents());
      if (!id.equals(f.patientId())) {
        facts = Reassign.facts(facts, r.patient());
      }
      added |= r.upsert(facts) > 0;
      for (Transfer t : f.transfers()) {
        if (r.encounter(t.encounterId()).isEmpty()) {
          return new Result.Held(
              id,
              IngestErrorCode.VISIT_NOT_FOUND,
              unit.type() + " moves visit " + t.encounterId() + ", which is not in the CDR yet");
        }
        added |= r.addTransfer(t);
      }
      ws.put(r.build());
    }
    return applied(added);
  }

  // ------------------------------------------------------------------ ADT

  private static Result adt(MappedMessage m, WorkingSet ws) {
    Patient incoming = m.patients().get(0);
    Optional<PatientRecord> current = ws.get(incoming.id());
    RecordBuilder r = current.map(RecordBuilder::of).orElseGet(() -> RecordBuilder.empty(incoming));
    boolean added = current.isEmpty();
    if (current.isPresent()) {
      r.patient(demographics(current.get().patient(), incoming));
    }
    String trigger = m.triggerEvent();
    String visit = m.visitId();
    switch (trigger) {
      case "A11" -> {
        if (r.encounter(visit).isEmpty()) {
          return visitMissing(incoming.id(), m, visit);
        }
        r.removeEncounter(visit);
      }
      case "A13" -> {
        if (r.encounter(visit).isEmpty()) {
          return visitMissing(incoming.id(), m, visit);
        }
        r.cancelDischarge(visit);
      }
      case "A02" -> {
        for (Encounter e : m.encounters()) {
          added |= r.upsertEncounter(withoutTransfers(e), false);
        }
        for (Transfer t : m.transfers()) {
          if (r.encounter(t.encounterId()).isEmpty()) {
            return visitMissing(incoming.id(), m, t.encounterId());
          }
          added |= r.addTransfer(t);
        }
      }
      default -> {
        boolean admission = trigger.equals("A01") || trigger.equals("A04");
        for (Encounter e : m.encounters()) {
          added |= r.upsertEncounter(e, admission);
        }
      }
    }
    ws.put(r.build());
    return applied(added);
  }

  private static Result visitMissing(String patientId, MappedMessage m, String visit) {
    return new Result.Held(
        patientId,
        IngestErrorCode.VISIT_NOT_FOUND,
        m.messageType() + " names visit " + visit + ", which is not in the CDR yet");
  }

  private static Encounter withoutTransfers(Encounter e) {
    return new Encounter(
        e.id(),
        e.patientId(),
        e.type(),
        e.department(),
        e.ward(),
        e.admittedAt(),
        e.dischargedAt(),
        e.disposition(),
        e.attendingDoctor(),
        List.of(),
        e.provenance());
  }

  /**
   * The HIS is the demographic master: its values replace the stored ones, except where it sends
   * none; identifiers from every source are kept. The ID number stays as stored when the message
   * has none (the store keeps its hash).
   */
  private static Patient demographics(Patient stored, Patient incoming) {
    return new Patient(
        stored.id(),
        incoming.mrn(),
        incoming.name(),
        incoming.sex(),
        incoming.birthDate(),
        incoming.idNumber() != null ? incoming.idNumber() : stored.idNumber(),
        incoming.phone() != null ? incoming.phone() : stored.phone(),
        incoming.address() != null ? incoming.address() : stored.address(),
        union(stored.identifiers(), incoming.identifiers()),
        incoming.provenance());
  }

  private static Patient withIdentifiers(Patient p, List<PatientIdentifier> more) {
    List<PatientIdentifier> all = union(p.identifiers(), more);
    if (all.equals(p.identifiers())) {
      return p;
    }
    return new Patient(
        p.id(),
        p.mrn(),
        p.name(),
        p.sex(),
        p.birthDate(),
        p.idNumber(),
        p.phone(),
        p.address(),
        all,
        p.provenance());
  }

  private static List<PatientIdentifier> union(
      List<PatientIdentifier> a, List<PatientIdentifier> b) {
    Set<PatientIdentifier> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  // ------------------------------------------------------------------ A40

  /**
   * Moves each prior patient's records onto the surviving patient and removes the prior patient;
   * the merge is recorded so that later messages naming the prior patient land on the survivor. A
   * survivor the CDR does not know is registered from the A40's PID, or else from the prior
   * patient's demographics; when neither patient is known only the alias is recorded.
   */
  private static Result merge(
      MappedMessage m, long messageId, WorkingSet ws, List<StagingStore.MergeRow> merges) {
    boolean added = false;
    Map<String, Patient> demographics = new LinkedHashMap<>();
    m.patients().forEach(p -> demographics.put(p.id(), p));
    for (PatientMerge x : m.merges()) {
      String survivorId = ws.resolve(x.survivingPatientId());
      String priorId = ws.resolve(x.priorPatientId());
      if (priorId.equals(survivorId)) {
        continue;
      }
      Optional<PatientRecord> survivor = ws.get(survivorId);
      Optional<PatientRecord> prior = ws.get(priorId);
      Patient incoming = demographics.get(x.survivingPatientId());
      RecordBuilder r;
      if (survivor.isPresent()) {
        r = RecordBuilder.of(survivor.get());
        if (incoming != null) {
          r.patient(demographics(survivor.get().patient(), incoming));
        }
      } else if (incoming != null) {
        r = RecordBuilder.empty(incoming);
        added = true;
      } else if (prior.isPresent()) {
        r = RecordBuilder.empty(Reassign.patient(prior.get().patient(), survivorId));
        added = true;
      } else {
        r = null;
      }
      int moved = 0;
      if (r != null) {
        List<PatientIdentifier> identifiers = new ArrayList<>(x.priorIdentifiers());
        if (prior.isPresent()) {
          PatientRecord facts = Reassign.facts(prior.get(), r.patient());
          moved = r.absorb(facts);
          identifiers.addAll(prior.get().patient().identifiers());
        }
        r.patient(withIdentifiers(r.patient(), identifiers));
        ws.put(r.build());
      }
      ws.mergedInto(priorId, survivorId);
      merges.add(new StagingStore.MergeRow(messageId, survivorId, priorId, moved));
    }
    return applied(added);
  }

  // ------------------------------------------------------------------ ORU

  /**
   * Adds or replaces (by result id: a correction replaces the preliminary result) each patient's
   * results. A patient the CDR does not know holds the whole message, unless the result carries the
   * patient's name and birth date and results may register patients.
   */
  private Result results(MappedMessage m, WorkingSet ws) {
    Map<String, List<LabResult>> byPatient = new LinkedHashMap<>();
    m.labResults()
        .forEach(l -> byPatient.computeIfAbsent(l.patientId(), k -> new ArrayList<>()).add(l));
    Map<String, Patient> demographics = new LinkedHashMap<>();
    m.patients().forEach(p -> demographics.put(p.id(), p));
    for (String id : demographics.keySet()) {
      byPatient.computeIfAbsent(id, k -> new ArrayList<>());
    }
    for (String id : byPatient.keySet()) {
      if (ws.get(id).isEmpty() && !(resultsRegisterPatients && demographics.containsKey(id))) {
        return new Result.Held(
            id,
            IngestErrorCode.PATIENT_NOT_REGISTERED,
            m.messageType() + " reports on patient " + id + ", who is not in the CDR yet");
      }
    }
    boolean added = false;
    List<PatientRecord> built = new ArrayList<>();
    for (Map.Entry<String, List<LabResult>> e : byPatient.entrySet()) {
      Optional<PatientRecord> current = ws.get(e.getKey());
      RecordBuilder r;
      if (current.isPresent()) {
        r = RecordBuilder.of(current.get());
        Patient lab = demographics.get(e.getKey());
        if (lab != null) {
          // The lab is not the demographic master: only its identifiers are kept.
          r.patient(withIdentifiers(r.patient(), lab.identifiers()));
        }
      } else {
        r = RecordBuilder.empty(demographics.get(e.getKey()));
        added = true;
      }
      for (LabResult l : e.getValue()) {
        added |= r.upsertLab(linked(l, r));
      }
      built.add(r.build());
    }
    built.forEach(ws::put);
    return applied(added);
  }

  /**
   * A lab system names the visit by the HIS visit number, so its visit id (source-qualified)
   * differs from the HIS encounter's; when exactly one stored visit of the patient has that visit
   * number, the result is filed under it.
   */
  private static LabResult linked(LabResult l, RecordBuilder r) {
    String visit = visitOf(l.encounterId(), r);
    if (visit.equals(l.encounterId())) {
      return l;
    }
    return new LabResult(
        l.id(),
        l.patientId(),
        visit,
        l.panel(),
        l.item(),
        l.numericValue(),
        l.textValue(),
        l.unit(),
        l.referenceLow(),
        l.referenceHigh(),
        l.referenceText(),
        l.flag(),
        l.specimen(),
        l.collectedAt(),
        l.reportedAt(),
        l.provenance());
  }

  // ------------------------------------------------------------------ documents and orders

  /**
   * MDM documents and ORM/OML medication orders: added or replaced by id. A patient the CDR does
   * not know holds the message, unless it carries name and birth date and such messages may
   * register patients (as for results).
   */
  private Result clinical(MappedMessage m, WorkingSet ws) {
    Map<String, Patient> demographics = new LinkedHashMap<>();
    m.patients().forEach(p -> demographics.put(p.id(), p));
    Map<String, RecordBuilder> builders = new LinkedHashMap<>();
    List<String> patients = new ArrayList<>();
    m.documents().forEach(d -> patients.add(d.patientId()));
    m.orders().forEach(o -> patients.add(o.patientId()));
    boolean added = false;
    for (String id : patients) {
      if (builders.containsKey(id)) {
        continue;
      }
      Optional<PatientRecord> current = ws.get(id);
      if (current.isPresent()) {
        builders.put(id, RecordBuilder.of(current.get()));
      } else if (resultsRegisterPatients && demographics.containsKey(id)) {
        builders.put(id, RecordBuilder.empty(demographics.get(id)));
        added = true;
      } else {
        return new Result.Held(
            id,
            IngestErrorCode.PATIENT_NOT_REGISTERED,
            m.messageType() + " is about patient " + id + ", who is not in the CDR yet");
      }
    }
    for (ClinicalDocument d : m.documents()) {
      RecordBuilder r = builders.get(d.patientId());
      added |= r.upsertDocument(withVisit(d, visitOf(d.encounterId(), r)));
    }
    for (MedicationOrder o : m.orders()) {
      RecordBuilder r = builders.get(o.patientId());
      added |= r.upsertOrder(withVisit(o, visitOf(o.encounterId(), r)));
    }
    builders.values().forEach(b -> ws.put(b.build()));
    return applied(added);
  }

  /**
   * Another system names a visit by the HIS visit number, so its source-qualified visit id differs
   * from the HIS encounter's; when exactly one stored visit of the patient has that number, that is
   * the visit meant.
   */
  private static String visitOf(String visit, RecordBuilder r) {
    if (!visit.startsWith("visit:") || r.encounter(visit).isPresent()) {
      return visit;
    }
    String number = visit.substring(visit.lastIndexOf('|') + 1);
    List<Encounter> candidates =
        r.encounters().stream()
            .filter(e -> e.id().startsWith("visit:") && e.id().endsWith("|" + number))
            .toList();
    return candidates.size() == 1 ? candidates.get(0).id() : visit;
  }

  private static ClinicalDocument withVisit(ClinicalDocument d, String visit) {
    if (visit.equals(d.encounterId())) {
      return d;
    }
    return new ClinicalDocument(
        d.id(),
        d.patientId(),
        visit,
        d.type(),
        d.title(),
        d.author(),
        d.eventAt(),
        d.createdAt(),
        d.signedAt(),
        d.text(),
        d.provenance());
  }

  private static MedicationOrder withVisit(MedicationOrder o, String visit) {
    if (visit.equals(o.encounterId())) {
      return o;
    }
    return new MedicationOrder(
        o.id(),
        o.patientId(),
        visit,
        o.category(),
        o.item(),
        o.dose(),
        o.doseUnit(),
        o.route(),
        o.frequency(),
        o.longTerm(),
        o.startAt(),
        o.stopAt(),
        o.orderingDoctor(),
        o.provenance());
  }

  private static Result applied(boolean added) {
    return new Result.Applied(added ? Decision.Effect.ACCEPTED : Decision.Effect.UPDATED);
  }
}
