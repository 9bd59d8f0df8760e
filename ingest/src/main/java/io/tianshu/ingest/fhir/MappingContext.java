package io.tianshu.ingest.fhir;

import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the mappings of one read share: the source system, the hospital's clock, the reference index
 * and the patients and encounters mapped so far.
 */
final class MappingContext {

  /** A Condition's role in its encounter's {@code Encounter.diagnosis}. */
  record DiagnosisRole(String use, int rank) {}

  /**
   * The visit a fact is filed under: an encounter mapped in this read, or, in a detached read, one
   * a reference names whose Encounter is not in the read (then only its id is known).
   *
   * @param type null when the encounter is not in the read
   * @param admittedAt null when the encounter is not in the read
   */
  record Visit(
      String id, EncounterType type, LocalDateTime admittedAt, LocalDateTime dischargedAt) {

    static Visit of(Encounter e) {
      return new Visit(e.id(), e.type(), e.admittedAt(), e.dischargedAt());
    }
  }

  final String sourceSystem;
  final FhirTime time;
  final References refs;

  /**
   * Whether references to a Patient or Encounter outside this read name them by their logical id
   * (one staged unit: the patient and visit arrive in other units) instead of being rejected.
   */
  final boolean detached;

  private final Set<String> externalPatients = new LinkedHashSet<>();

  private final Map<SourceResource, String> patientIds = new HashMap<>();
  private final Set<SourceResource> rejectedPatients = new HashSet<>();
  private final Map<SourceResource, Encounter> encounters = new HashMap<>();
  private final Set<SourceResource> unmappedEncounters = new HashSet<>();
  private final Map<String, List<Encounter>> encountersByPatient = new HashMap<>();
  final Map<SourceResource, String> labPanels = new HashMap<>();
  final Map<SourceResource, DiagnosisRole> diagnosisRoles = new HashMap<>();

  MappingContext(String sourceSystem, FhirTime time, References refs, boolean detached) {
    this.sourceSystem = sourceSystem;
    this.time = time;
    this.refs = refs;
    this.detached = detached;
  }

  /** Patient ids that facts of a detached read name but whose Patient is not in the read. */
  Set<String> externalPatients() {
    return externalPatients;
  }

  /**
   * In a detached read, the logical id of a Patient or Encounter a literal reference names when it
   * is not in the read; otherwise the failure stands.
   */
  private String outside(Reference reference, String type, IngestException failure) {
    String id =
        detached && failure.ingestErrorCode() == IngestErrorCode.FHIR_UNRESOLVED_REFERENCE
            ? References.externalId(reference, type)
            : null;
    if (id == null) {
      throw failure;
    }
    return id;
  }

  Provenance provenance(SourceResource r) {
    return new Provenance(sourceSystem, r.sourceRecordId(), "");
  }

  void patientMapped(SourceResource r, String patientId) {
    patientIds.put(r, patientId);
  }

  void patientRejected(SourceResource r) {
    rejectedPatients.add(r);
  }

  void encounterMapped(SourceResource r, Encounter encounter) {
    encounters.put(r, encounter);
    encountersByPatient
        .computeIfAbsent(encounter.patientId(), k -> new ArrayList<>())
        .add(encounter);
  }

  void encounterNotMapped(SourceResource r) {
    unmappedEncounters.add(r);
  }

  /** The Tianshu patient id of the patient a subject reference names. */
  String patientOf(Reference subject, String element) {
    if (subject == null || subject.isEmpty()) {
      throw new IngestException(IngestErrorCode.FHIR_ELEMENT_MISSING, element + " missing");
    }
    SourceResource patient;
    try {
      patient = refs.resolve(subject, "Patient", element);
    } catch (IngestException e) {
      String external = outside(subject, "Patient", e);
      externalPatients.add(external);
      return external;
    }
    String id = patientIds.get(patient);
    if (id != null) {
      return id;
    }
    throw new IngestException(
        IngestErrorCode.FHIR_PATIENT_NOT_MAPPED,
        element
            + " names Patient "
            + patient.reportedId()
            + (rejectedPatients.contains(patient)
                ? ", which was rejected"
                : ", which was skipped"));
  }

  /** The encounter a reference names; it must belong to the patient. */
  Visit referencedEncounter(Reference reference, String patientId, String element) {
    SourceResource source;
    try {
      source = refs.resolve(reference, "Encounter", element);
    } catch (IngestException e) {
      // Which patient an encounter outside the read belongs to is not known here.
      return new Visit(outside(reference, "Encounter", e), null, null, null);
    }
    Encounter encounter = encounters.get(source);
    if (encounter == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ENCOUNTER_NOT_MAPPED,
          element
              + " names Encounter "
              + source.reportedId()
              + (unmappedEncounters.contains(source) ? ", which was not mapped" : ""));
    }
    if (!encounter.patientId().equals(patientId)) {
      throw new IngestException(
          IngestErrorCode.FHIR_REFERENCE_CONFLICT,
          element
              + " names Encounter "
              + source.reportedId()
              + " of patient "
              + encounter.patientId()
              + ", not of "
              + patientId);
    }
    return Visit.of(encounter);
  }

  /**
   * The encounter of a fact: the one it references, else the patient's encounter whose period
   * contains its time (the latest-starting when several do), else the latest that began before it,
   * else the patient's latest. Nothing is synthesised for a patient without encounters.
   */
  Visit encounterOf(Reference reference, String patientId, LocalDateTime at, String element) {
    if (reference != null && !reference.isEmpty()) {
      return referencedEncounter(reference, patientId, element);
    }
    List<Encounter> candidates = encountersByPatient.getOrDefault(patientId, List.of());
    if (candidates.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.FHIR_NO_ENCOUNTER,
          element + " missing and patient " + patientId + " has no encounter in this read");
    }
    if (at == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING,
          element + " missing and no time to find the patient's encounter by");
    }
    Encounter containing = null;
    Encounter before = null;
    Encounter latest = null;
    for (Encounter e : candidates) {
      boolean started = !e.admittedAt().isAfter(at);
      boolean notEnded = e.dischargedAt() == null || !e.dischargedAt().isBefore(at);
      if (started && notEnded && later(e, containing)) {
        containing = e;
      }
      if (started && later(e, before)) {
        before = e;
      }
      if (later(e, latest)) {
        latest = e;
      }
    }
    return Visit.of(containing != null ? containing : before != null ? before : latest);
  }

  /** Builds a core record; a constructor's refusal becomes a rejection, not a crash. */
  static <T> T record(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IngestException(IngestErrorCode.FHIR_RECORD_INVALID, describe(e));
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof NullPointerException
        ? "required field " + e.getMessage() + " missing"
        : String.valueOf(e.getMessage());
  }

  /**
   * Later start wins; equal starts are ordered by id so that the choice never depends on input
   * order.
   */
  private static boolean later(Encounter candidate, Encounter best) {
    if (best == null) {
      return true;
    }
    int byStart = candidate.admittedAt().compareTo(best.admittedAt());
    return byStart > 0 || (byStart == 0 && candidate.id().compareTo(best.id()) > 0);
  }
}
