package io.tianshu.ingest.hl7v2;

import static io.tianshu.ingest.hl7v2.MappingContext.emptyToNull;
import static io.tianshu.ingest.hl7v2.MappingContext.firstNonEmpty;
import static io.tianshu.ingest.hl7v2.MappingContext.firstNonNull;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Patient;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps MDM^T02 (original document with content): TXA names the document, the OBX segments after it
 * carry its text, one line each. The document type comes from TXA-2, by the Chinese name of
 * 《病历书写基本规范》 or HL7 table 0270's codes; a type Tianshu has no record for is quarantined, so that a
 * steward maps it rather than the text being filed under a wrong type.
 */
final class DocumentMapping {

  /** HL7 table 0270 document types that have a Tianshu equivalent. */
  private static final Map<String, DocumentType> TABLE_0270 =
      Map.of(
          "HP", DocumentType.ADMISSION_NOTE,
          "DS", DocumentType.DISCHARGE_SUMMARY,
          "OP", DocumentType.OPERATION_NOTE,
          "PN", DocumentType.PROGRESS_NOTE,
          "TS", DocumentType.TRANSFER_IN_NOTE);

  private DocumentMapping() {}

  static MappedMessage map(MappingContext c) {
    IndexedSegment pid = c.first("PID");
    if (pid == null) {
      throw new IngestException(IngestErrorCode.PID_SEGMENT_MISSING, "PID segment missing");
    }
    IndexedSegment txa = c.first("TXA");
    if (txa == null) {
      throw new IngestException(IngestErrorCode.DOCUMENT_INCOMPLETE, "TXA segment missing");
    }
    PatientMapping.PatientKey key = PatientMapping.patientKey(pid, c);
    Patient patient = PatientMapping.demographics(pid, key, c, false);
    IndexedSegment pv1 = c.first("PV1");
    String visit = pv1 == null ? "" : Fields.get(pv1.segment(), 19, 1);
    String encounterId =
        visit.isEmpty()
            ? "unlinked:" + key.patientId()
            : "visit:" + c.header().sourceSystem() + "|" + visit;

    String number =
        firstNonEmpty(Fields.get(txa.segment(), 12, 1), Fields.get(txa.segment(), 16, 1));
    if (number.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.DOCUMENT_INCOMPLETE, "TXA-12 unique document number missing");
    }
    DocumentType type = type(txa);
    List<String> lines = new ArrayList<>();
    for (IndexedSegment s : c.segments()) {
      if (s.segment().getName().equals("OBX") && s.index() > txa.index()) {
        for (int rep = 0; rep < Fields.repetitions(s.segment(), 5); rep++) {
          lines.add(Fields.get(s.segment(), 5, rep, 1, 1).replace("\\.br\\", "\n"));
        }
      }
    }
    String text = String.join("\n", lines).strip();
    if (text.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.DOCUMENT_INCOMPLETE, "no document text: no OBX-5 after TXA");
    }
    LocalDateTime event = c.time().dateTime(Fields.get(txa.segment(), 4, 1), "TXA-4");
    LocalDateTime created =
        firstNonNull(
            c.time().dateTime(Fields.get(txa.segment(), 6, 1), "TXA-6"),
            firstNonNull(
                event, c.time().dateTime(Fields.get(c.first("MSH").segment(), 7, 1), "MSH-7")));
    if (created == null) {
      throw new IngestException(
          IngestErrorCode.DOCUMENT_INCOMPLETE, "no document time (TXA-6, TXA-4 and MSH-7 empty)");
    }
    String status = Fields.get(txa.segment(), 17, 1);
    LocalDateTime signed =
        status.equals("AU") || status.equals("LA")
            ? firstNonNull(
                c.time().dateTime(Fields.get(txa.segment(), 22, 0, 15, 1), "TXA-22.15"), created)
            : null;
    ClinicalDocument document =
        new ClinicalDocument(
            "doc:" + c.header().sourceSystem() + "|" + number,
            key.patientId(),
            encounterId,
            type,
            emptyToNull(Fields.get(txa.segment(), 2, 2)),
            emptyToNull(PatientMapping.person(txa.segment(), 9)),
            event,
            created,
            signed != null && signed.isBefore(created) ? created : signed,
            text,
            c.provenance(txa));
    return new MappedMessage(
        c.header().typeAndTrigger(),
        c.header().controlId(),
        c.header().sourceSystem(),
        key.identifiers(),
        patient == null ? List.of() : List.of(patient),
        List.of(),
        List.of(),
        List.of(),
        null,
        List.of(),
        List.of(document),
        List.of());
  }

  private static DocumentType type(IndexedSegment txa) {
    String code = Fields.get(txa.segment(), 2, 1);
    String text = Fields.get(txa.segment(), 2, 2);
    for (String name : List.of(text, code)) {
      if (!name.isEmpty()) {
        var chinese = DocumentType.fromChinese(name);
        if (chinese.isPresent()) {
          return chinese.get();
        }
      }
    }
    DocumentType coded = TABLE_0270.get(code.toUpperCase(Locale.ROOT));
    if (coded != null) {
      return coded;
    }
    throw new IngestException(
        IngestErrorCode.DOCUMENT_TYPE_UNKNOWN,
        "document type in TXA-2 has no Tianshu equivalent: '" + code + "^" + text + "'");
  }
}
