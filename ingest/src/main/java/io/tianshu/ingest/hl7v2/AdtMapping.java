package io.tianshu.ingest.hl7v2;

import static io.tianshu.ingest.hl7v2.MappingContext.emptyToNull;
import static io.tianshu.ingest.hl7v2.MappingContext.firstNonEmpty;

import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.Transfer;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps ADT^A01/A02/A03/A04/A08 (the patient, the visit and, for A02, the transfer), A11/A13 (the
 * visit whose admission or discharge is cancelled) and A40 (patient merges).
 */
final class AdtMapping {

  private AdtMapping() {}

  static MappedMessage map(MappingContext c) {
    IndexedSegment pid = c.first("PID");
    if (pid == null) {
      throw new IngestException(IngestErrorCode.PID_SEGMENT_MISSING, "PID segment missing");
    }
    String trigger = c.header().triggerEvent();
    if (trigger.equals("A40")) {
      return merge(c);
    }
    IndexedSegment pv1 = c.first("PV1");
    if (pv1 == null) {
      throw new IngestException(IngestErrorCode.PV1_SEGMENT_MISSING, "PV1 segment missing");
    }
    PatientMapping.PatientKey key = PatientMapping.patientKey(pid, c);
    Patient patient = PatientMapping.demographics(pid, key, c, true);
    IndexedSegment evn = c.first("EVN");
    LocalDateTime eventTime = eventTime(evn, c);

    EncounterType type = patientClass(pv1);
    String visitNumber = Fields.get(pv1.segment(), 19, 1);
    LocalDateTime admitted = c.time().dateTime(Fields.get(pv1.segment(), 44, 1), "PV1-44");
    if (admitted == null && (trigger.equals("A01") || trigger.equals("A04"))) {
      admitted = eventTime; // the admission event is the admission
    }
    String encounterId =
        visitNumber.isEmpty()
            ? key.patientId() + "@" + (admitted == null ? c.header().controlId() : admitted)
            : "visit:" + c.header().sourceSystem() + "|" + visitNumber;
    String ward = Fields.get(pv1.segment(), 3, 1);
    String department = firstNonEmpty(Fields.get(pv1.segment(), 10, 1), ward);
    if (trigger.equals("A11") || trigger.equals("A13")) {
      return cancellation(c, key, patient, visitNumber, encounterId);
    }

    List<Encounter> encounters = new ArrayList<>();
    List<Transfer> transfers = new ArrayList<>();
    if (trigger.equals("A02")) {
      if (department.isEmpty()) {
        throw new IngestException(
            IngestErrorCode.VISIT_INCOMPLETE, "PV1-10 and PV1-3 (new department/ward) missing");
      }
      transfers.add(
          new Transfer(
              encounterId + "@" + eventTime,
              encounterId,
              null,
              emptyToNull(Fields.get(pv1.segment(), 6, 1)),
              department,
              emptyToNull(ward),
              eventTime,
              c.provenance(pv1)));
    }
    if (admitted == null) {
      // A02 carries the transfer and A08 the demographics even when the admit time is not resent.
      if (!trigger.equals("A02") && !trigger.equals("A08")) {
        throw new IngestException(IngestErrorCode.VISIT_INCOMPLETE, "PV1-44 admit time missing");
      }
    } else {
      if (department.isEmpty()) {
        throw new IngestException(
            IngestErrorCode.VISIT_INCOMPLETE, "PV1-10 hospital service and PV1-3 location missing");
      }
      LocalDateTime discharged = c.time().dateTime(Fields.get(pv1.segment(), 45, 1), "PV1-45");
      if (discharged == null && trigger.equals("A03")) {
        discharged = eventTime;
      }
      encounters.add(
          new Encounter(
              encounterId,
              key.patientId(),
              type,
              department,
              type == EncounterType.INPATIENT ? emptyToNull(ward) : null,
              admitted,
              discharged,
              discharged == null ? null : disposition(Fields.get(pv1.segment(), 36, 1)),
              emptyToNull(PatientMapping.person(pv1.segment(), 7)),
              transfers,
              c.provenance(pv1)));
    }
    return new MappedMessage(
        c.header().typeAndTrigger(),
        c.header().controlId(),
        c.header().sourceSystem(),
        key.identifiers(),
        List.of(patient),
        encounters,
        transfers,
        List.of(),
        encounterId,
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * A11 (cancel admit/visit) and A13 (cancel discharge) name the visit by PV1-19; the visit fields
   * they carry are the state being undone (A13 may still hold the cancelled PV1-45), so no
   * encounter record is mapped from them.
   */
  private static MappedMessage cancellation(
      MappingContext c,
      PatientMapping.PatientKey key,
      Patient patient,
      String visitNumber,
      String encounterId) {
    if (visitNumber.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.VISIT_INCOMPLETE,
          "PV1-19 visit number missing: "
              + c.header().typeAndTrigger()
              + " cannot name the visit it cancels");
    }
    return new MappedMessage(
        c.header().typeAndTrigger(),
        c.header().controlId(),
        c.header().sourceSystem(),
        key.identifiers(),
        List.of(patient),
        List.of(),
        List.of(),
        List.of(),
        encounterId,
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * A40: each PID (the surviving patient) with the MRG after it (the prior patient). Demographics
   * are optional here: a merge may name a surviving patient the CDR already knows by id alone.
   */
  private static MappedMessage merge(MappingContext c) {
    List<PatientIdentifier> identifiers = new ArrayList<>();
    List<Patient> patients = new ArrayList<>();
    List<PatientMerge> merges = new ArrayList<>();
    PatientMapping.PatientKey surviving = null;
    for (IndexedSegment s : c.segments()) {
      switch (s.segment().getName()) {
        case "PID" -> {
          surviving = PatientMapping.patientKey(s, c);
          identifiers.addAll(surviving.identifiers());
          Patient patient = PatientMapping.demographics(s, surviving, c, false);
          if (patient != null) {
            patients.add(patient);
          }
        }
        case "MRG" -> {
          if (surviving == null) {
            throw new IngestException(
                IngestErrorCode.PID_SEGMENT_MISSING, "MRG " + s.index() + " has no PID before it");
          }
          PatientMapping.PatientKey prior = PatientMapping.patientKey(s, 1, 4, c);
          if (prior.patientId().equals(surviving.patientId())) {
            throw new IngestException(
                IngestErrorCode.MERGE_INVALID,
                "MRG-1 names the surviving patient itself: " + prior.patientId());
          }
          merges.add(
              new PatientMerge(surviving.patientId(), prior.patientId(), prior.identifiers()));
        }
        default -> {
          // EVN, PD1, PV1: the merge itself is all Tianshu stores of an A40.
        }
      }
    }
    if (merges.isEmpty()) {
      throw new IngestException(IngestErrorCode.MRG_SEGMENT_MISSING, "MRG segment missing");
    }
    return new MappedMessage(
        c.header().typeAndTrigger(),
        c.header().controlId(),
        c.header().sourceSystem(),
        identifiers,
        patients,
        List.of(),
        List.of(),
        List.of(),
        null,
        merges,
        List.of(),
        List.of());
  }

  private static LocalDateTime eventTime(IndexedSegment evn, MappingContext c) {
    if (evn != null) {
      LocalDateTime occurred = c.time().dateTime(Fields.get(evn.segment(), 6, 1), "EVN-6");
      if (occurred != null) {
        return occurred;
      }
      LocalDateTime recorded = c.time().dateTime(Fields.get(evn.segment(), 2, 1), "EVN-2");
      if (recorded != null) {
        return recorded;
      }
    }
    LocalDateTime sent = c.time().dateTime(Fields.get(c.first("MSH").segment(), 7, 1), "MSH-7");
    if (sent == null) {
      throw new IngestException(
          IngestErrorCode.MSH_INCOMPLETE, "no event time: EVN-6, EVN-2 and MSH-7 are all empty");
    }
    return sent;
  }

  private static EncounterType patientClass(IndexedSegment pv1) {
    String value = Fields.get(pv1.segment(), 2, 1);
    return switch (value) {
      case "I", "B" -> EncounterType.INPATIENT;
      case "E" -> EncounterType.EMERGENCY;
      // Pre-admit, recurring, commercial, not applicable, unknown: not a stay, count as visits.
      case "O", "P", "R", "C", "N", "U" -> EncounterType.OUTPATIENT;
      case "" ->
          throw new IngestException(
              IngestErrorCode.INVALID_PATIENT_CLASS, "PV1-2 patient class missing");
      default ->
          throw new IngestException(
              IngestErrorCode.INVALID_PATIENT_CLASS,
              "invalid patient class in PV1-2: '" + value + "'");
    };
  }

  /** PV1-36: China's 病案首页 离院方式 (1 医嘱离院 … 5 死亡, 9 其他) and HL7 table 0112's two-digit codes. */
  private static DischargeDisposition disposition(String code) {
    return switch (code) {
      case "" -> null;
      case "1", "01" -> DischargeDisposition.HOME;
      case "2", "02", "05", "43", "66" -> DischargeDisposition.TRANSFER_HOSPITAL;
      case "3", "03", "04", "06", "50", "51" -> DischargeDisposition.TRANSFER_COMMUNITY;
      case "4", "07" -> DischargeDisposition.AGAINST_ADVICE;
      case "5", "20", "40", "41", "42" -> DischargeDisposition.DEATH;
      default -> DischargeDisposition.OTHER;
    };
  }
}
