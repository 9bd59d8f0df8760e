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
import io.tianshu.core.record.VitalSign;
import io.tianshu.ingest.hl7v2.MappedMessage;
import io.tianshu.ingest.hl7v2.PatientMerge;
import java.util.function.UnaryOperator;

/**
 * Files records under another patient id: the prior patient's records when a merge moves them onto
 * the surviving patient, and a message's records when it names a patient merged away before. A
 * result filed under the placeholder visit {@code unlinked:<patient>} moves to the new patient's
 * placeholder.
 */
final class Reassign {

  private static final String UNLINKED = "unlinked:";

  private Reassign() {}

  /** Every fact of {@code record} (not the patient row) as facts of {@code to}. */
  static PatientRecord facts(PatientRecord record, Patient to) {
    String id = to.id();
    UnaryOperator<String> visit = v -> visit(v, id);
    return new PatientRecord(
        to,
        record.encounters().stream().map(e -> encounter(e, id)).toList(),
        record.diagnoses().stream()
            .map(
                d ->
                    new Diagnosis(
                        d.id(),
                        id,
                        visit.apply(d.encounterId()),
                        d.kind(),
                        d.main(),
                        d.code(),
                        d.diagnosedAt(),
                        d.provenance()))
            .toList(),
        record.operations().stream()
            .map(
                o ->
                    new Operation(
                        o.id(),
                        id,
                        visit.apply(o.encounterId()),
                        o.code(),
                        o.startedAt(),
                        o.endedAt(),
                        o.surgeon(),
                        o.anaesthesia(),
                        o.incisionClass(),
                        o.level(),
                        o.provenance()))
            .toList(),
        record.orders().stream().map(o -> order(o, id)).toList(),
        record.administrations().stream()
            .map(
                a ->
                    new MedicationAdministration(
                        a.id(),
                        a.orderId(),
                        id,
                        visit.apply(a.encounterId()),
                        a.item(),
                        a.dose(),
                        a.doseUnit(),
                        a.route(),
                        a.administeredAt(),
                        a.performer(),
                        a.provenance()))
            .toList(),
        record.labs().stream().map(l -> lab(l, id)).toList(),
        record.vitals().stream()
            .map(
                v ->
                    new VitalSign(
                        v.id(),
                        id,
                        visit.apply(v.encounterId()),
                        v.type(),
                        v.value(),
                        v.measuredAt(),
                        v.provenance()))
            .toList(),
        record.exams().stream()
            .map(
                x ->
                    new ExamReport(
                        x.id(),
                        id,
                        visit.apply(x.encounterId()),
                        x.kind(),
                        x.item(),
                        x.bodySite(),
                        x.findings(),
                        x.conclusion(),
                        x.examinedAt(),
                        x.reportedAt(),
                        x.provenance()))
            .toList(),
        record.documents().stream().map(d -> document(d, id)).toList(),
        record.noteFacts().stream()
            .map(f -> f.withOwner(id, visit.apply(f.encounterId())))
            .toList());
  }

  /** The message with every patient id passed through {@code resolve}; itself when none changes. */
  static MappedMessage message(MappedMessage m, UnaryOperator<String> resolve) {
    boolean changes =
        m.patients().stream().anyMatch(p -> !resolve.apply(p.id()).equals(p.id()))
            || m.encounters().stream().anyMatch(e -> changed(resolve, e.patientId()))
            || m.labResults().stream().anyMatch(l -> changed(resolve, l.patientId()))
            || m.documents().stream().anyMatch(d -> changed(resolve, d.patientId()))
            || m.orders().stream().anyMatch(o -> changed(resolve, o.patientId()))
            || m.merges().stream()
                .anyMatch(
                    x ->
                        changed(resolve, x.survivingPatientId())
                            || changed(resolve, x.priorPatientId()));
    if (!changes) {
      return m;
    }
    return new MappedMessage(
        m.messageType(),
        m.controlId(),
        m.sourceSystem(),
        m.patientIdentifiers(),
        m.patients().stream().map(p -> patient(p, resolve.apply(p.id()))).toList(),
        m.encounters().stream().map(e -> encounter(e, resolve.apply(e.patientId()))).toList(),
        m.transfers(),
        m.labResults().stream().map(l -> lab(l, resolve.apply(l.patientId()))).toList(),
        m.visitId(),
        m.merges().stream()
            .map(
                x ->
                    new PatientMerge(
                        resolve.apply(x.survivingPatientId()),
                        resolve.apply(x.priorPatientId()),
                        x.priorIdentifiers()))
            .toList(),
        m.documents().stream().map(d -> document(d, resolve.apply(d.patientId()))).toList(),
        m.orders().stream().map(o -> order(o, resolve.apply(o.patientId()))).toList());
  }

  private static boolean changed(UnaryOperator<String> resolve, String id) {
    return !resolve.apply(id).equals(id);
  }

  static Patient patient(Patient p, String id) {
    if (p.id().equals(id)) {
      return p;
    }
    return new Patient(
        id,
        p.mrn(),
        p.name(),
        p.sex(),
        p.birthDate(),
        p.idNumber(),
        p.phone(),
        p.address(),
        p.identifiers(),
        p.provenance());
  }

  private static Encounter encounter(Encounter e, String id) {
    if (e.patientId().equals(id)) {
      return e;
    }
    return new Encounter(
        e.id(),
        id,
        e.type(),
        e.department(),
        e.ward(),
        e.admittedAt(),
        e.dischargedAt(),
        e.disposition(),
        e.attendingDoctor(),
        e.transfers(),
        e.provenance());
  }

  private static LabResult lab(LabResult l, String id) {
    if (l.patientId().equals(id)) {
      return l;
    }
    return new LabResult(
        l.id(),
        id,
        visit(l.encounterId(), id),
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

  private static ClinicalDocument document(ClinicalDocument d, String id) {
    if (d.patientId().equals(id)) {
      return d;
    }
    return new ClinicalDocument(
        d.id(),
        id,
        visit(d.encounterId(), id),
        d.type(),
        d.title(),
        d.author(),
        d.eventAt(),
        d.createdAt(),
        d.signedAt(),
        d.text(),
        d.provenance());
  }

  private static MedicationOrder order(MedicationOrder o, String id) {
    if (o.patientId().equals(id)) {
      return o;
    }
    return new MedicationOrder(
        o.id(),
        id,
        visit(o.encounterId(), id),
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

  private static String visit(String encounterId, String patientId) {
    return encounterId.startsWith(UNLINKED) ? UNLINKED + patientId : encounterId;
  }
}
