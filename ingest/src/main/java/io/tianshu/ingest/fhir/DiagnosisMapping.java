package io.tianshu.ingest.fhir;

import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import org.hl7.fhir.r4.model.Condition;

/**
 * Condition → {@link Diagnosis}. ICD-10 codings are the standard code; the time is recordedDate,
 * else onsetDateTime, else the encounter's start. The kind and main flag come from the encounter's
 * {@code Encounter.diagnosis} (use AD/DD, rank 1) when it lists the condition; otherwise an
 * inpatient diagnosis is a discharge diagnosis once the stay has ended (an admission diagnosis
 * before), and any other visit's is an outpatient diagnosis.
 */
final class DiagnosisMapping {

  private DiagnosisMapping() {}

  static Diagnosis map(SourceResource r, MappingContext c) {
    Condition condition = (Condition) r.resource();
    String patientId = c.patientOf(condition.getSubject(), "Condition.subject");
    MappedCode code = FhirCodes.mapped(condition.getCode(), CodeSystem.ICD10, c.sourceSystem);
    if (code == null) {
      throw new IngestException(IngestErrorCode.FHIR_ELEMENT_MISSING, "Condition.code missing");
    }
    LocalDateTime recorded =
        c.time.of(condition.getRecordedDateElement(), "Condition.recordedDate");
    LocalDateTime at =
        recorded != null
            ? recorded
            : condition.hasOnsetDateTimeType()
                ? c.time.of(condition.getOnsetDateTimeType(), "Condition.onsetDateTime")
                : null;
    MappingContext.Visit encounter =
        c.encounterOf(condition.getEncounter(), patientId, at, "Condition.encounter");
    LocalDateTime diagnosedAt = at != null ? at : encounter.admittedAt();
    if (diagnosedAt == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING,
          "Condition.recordedDate and onsetDateTime missing, and the encounter is not in this"
              + " unit to date the diagnosis by");
    }
    MappingContext.DiagnosisRole role = c.diagnosisRoles.get(r);
    DiagnosisKind kind = kind(role, encounter);
    boolean main = role != null && role.rank() == 1;
    String id = r.recordId();
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    return MappingContext.record(
        () -> new Diagnosis(id, patientId, encounterId, kind, main, code, diagnosedAt, provenance));
  }

  private static DiagnosisKind kind(
      MappingContext.DiagnosisRole role, MappingContext.Visit encounter) {
    if (role != null && "AD".equals(role.use())) {
      return DiagnosisKind.ADMISSION;
    }
    if (role != null && "DD".equals(role.use())) {
      return DiagnosisKind.DISCHARGE;
    }
    // A visit named by reference only (staged without its Encounter) has no class: the condition
    // counts as an outpatient diagnosis, the kind most diagnoses have.
    if (encounter.type() != EncounterType.INPATIENT) {
      return DiagnosisKind.OUTPATIENT;
    }
    return encounter.dischargedAt() == null ? DiagnosisKind.ADMISSION : DiagnosisKind.DISCHARGE;
  }
}
