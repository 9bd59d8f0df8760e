package io.tianshu.ingest.fhir;

import java.util.Set;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Decides which resources are deliberately not mapped, and says why in a short stable reason (the
 * key of {@link FhirReadResult#skipped()} is {@code Type:reason}). Skipping is for what Tianshu
 * does not store (survey answers, lab panels whose results arrive as Observations, withdrawn
 * entries), never for what it cannot read: that is a rejection.
 */
final class Triage {

  /** The R4 observation-category codes besides laboratory and vital-signs. */
  private static final Set<String> OTHER_CATEGORIES =
      Set.of("social-history", "imaging", "procedure", "survey", "exam", "therapy", "activity");

  private Triage() {}

  /** The reason to skip a resource, or null to map it. */
  static String skipReason(SourceResource r, Set<SourceResource> replacedDocuments) {
    Resource resource = r.resource();
    if (resource instanceof org.hl7.fhir.r4.model.Patient) {
      return null;
    } else if (resource instanceof org.hl7.fhir.r4.model.Encounter e) {
      return encounter(e);
    } else if (resource instanceof Condition c) {
      return condition(c);
    } else if (resource instanceof Procedure p) {
      return procedure(p);
    } else if (resource instanceof Observation o) {
      return observation(o);
    } else if (resource instanceof MedicationRequest m) {
      return medicationRequest(m);
    } else if (resource instanceof MedicationAdministration m) {
      return administration(m);
    } else if (resource instanceof DocumentReference d) {
      return document(d, replacedDocuments.contains(r));
    } else if (resource instanceof DiagnosticReport d) {
      return report(d);
    }
    // Medication and Location are read so that references to them resolve.
    return "reference-only";
  }

  private static String encounter(org.hl7.fhir.r4.model.Encounter e) {
    String status = e.hasStatus() ? e.getStatus().toCode() : null;
    return "entered-in-error".equals(status) || "cancelled".equals(status) ? status : null;
  }

  private static String condition(Condition c) {
    String verification =
        FhirCodes.code(
            c.getVerificationStatus(),
            "http://terminology.hl7.org/CodeSystem/condition-ver-status");
    return "entered-in-error".equals(verification) || "refuted".equals(verification)
        ? verification
        : null;
  }

  private static String procedure(Procedure p) {
    String status = p.hasStatus() ? p.getStatus().toCode() : null;
    return "entered-in-error".equals(status) || "not-done".equals(status) ? status : null;
  }

  private static String observation(Observation o) {
    String status = o.hasStatus() ? o.getStatus().toCode() : null;
    if ("entered-in-error".equals(status) || "cancelled".equals(status)) {
      return status;
    }
    String category = ObservationMapping.category(o);
    if (category == null) {
      return "no-category";
    }
    if (!category.equals(ObservationMapping.LABORATORY)
        && !category.equals(ObservationMapping.VITAL_SIGNS)) {
      // Named only when it is an R4 category, so that source codes cannot grow the skip keys.
      return OTHER_CATEGORIES.contains(category) ? category : "other-category";
    }
    if (ObservationMapping.dataAbsent(o)) {
      return "data-absent";
    }
    if (category.equals(ObservationMapping.VITAL_SIGNS) && !ObservationMapping.hasVitalType(o)) {
      return "vital-sign-without-vital-type";
    }
    return null;
  }

  private static String medicationRequest(MedicationRequest m) {
    String status = m.hasStatus() ? m.getStatus().toCode() : null;
    if ("entered-in-error".equals(status) || "cancelled".equals(status) || "draft".equals(status)) {
      return status;
    }
    String intent = m.hasIntent() ? m.getIntent().toCode() : null;
    return "proposal".equals(intent) || "plan".equals(intent) ? "intent-" + intent : null;
  }

  private static String administration(MedicationAdministration m) {
    String status = m.hasStatus() ? m.getStatus().toCode() : null;
    return "entered-in-error".equals(status) || "not-done".equals(status) ? status : null;
  }

  private static String document(DocumentReference d, boolean replaced) {
    if (d.getStatus() == DocumentReferenceStatus.ENTEREDINERROR) {
      return "entered-in-error";
    }
    // Status "superseded" alone is not enough: Synthea marks all but the latest note so.
    return replaced ? "replaced-in-this-read" : null;
  }

  private static String report(DiagnosticReport d) {
    String status = d.hasStatus() ? d.getStatus().toCode() : null;
    if ("entered-in-error".equals(status) || "cancelled".equals(status)) {
      return status;
    }
    if (!ExamMapping.hasText(d)) {
      return "no-report-text";
    }
    return ExamMapping.kind(d) == null ? "not-an-exam" : null;
  }
}
