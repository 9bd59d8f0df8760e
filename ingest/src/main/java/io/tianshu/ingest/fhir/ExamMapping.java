package io.tianshu.ingest.fhir;

import static io.tianshu.ingest.fhir.FhirCodes.blankToNull;

import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ExamKind;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;

/**
 * DiagnosticReport → {@link ExamReport} when it carries report text (conclusion or a plain-text
 * presentedForm) and is an examination: its diagnostic service section (HL7 v2 table 0074) or a
 * word in its category or code names imaging, ultrasound, ECG, endoscopy or pathology. Lab panels
 * and clinical notes filed as reports (Synthea files every note twice, also as DocumentReference)
 * are skipped by {@link Triage}.
 */
final class ExamMapping {

  /** HL7 v2 table 0074 diagnostic service sections. */
  private static final Map<String, ExamKind> SECTIONS =
      Map.ofEntries(
          Map.entry("RAD", ExamKind.RADIOLOGY),
          Map.entry("RX", ExamKind.RADIOLOGY),
          Map.entry("CT", ExamKind.RADIOLOGY),
          Map.entry("NMR", ExamKind.RADIOLOGY),
          Map.entry("NMS", ExamKind.RADIOLOGY),
          Map.entry("RUS", ExamKind.ULTRASOUND),
          Map.entry("VUS", ExamKind.ULTRASOUND),
          Map.entry("OUS", ExamKind.ULTRASOUND),
          Map.entry("CUS", ExamKind.ULTRASOUND),
          Map.entry("EC", ExamKind.ECG),
          Map.entry("PAT", ExamKind.PATHOLOGY),
          Map.entry("SP", ExamKind.PATHOLOGY),
          Map.entry("CP", ExamKind.PATHOLOGY));

  /**
   * Words naming an exam kind, checked in this order: ultrasound and ECG before radiology, since
   * "cardiac ultrasound" and "超声心动图" are not imaging in the radiology department's sense.
   */
  private static final Map<ExamKind, Pattern> WORDS = words();

  private ExamMapping() {}

  private static Map<ExamKind, Pattern> words() {
    Map<ExamKind, Pattern> words = new LinkedHashMap<>();
    words.put(
        ExamKind.ULTRASOUND,
        Pattern.compile("超声|彩超|B超|" + word("US") + "|(?i:ultrasound|sonogra|echocardiogra)"));
    words.put(
        ExamKind.ECG,
        Pattern.compile("心电|" + word("ECG") + "|" + word("EKG") + "|(?i:electrocardiogra)"));
    words.put(
        ExamKind.ENDOSCOPY,
        Pattern.compile("内镜|胃镜|肠镜|支气管镜|(?i:endoscop|colonoscop|gastroscop|bronchoscop)"));
    words.put(ExamKind.PATHOLOGY, Pattern.compile("病理|活检|细胞学|(?i:patholog|biopsy|cytolog)"));
    words.put(
        ExamKind.RADIOLOGY,
        Pattern.compile(
            "放射|影像|X线|造影|钼靶|"
                + String.join("|", word("CT"), word("MRI?"), word("PET"), word("DR"))
                + "|(?i:radiolog|radiograph|x-ray|tomograph|mammogra)"));
    return Collections.unmodifiableMap(words);
  }

  /**
   * An abbreviation not inside a Latin word. Not {@code \\b}: on Java 17 a Chinese character is a
   * word character for it, so {@code 胸部CT} would not match.
   */
  private static String word(String abbreviation) {
    return "(?<![A-Za-z])" + abbreviation + "(?![A-Za-z])";
  }

  /** The kind of exam a report is, or null when it is not one. */
  static ExamKind kind(DiagnosticReport report) {
    for (CodeableConcept category : report.getCategory()) {
      for (Coding coding : category.getCoding()) {
        ExamKind kind = coding.getCode() == null ? null : SECTIONS.get(coding.getCode());
        if (kind != null) {
          return kind;
        }
      }
    }
    List<String> names = new ArrayList<>();
    report.getCategory().forEach(c -> names.add(allText(c)));
    names.add(allText(report.getCode()));
    String all = String.join("\n", names);
    for (Map.Entry<ExamKind, Pattern> word : WORDS.entrySet()) {
      if (word.getValue().matcher(all).find()) {
        return word.getKey();
      }
    }
    return null;
  }

  /** True when the report carries text an exam report can hold. */
  static boolean hasText(DiagnosticReport report) {
    return blankToNull(report.getConclusion()) != null
        || Attachments.firstPlainText(report.getPresentedForm()) != null;
  }

  static ExamReport map(SourceResource r, MappingContext c) {
    DiagnosticReport report = (DiagnosticReport) r.resource();
    String patientId = c.patientOf(report.getSubject(), "DiagnosticReport.subject");
    ExamKind kind = kind(report);
    MappedCode item = FhirCodes.mapped(report.getCode(), CodeSystem.LOINC, c.sourceSystem);
    if (item == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING, "DiagnosticReport.code missing");
    }
    LocalDateTime reportedAt = c.time.of(report.getIssuedElement(), "DiagnosticReport.issued");
    LocalDateTime effective = c.time.start(report.getEffective(), "DiagnosticReport.effective[x]");
    LocalDateTime examinedAt = effective != null ? effective : reportedAt;
    if (examinedAt == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING,
          "DiagnosticReport.effective[x] and issued both missing");
    }
    MappingContext.Visit encounter =
        c.encounterOf(report.getEncounter(), patientId, examinedAt, "DiagnosticReport.encounter");
    Attachment form = Attachments.firstPlainText(report.getPresentedForm());
    String findings =
        form == null ? null : Attachments.text(form, "DiagnosticReport.presentedForm");
    String conclusion = blankToNull(report.getConclusion());
    String id = r.recordId();
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    return MappingContext.record(
        () ->
            new ExamReport(
                id,
                patientId,
                encounterId,
                kind,
                item,
                null,
                findings,
                conclusion,
                examinedAt,
                reportedAt,
                provenance));
  }

  private static String allText(CodeableConcept concept) {
    StringBuilder text = new StringBuilder(concept.hasText() ? concept.getText() : "");
    for (Coding coding : concept.getCoding()) {
      text.append('\n').append(coding.hasDisplay() ? coding.getDisplay() : "");
    }
    return text.toString();
  }
}
