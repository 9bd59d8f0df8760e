package io.tianshu.ingest.fhir;

import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;

/**
 * Procedure → {@link Operation}: ICD-9-CM codings are the standard (ICD-9-CM-3) code; performed
 * period or dateTime gives start and end; the first performer is the surgeon. Wound class,
 * anaesthesia and grade have no FHIR R4 element and stay unknown.
 */
final class OperationMapping {

  private OperationMapping() {}

  static Operation map(SourceResource r, MappingContext c) {
    Procedure procedure = (Procedure) r.resource();
    String patientId = c.patientOf(procedure.getSubject(), "Procedure.subject");
    MappedCode code = FhirCodes.mapped(procedure.getCode(), CodeSystem.ICD9CM3, c.sourceSystem);
    if (code == null) {
      throw new IngestException(IngestErrorCode.FHIR_ELEMENT_MISSING, "Procedure.code missing");
    }
    LocalDateTime start = c.time.start(procedure.getPerformed(), "Procedure.performed");
    LocalDateTime end =
        procedure.getPerformed() instanceof Period period
            ? c.time.of(period.getEndElement(), "Procedure.performedPeriod.end")
            : null;
    if (start == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING,
          "Procedure.performed[x] missing (performedDateTime or performedPeriod.start)");
    }
    MappingContext.Visit encounter =
        c.encounterOf(procedure.getEncounter(), patientId, start, "Procedure.encounter");
    String surgeon =
        procedure.getPerformer().isEmpty()
            ? null
            : FhirCodes.display(procedure.getPerformerFirstRep().getActor());
    String id = r.recordId();
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    return MappingContext.record(
        () ->
            new Operation(
                id, patientId, encounterId, code, start, end, surgeon, null, null, 0, provenance));
  }
}
