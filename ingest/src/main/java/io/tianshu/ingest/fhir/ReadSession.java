package io.tianshu.ingest.fhir;

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
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import io.tianshu.ingest.staging.RecordFragment;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps the resources of one read in dependency order (patients, then encounters, then the facts
 * that hang off them) and assembles one {@link PatientRecord} per patient. A resource that fails is
 * rejected alone; the facts that depend on it are rejected with a code that points back to it.
 */
final class ReadSession {

  private final Tally tally;
  private final MappingContext context;
  private final List<SourceResource> indexed = new ArrayList<>();
  private final Map<String, PatientParts> patients = new LinkedHashMap<>();

  private ReadSession(Tally tally, String sourceSystem, FhirTime time, boolean detached) {
    this.tally = tally;
    this.context =
        new MappingContext(sourceSystem, time, References.index(tally, indexed), detached);
  }

  static FhirReadResult run(Tally tally, String sourceSystem, FhirTime time) {
    ReadSession session = new ReadSession(tally, sourceSystem, time, false);
    session.mapAll();
    return session.result();
  }

  /**
   * Maps one staged unit: references to a Patient or Encounter outside it name them by logical id,
   * and the facts of a patient who is not in the unit form a fragment without demographics.
   */
  static UnitRead runDetached(
      String resourceType, Tally tally, String sourceSystem, FhirTime time) {
    ReadSession session = new ReadSession(tally, sourceSystem, time, true);
    session.mapAll();
    List<RecordFragment> fragments =
        session.patients.values().stream()
            .sorted(Comparator.comparing(p -> p.patientId))
            .map(PatientParts::toFragment)
            .toList();
    return new UnitRead(resourceType, fragments, tally.rejections(), tally.read(), tally.skipped());
  }

  private void mapAll() {
    Set<SourceResource> replacedDocuments = new HashSet<>();
    collectRelations(replacedDocuments);
    List<SourceResource> toMap = new ArrayList<>();
    for (SourceResource r : indexed) {
      String skip = Triage.skipReason(r, replacedDocuments);
      if (skip == null) {
        toMap.add(r);
      } else {
        tally.skipAccepted(r, skip);
        if (r.resource() instanceof org.hl7.fhir.r4.model.Encounter) {
          context.encounterNotMapped(r);
        }
      }
    }
    for (SourceResource r : ofType(toMap, "Patient")) {
      mapPatient(r);
    }
    for (SourceResource r : ofType(toMap, "Encounter")) {
      Encounter encounter = attempt(r, () -> EncounterMapping.map(r, context));
      if (encounter == null) {
        context.encounterNotMapped(r);
      } else {
        context.encounterMapped(r, encounter);
        parts(encounter.patientId()).encounters.add(encounter);
      }
    }
    for (SourceResource r : toMap) {
      mapFact(r);
    }
  }

  private void mapPatient(SourceResource r) {
    Patient patient = attempt(r, () -> PatientMapping.map(r, context));
    if (patient != null && patients.containsKey(patient.id())) {
      tally.rejectAccepted(
          r,
          IngestErrorCode.FHIR_DUPLICATE_RESOURCE,
          "another Patient in this read has the same id " + patient.id());
      patient = null;
    }
    if (patient == null) {
      context.patientRejected(r);
      return;
    }
    patients.put(patient.id(), new PatientParts(patient.id(), patient));
    context.patientMapped(r, patient.id());
  }

  private void mapFact(SourceResource r) {
    switch (r.type()) {
      case "Condition" ->
          add(r, DiagnosisMapping::map, Diagnosis::patientId, (p, d) -> p.diagnoses.add(d));
      case "Procedure" ->
          add(r, OperationMapping::map, Operation::patientId, (p, o) -> p.operations.add(o));
      case "Observation" -> {
        if (ObservationMapping.LABORATORY.equals(
            ObservationMapping.category((Observation) r.resource()))) {
          add(r, ObservationMapping::lab, LabResult::patientId, (p, l) -> p.labs.add(l));
        } else {
          add(
              r,
              ObservationMapping::vitals,
              vitals -> vitals.get(0).patientId(),
              (p, vitals) -> p.vitals.addAll(vitals));
        }
      }
      case "MedicationRequest" ->
          add(r, MedicationMapping::order, MedicationOrder::patientId, (p, o) -> p.orders.add(o));
      case "MedicationAdministration" ->
          add(
              r,
              MedicationMapping::administration,
              MedicationAdministration::patientId,
              (p, a) -> p.administrations.add(a));
      case "DocumentReference" ->
          add(r, DocumentMapping::map, ClinicalDocument::patientId, (p, d) -> p.documents.add(d));
      case "DiagnosticReport" ->
          add(r, ExamMapping::map, ExamReport::patientId, (p, e) -> p.exams.add(e));
      default -> {
        // Patients and encounters are mapped before the facts.
      }
    }
  }

  /** Maps one fact resource and files what it gives under its patient. */
  private <T> void add(
      SourceResource r,
      BiFunction<SourceResource, MappingContext, T> mapping,
      Function<T, String> patientId,
      BiConsumer<PatientParts, T> file) {
    T mapped = attempt(r, () -> mapping.apply(r, context));
    if (mapped != null) {
      file.accept(parts(patientId.apply(mapped)), mapped);
    }
  }

