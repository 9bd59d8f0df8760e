package io.tianshu.core.record;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A clinical document with its free text.
 *
 * @param type the document type
 * @param title the title as shown in the EMR
 * @param author the writing doctor
 * @param eventAt the clinical event the document is about (admission, operation end, discharge…),
 *     from which record-QC deadlines run
 * @param createdAt when the document was written
 * @param signedAt when it was signed, null if unsigned
 * @param text the full text; section headings are part of the text
 */
public record ClinicalDocument(
    String id,
    String patientId,
    String encounterId,
    DocumentType type,
    String title,
    String author,
    LocalDateTime eventAt,
    LocalDateTime createdAt,
    LocalDateTime signedAt,
    String text,
    Provenance provenance) {

  public ClinicalDocument {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(type, "type");
    title = title == null ? type.chinese() : title;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(provenance, "provenance");
  }
}
