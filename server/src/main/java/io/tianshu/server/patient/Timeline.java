package io.tianshu.server.patient;

import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Transfer;
import io.tianshu.server.patient.TimelineEvent.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a patient's record into a time-ordered list of events. Labs are grouped per panel and
 * collection time, so that one 血常规 is one event rather than twenty.
 */
final class Timeline {

  private Timeline() {}

  static List<TimelineEvent> of(PatientRecord record) {
    List<TimelineEvent> events = new ArrayList<>();
    for (Encounter e : record.encounters()) {
      String where = e.ward() == null ? e.department() : e.department() + " · " + e.ward();
      events.add(
          new TimelineEvent(
              e.admittedAt(),
              Kind.ENCOUNTER,
              e.id(),
              e.type().chinese() + " " + where,
              e.attendingDoctor(),
              e.id()));
      for (Transfer t : e.transfers()) {
        events.add(
            new TimelineEvent(
                t.at(),
                Kind.TRANSFER,
                e.id(),
                "转科 " + nullToEmpty(t.fromDepartment()) + " → " + t.toDepartment(),
                nullToEmpty(t.toWard()),
                t.id()));
      }
      if (e.dischargedAt() != null && e.type() == io.tianshu.core.record.EncounterType.INPATIENT) {
        String how = e.disposition() == null ? "" : e.disposition().chinese();
        events.add(
            new TimelineEvent(
                e.dischargedAt(), Kind.DISCHARGE, e.id(), "出院 " + e.department(), how, e.id()));
      }
    }
    for (Diagnosis d : record.diagnoses()) {
      events.add(
          new TimelineEvent(
              d.diagnosedAt(),
              Kind.DIAGNOSIS,
              d.encounterId(),
              label(d.code()),
              d.kind().chinese() + (d.main() ? " (主要诊断)" : ""),
              d.id()));
    }
    for (Operation o : record.operations()) {
      events.add(
          new TimelineEvent(
              o.startedAt(),
              Kind.OPERATION,
              o.encounterId(),
              label(o.code()),
              nullToEmpty(o.surgeon()) + " " + nullToEmpty(o.anaesthesia()),
              o.id()));
    }
    for (MedicationOrder o : record.orders()) {
      String dose = o.dose() == null ? "" : trim(o.dose()) + nullToEmpty(o.doseUnit()) + " ";
      events.add(
          new TimelineEvent(
              o.startAt(),
              Kind.ORDER,
              o.encounterId(),
              o.item().preferred().display(),
              dose + nullToEmpty(o.route()) + " " + nullToEmpty(o.frequency()),
              o.id()));
    }
    Map<String, List<LabResult>> panels = new LinkedHashMap<>();
    for (LabResult l : record.labs()) {
      panels
          .computeIfAbsent(
              l.encounterId() + "|" + l.panel() + "|" + l.collectedAt(), k -> new ArrayList<>())
          .add(l);
    }
    for (List<LabResult> panel : panels.values()) {
      LabResult first = panel.get(0);
      long abnormal =
          panel.stream()
              .filter(l -> l.flag() != io.tianshu.core.record.AbnormalFlag.NORMAL)
              .count();
      events.add(
          new TimelineEvent(
              first.collectedAt(),
              Kind.LAB,
              first.encounterId(),
              first.panel() == null ? first.item().preferred().display() : first.panel(),
              panel.size() + " 项" + (abnormal > 0 ? "，" + abnormal + " 项异常" : ""),
              first.id()));
    }
    for (ExamReport x : record.exams()) {
      events.add(
          new TimelineEvent(
              x.examinedAt(),
              Kind.EXAM,
              x.encounterId(),
              x.item().preferred().display(),
              x.conclusion(),
              x.id()));
    }
    for (ClinicalDocument d : record.documents()) {
      events.add(
          new TimelineEvent(
              d.createdAt(),
              Kind.DOCUMENT,
              d.encounterId(),
              d.title(),
              nullToEmpty(d.author()),
              d.id()));
    }
    events.sort(Comparator.comparing(TimelineEvent::at).thenComparing(TimelineEvent::kind));
    return List.copyOf(events);
  }

  private static String label(MappedCode code) {
    return code.preferred().display() + " " + code.preferred().code();
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