  /** Runs one mapping; its failure becomes the resource's rejection. */
  private <T> T attempt(SourceResource r, Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (IngestException e) {
      tally.rejectAccepted(r, e.ingestErrorCode(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      tally.rejectAccepted(
          r, IngestErrorCode.FHIR_INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return null;
  }

  /**
   * Relations that other resources state about a resource: the lab panel a DiagnosticReport puts
   * its results in, a condition's role in Encounter.diagnosis, a document another replaces.
   * References that do not resolve are ignored here; they only add detail.
   */
  private void collectRelations(Set<SourceResource> replacedDocuments) {
    for (SourceResource r : indexed) {
      if (r.resource() instanceof DiagnosticReport report) {
        String panel = FhirCodes.text(report.getCode());
        for (Reference result : report.getResult()) {
          SourceResource observation = quietly(result, "Observation");
          if (panel != null && observation != null) {
            context.labPanels.putIfAbsent(observation, panel);
          }
        }
      } else if (r.resource() instanceof org.hl7.fhir.r4.model.Encounter encounter) {
        for (var diagnosis : encounter.getDiagnosis()) {
          SourceResource condition = quietly(diagnosis.getCondition(), "Condition");
          if (condition != null) {
            String use =
                diagnosis.getUse().getCoding().isEmpty()
                    ? null
                    : diagnosis.getUse().getCodingFirstRep().getCode();
            int rank = diagnosis.hasRank() ? diagnosis.getRank() : 0;
            context.diagnosisRoles.putIfAbsent(
                condition, new MappingContext.DiagnosisRole(use, rank));
          }
        }
      } else if (r.resource() instanceof DocumentReference document) {
        for (var relation : document.getRelatesTo()) {
          if (relation.getCode() == DocumentReference.DocumentRelationshipType.REPLACES) {
            SourceResource replaced = quietly(relation.getTarget(), "DocumentReference");
            if (replaced != null && replaced != r) {
              replacedDocuments.add(replaced);
            }
          }
        }
      }
    }
  }

  private SourceResource quietly(Reference reference, String type) {
    if (reference == null || reference.isEmpty()) {
      return null;
    }
    try {
      return context.refs.resolve(reference, type, type);
    } catch (IngestException e) {
      return null;
    }
  }

  private static List<SourceResource> ofType(List<SourceResource> resources, String type) {
    return resources.stream().filter(r -> r.type().equals(type)).toList();
  }

  private PatientParts parts(String patientId) {
    PatientParts parts = patients.get(patientId);
    if (parts == null && context.externalPatients().contains(patientId)) {
      parts = new PatientParts(patientId, null);
      patients.put(patientId, parts);
    }
    if (parts == null) {
      throw new IllegalStateException("fact of an unmapped patient " + patientId);
    }
    return parts;
  }

  private FhirReadResult result() {
    List<PatientRecord> records =
        patients.values().stream()
            .map(PatientParts::toRecord)
            .sorted(Comparator.comparing(p -> p.patient().id()))
            .toList();
    return new FhirReadResult(records, tally.rejections(), tally.read(), tally.skipped());
  }

  /** One patient's records as they are mapped. */
  private static final class PatientParts {
    final String patientId;
    final Patient patient;
    final List<Encounter> encounters = new ArrayList<>();
    final List<Diagnosis> diagnoses = new ArrayList<>();
    final List<Operation> operations = new ArrayList<>();
    final List<MedicationOrder> orders = new ArrayList<>();
    final List<MedicationAdministration> administrations = new ArrayList<>();
    final List<LabResult> labs = new ArrayList<>();
    final List<VitalSign> vitals = new ArrayList<>();
    final List<ExamReport> exams = new ArrayList<>();
    final List<ClinicalDocument> documents = new ArrayList<>();

    /**
     * @param patient null for a patient a detached read's facts name but whose Patient is elsewhere
     */
    PatientParts(String patientId, Patient patient) {
      this.patientId = patientId;
      this.patient = patient;
    }

    /** The patient's records as one staged unit contributes them; the Patient is the master. */
    RecordFragment toFragment() {
      return new RecordFragment(
          patientId,
          patient,
          patient != null,
          sorted(encounters, Encounter::admittedAt, Encounter::id),
          sorted(diagnoses, Diagnosis::diagnosedAt, Diagnosis::id),
          sorted(operations, Operation::startedAt, Operation::id),
          sorted(orders, MedicationOrder::startAt, MedicationOrder::id),
          sorted(
              administrations,
              MedicationAdministration::administeredAt,
              MedicationAdministration::id),
          sorted(labs, LabResult::collectedAt, LabResult::id),
          sorted(vitals, VitalSign::measuredAt, VitalSign::id),
          sorted(exams, ExamReport::examinedAt, ExamReport::id),
          sorted(documents, ClinicalDocument::createdAt, ClinicalDocument::id));
    }

    /** Each list in time order, ties by id, so that input order never shows in the result. */
    PatientRecord toRecord() {
      RecordFragment f = toFragment();
      return new PatientRecord(
          patient,
          f.encounters(),
          f.diagnoses(),
          f.operations(),
          f.orders(),
          f.administrations(),
          f.labs(),
          f.vitals(),
          f.exams(),
          f.documents());
    }

    private static <T> List<T> sorted(
        List<T> list, Function<T, LocalDateTime> time, Function<T, String> id) {
      return list.stream().sorted(Comparator.comparing(time).thenComparing(id)).toList();
    }
  }
}
