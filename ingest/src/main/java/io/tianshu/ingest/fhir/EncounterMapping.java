package io.tianshu.ingest.fhir;

import static io.tianshu.ingest.fhir.FhirCodes.blankToNull;

import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Transfer;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationComponent;
import org.hl7.fhir.r4.model.Encounter.EncounterParticipantComponent;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;

/**
 * Encounter → {@link Encounter}: class IMP/ACUTE/NONAC → 住院, AMB → 门诊, EMER → 急诊 (others rejected);
 * department from serviceType, else the first location, else the type; a location history with
 * periods becomes transfers.
 */
final class EncounterMapping {

  private static final Map<String, EncounterType> CLASSES =
      Map.of(
          "IMP", EncounterType.INPATIENT,
          "ACUTE", EncounterType.INPATIENT,
          "NONAC", EncounterType.INPATIENT,
          "AMB", EncounterType.OUTPATIENT,
          "EMER", EncounterType.EMERGENCY);

  /**
   * HL7 discharge-disposition codes (http://terminology.hl7.org/CodeSystem/discharge-disposition).
   */
  private static final Map<String, DischargeDisposition> HL7_DISPOSITIONS =
      Map.ofEntries(
          Map.entry("home", DischargeDisposition.HOME),
          Map.entry("alt-home", DischargeDisposition.HOME),
          Map.entry("other-hcf", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("hosp", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("rehab", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("psy", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("long", DischargeDisposition.TRANSFER_COMMUNITY),
          Map.entry("snf", DischargeDisposition.TRANSFER_COMMUNITY),
          Map.entry("aadvice", DischargeDisposition.AGAINST_ADVICE),
          Map.entry("exp", DischargeDisposition.DEATH),
          Map.entry("oth", DischargeDisposition.OTHER));

  /** NUBC patient discharge status (UB-04 FL17), as Synthea writes it. */
  private static final Map<String, DischargeDisposition> NUBC_DISPOSITIONS =
      Map.ofEntries(
          Map.entry("01", DischargeDisposition.HOME),
          Map.entry("06", DischargeDisposition.HOME),
          Map.entry("02", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("05", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("43", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("62", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("63", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("65", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("66", DischargeDisposition.TRANSFER_HOSPITAL),
          Map.entry("03", DischargeDisposition.TRANSFER_COMMUNITY),
          Map.entry("04", DischargeDisposition.TRANSFER_COMMUNITY),
          Map.entry("61", DischargeDisposition.TRANSFER_COMMUNITY),
          Map.entry("64", DischargeDisposition.TRANSFER_COMMUNITY),
          Map.entry("07", DischargeDisposition.AGAINST_ADVICE),
          Map.entry("20", DischargeDisposition.DEATH),
          Map.entry("40", DischargeDisposition.DEATH),
          Map.entry("41", DischargeDisposition.DEATH),
          Map.entry("42", DischargeDisposition.DEATH));

  /** 病案首页 离院方式: 1 医嘱离院, 2 医嘱转院, 3 医嘱转社区, 4 非医嘱离院, 5 死亡, 9 其他. */
  private static final Map<String, DischargeDisposition> HOMEPAGE_DISPOSITIONS =
      Map.of(
          "1", DischargeDisposition.HOME,
          "2", DischargeDisposition.TRANSFER_HOSPITAL,
          "3", DischargeDisposition.TRANSFER_COMMUNITY,
          "4", DischargeDisposition.AGAINST_ADVICE,
          "5", DischargeDisposition.DEATH,
          "9", DischargeDisposition.OTHER);

  private static final String NUBC = "http://www.nubc.org/patient-discharge";

  private EncounterMapping() {}

  static Encounter map(SourceResource r, MappingContext c) {
    org.hl7.fhir.r4.model.Encounter e = (org.hl7.fhir.r4.model.Encounter) r.resource();
    String patientId = c.patientOf(e.getSubject(), "Encounter.subject");
    EncounterType type = type(e);
    LocalDateTime admittedAt = c.time.of(e.getPeriod().getStartElement(), "Encounter.period.start");
    if (admittedAt == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING, "Encounter.period.start missing");
    }
    LocalDateTime dischargedAt = c.time.of(e.getPeriod().getEndElement(), "Encounter.period.end");
    List<Stay> stays = stays(e, c);
    String department = department(e, stays, c);
    if (department == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING,
          "Encounter has no department: serviceType, location and type are all empty");
    }
    DischargeDisposition disposition =
        type == EncounterType.OUTPATIENT || dischargedAt == null ? null : disposition(e);
    String doctor = attendingDoctor(e);
    String id = r.recordId();
    Provenance provenance = c.provenance(r);
    List<Transfer> transfers = transfers(id, stays, provenance);
    return MappingContext.record(
        () ->
            new Encounter(
                id,
                patientId,
                type,
                department,
                null,
                admittedAt,
                dischargedAt,
                disposition,
                doctor,
                transfers,
                provenance));
  }

  private static EncounterType type(org.hl7.fhir.r4.model.Encounter e) {
    Coding coding = e.getClass_();
    String code = coding == null ? null : blankToNull(coding.getCode());
    if (code == null) {
      throw new IngestException(IngestErrorCode.FHIR_ENCOUNTER_CLASS, "Encounter.class missing");
    }
    EncounterType type = CLASSES.get(code.toUpperCase(Locale.ROOT));
    if (type == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ENCOUNTER_CLASS,
          "Encounter.class '" + code + "' not supported (IMP, ACUTE, NONAC, AMB, EMER are)");
    }
    return type;
  }

  /** One stay in a location, as Encounter.location lists them. */
  private record Stay(String name, LocalDateTime from) {}

  private static List<Stay> stays(org.hl7.fhir.r4.model.Encounter e, MappingContext c) {
    List<Stay> stays = new ArrayList<>();
    int index = 0;
    for (EncounterLocationComponent location : e.getLocation()) {
      String name = locationName(location.getLocation(), c);
      LocalDateTime from =
          c.time.of(
              location.getPeriod().getStartElement(),
              "Encounter.location[" + index++ + "].period.start");
      if (name != null) {
        stays.add(new Stay(name, from));
      }
    }
    return stays;
  }

  private static String locationName(Reference reference, MappingContext c) {
    String display = FhirCodes.display(reference);
    if (display != null) {
      return display;
    }
    try {
      SourceResource location = c.refs.resolve(reference, "Location", "Encounter.location");
      return blankToNull(((Location) location.resource()).getName());
    } catch (IngestException e) {
      // A location that only names a department we cannot see is no reason to lose the visit.
      return null;
    }
  }

  private static String department(
      org.hl7.fhir.r4.model.Encounter e, List<Stay> stays, MappingContext c) {
    String service = FhirCodes.text(e.getServiceType());
    if (service != null) {
      return service;
    }
    if (!stays.isEmpty()) {
      return stays.stream()
          .filter(s -> s.from() != null)
          .min(Comparator.comparing(Stay::from))
          .orElse(stays.get(0))
          .name();
    }
    for (CodeableConcept type : e.getType()) {
      String text = FhirCodes.text(type);
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /** Moves between the timed locations after the first; untimed locations cannot be ordered. */
  private static List<Transfer> transfers(String encounterId, List<Stay> stays, Provenance p) {
    List<Stay> timed =
        stays.stream()
            .filter(s -> s.from() != null)
            .sorted(Comparator.comparing(Stay::from))
            .toList();
    List<Transfer> transfers = new ArrayList<>();
    for (int i = 1; i < timed.size(); i++) {
      Stay from = timed.get(i - 1);
      Stay to = timed.get(i);
      String id = encounterId + "#transfer-" + i;
      transfers.add(
          MappingContext.record(
              () ->
                  new Transfer(id, encounterId, from.name(), null, to.name(), null, to.from(), p)));
    }
    return transfers;
  }

  private static DischargeDisposition disposition(org.hl7.fhir.r4.model.Encounter e) {
    CodeableConcept concept = e.getHospitalization().getDischargeDisposition();
    if (concept == null || concept.isEmpty()) {
      return null;
    }
    for (Coding coding : concept.getCoding()) {
      String code = blankToNull(coding.getCode());
      if (code == null) {
        continue;
      }
      DischargeDisposition d =
          NUBC.equals(coding.getSystem())
              ? NUBC_DISPOSITIONS.get(code)
              : HL7_DISPOSITIONS.getOrDefault(code, HOMEPAGE_DISPOSITIONS.get(code));
      if (d != null) {
        return d;
      }
    }
    String text = FhirCodes.text(concept);
    for (DischargeDisposition d : DischargeDisposition.values()) {
      if (d.chinese().equals(text)) {
        return d;
      }
    }
    return DischargeDisposition.OTHER;
  }

  /** The attending (ATND) participant, else the primary performer (PPRF), else the first. */
  private static String attendingDoctor(org.hl7.fhir.r4.model.Encounter e) {
    String first = null;
    String primary = null;
    for (EncounterParticipantComponent participant : e.getParticipant()) {
      String name = FhirCodes.display(participant.getIndividual());
      if (name == null) {
        continue;
      }
      boolean attending =
          participant.getType().stream().anyMatch(t -> FhirCodes.hasCode(t, "ATND"));
      if (attending) {
        return name;
      }
      if (primary == null
          && participant.getType().stream().anyMatch(t -> FhirCodes.hasCode(t, "PPRF"))) {
        primary = name;
      }
      first = first == null ? name : first;
    }
    return primary != null ? primary : first;
  }
}
