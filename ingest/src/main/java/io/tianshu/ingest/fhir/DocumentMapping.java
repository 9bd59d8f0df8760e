package io.tianshu.ingest.fhir;

import static io.tianshu.ingest.fhir.FhirCodes.blankToNull;

import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Reference;

/**
 * DocumentReference → {@link ClinicalDocument}: the first {@code text/plain} attachment with inline
 * data is the text; the type is the {@link DocumentType} whose Chinese name the type's text or
 * display contains, else a LOINC document code we know, else the default for the encounter's kind
 * (门诊病历 for outpatient and emergency visits, 日常病程记录 for inpatient stays).
 */
final class DocumentMapping {

  /** LOINC document codes with a clear 病历书写基本规范 counterpart. */
  private static final Map<String, DocumentType> LOINC_TYPES =
      Map.of(
          "11506-3", DocumentType.PROGRESS_NOTE,
          "18842-5", DocumentType.DISCHARGE_SUMMARY,
          "11504-8", DocumentType.OPERATION_NOTE,
          "28570-0", DocumentType.OPERATION_NOTE,
          "18761-7", DocumentType.TRANSFER_IN_NOTE);

  /** History and physical: the admission note of a stay, the visit note of an outpatient. */
  private static final String HISTORY_AND_PHYSICAL = "34117-2";

  /** Chinese names, longest first, so that 首次病程记录 wins over a shorter name inside it. */
  private static final List<DocumentType> BY_NAME_LENGTH =
      Arrays.stream(DocumentType.values())
          .sorted(Comparator.comparingInt((DocumentType t) -> t.chinese().length()).reversed())
          .toList();

  private DocumentMapping() {}

  static ClinicalDocument map(SourceResource r, MappingContext c) {
    DocumentReference document = (DocumentReference) r.resource();
    String patientId = c.patientOf(document.getSubject(), "DocumentReference.subject");
    String text = text(document);
    LocalDateTime createdAt = c.time.of(document.getDateElement(), "DocumentReference.date");
    if (createdAt == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING, "DocumentReference.date missing");
    }
    List<Reference> encounters = document.getContext().getEncounter();
    Reference encounterRef = encounters.isEmpty() ? null : encounters.get(0);
    MappingContext.Visit encounter =
        c.encounterOf(encounterRef, patientId, createdAt, "DocumentReference.context.encounter");
    DocumentType type = type(document.getType(), encounter.type());
    String title =
        blankToNull(document.getDescription()) != null
            ? document.getDescription().strip()
            : FhirCodes.text(document.getType());
    String author =
        document.getAuthor().isEmpty() ? null : FhirCodes.display(document.getAuthorFirstRep());
    LocalDateTime eventAt = eventAt(document, type, encounter, c);
    String id = r.recordId();
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    return MappingContext.record(
        () ->
            new ClinicalDocument(
                id,
                patientId,
                encounterId,
                type,
                title,
                author,
                eventAt,
                createdAt,
                null,
                text,
                provenance));
  }

  private static String text(DocumentReference document) {
    List<Attachment> attachments =
        document.getContent().stream()
            .map(DocumentReference.DocumentReferenceContentComponent::getAttachment)
            .toList();
    Attachment plain = Attachments.firstPlainText(attachments);
    if (plain == null) {
      String types =
          attachments.stream()
              .map(a -> a.hasContentType() ? a.getContentType() : "no contentType")
              .toList()
              .toString();
      throw new IngestException(
          IngestErrorCode.FHIR_DOCUMENT_CONTENT,
          "DocumentReference.content has no inline text/plain attachment " + types);
    }
    return Attachments.text(plain, "DocumentReference.content.attachment");
  }

  static DocumentType type(CodeableConcept concept, EncounterType encounterType) {
    DocumentType byName = byChineseName(concept);
    if (byName != null) {
      return byName;
    }
    boolean inpatient = encounterType == EncounterType.INPATIENT;
    String loinc = FhirCodes.code(concept, CodeSystem.LOINC.uri());
    if (HISTORY_AND_PHYSICAL.equals(loinc)) {
      return inpatient ? DocumentType.ADMISSION_NOTE : DocumentType.OUTPATIENT_NOTE;
    }
    if (loinc != null && LOINC_TYPES.containsKey(loinc)) {
      return LOINC_TYPES.get(loinc);
    }
    return inpatient ? DocumentType.PROGRESS_NOTE : DocumentType.OUTPATIENT_NOTE;
  }

  private static DocumentType byChineseName(CodeableConcept concept) {
    if (concept == null) {
      return null;
    }
    StringBuilder names = new StringBuilder(concept.hasText() ? concept.getText() : "");
    for (Coding coding : concept.getCoding()) {
      names.append('\n').append(coding.hasDisplay() ? coding.getDisplay() : "");
    }
    String all = names.toString();
    return BY_NAME_LENGTH.stream().filter(t -> all.contains(t.chinese())).findFirst().orElse(null);
  }

  /**
   * The event the document is about: the context period's start, else admission for an admission
   * note and discharge for a discharge summary.
   */
  private static LocalDateTime eventAt(
      DocumentReference document,
      DocumentType type,
      MappingContext.Visit encounter,
      MappingContext c) {
    LocalDateTime context =
        c.time.of(
            document.getContext().getPeriod().getStartElement(),
            "DocumentReference.context.period.start");
    if (context != null) {
      return context;
    }
    return switch (type) {
      case ADMISSION_NOTE -> encounter.admittedAt();
      case DISCHARGE_SUMMARY -> encounter.dischargedAt();
      default -> null;
    };
  }
}
