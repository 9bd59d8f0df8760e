package io.tianshu.cds.vte.fhir;

import io.tianshu.cds.vte.assess.VteAssessment;
import io.tianshu.cds.vte.assess.VteAssessor;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.fhir.FhirR4Reader;
import io.tianshu.ingest.fhir.FhirReadResult;
import io.tianshu.ingest.fhir.FhirRejection;
import io.tianshu.nlp.NoteStructurer;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Assesses the patient of a FHIR R4 Bundle: the bundle is read by the ingest module's FHIR
 * connector, its documents are structured by the NLP pipeline into note facts, and coded facts that
 * arrive with a display text but no standard code are recognised from that text.
 */
public final class BundleAssessment {

  private final VteAssessor assessor;
  private final NoteStructurer structurer;
  private final DisplayRecognizer displays;

  public BundleAssessment(VteAssessor assessor, NoteStructurer structurer) {
    this.assessor = assessor;
    this.structurer = structurer;
    this.displays = new DisplayRecognizer(structurer);
  }

  /**
   * @param at the assessment time; null means the encounter's discharge time, or now while the
   *     patient is in hospital
   * @param encounterId the stay to assess; null means the inpatient stay open at {@code at}, else
   *     the latest encounter
   * @throws BundleException when the bundle has no usable patient or encounter
   */
  public VteAssessment assess(
      String bundleJson, LocalDateTime at, String encounterId, Map<String, Boolean> answers) {
    FhirReadResult read = FhirR4Reader.shared().readBundle(bundleJson, "fhir-bundle");
    if (read.records().size() != 1) {
      throw new BundleException(
          "TS-CDS-010",
          "the bundle must describe exactly one patient, found "
              + read.records().size()
              + rejections(read.rejections()));
    }
    PatientRecord record = prepare(read.records().get(0));
    Encounter encounter = pick(record, encounterId, at);
    LocalDateTime when = at;
    if (when == null) {
      when = encounter.dischargedAt() != null ? encounter.dischargedAt() : LocalDateTime.now();
    }
    return assessor.assess(record, encounter.id(), when, answers);
  }

  /** The record with note facts from its documents and from code-less displays. */
  public PatientRecord prepare(PatientRecord record) {
    PatientRecord structured = structurer.structure(record);
    return displays.recognise(structured);
  }

  static Encounter pick(PatientRecord record, String encounterId, LocalDateTime at) {
    if (record.encounters().isEmpty()) {
      throw new BundleException("TS-CDS-011", "the bundle has no Encounter to assess");
    }
    if (encounterId != null) {
      return record.encounters().stream()
          .filter(e -> e.id().equals(encounterId))
          .findFirst()
          .orElseThrow(
              () ->
                  new BundleException(
                      "TS-CDS-012", "no Encounter " + encounterId + " in the bundle"));
    }
    if (at != null) {
      for (Encounter e : record.encounters()) {
        if (e.type() == EncounterType.INPATIENT
            && !e.admittedAt().isAfter(at)
            && (e.dischargedAt() == null || !e.dischargedAt().isBefore(at))) {
          return e;
        }
      }
    }
    return record.encounters().stream()
        .max(
            Comparator.comparing((Encounter e) -> e.type() == EncounterType.INPATIENT)
                .thenComparing(Encounter::admittedAt))
        .orElseThrow();
  }

  private static String rejections(List<FhirRejection> rejections) {
    if (rejections.isEmpty()) {
      return "";
    }
    return "; rejected: "
        + rejections.stream()
            .limit(5)
            .map(r -> r.resourceType() + "/" + r.resourceId() + " " + r.code() + " " + r.reason())
            .collect(Collectors.joining("; "));
  }
}
