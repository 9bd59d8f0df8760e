package io.tianshu.core.record;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A clinical fact read from a document's text by the NLP pipeline: a mention in its context. Note
 * facts are derived data — they can always be rebuilt from the document and the pipeline version
 * that produced them.
 *
 * @param id stable id, unique per patient (document id plus span)
 * @param documentId the {@link ClinicalDocument} the mention is in
 * @param start offset of the first character in the document text (UTF-16 index, inclusive)
 * @param end offset after the last character (exclusive)
 * @param type entity type: disease, symptom, drug, operation, lab, exam, anatomy, …
 * @param surface the text as written
 * @param concept the concept: a code (ICD-10, ICD-9-CM-3, LOINC) when the lexicon knows one, else
 *     the lexicon's preferred term
 * @param negated stated as absent (否认…, 无…)
 * @param uncertain stated as possible (…可能, 待排, 考虑…)
 * @param historical about the patient's past (既往史, 曾…)
 * @param family about a relative, not the patient (家族史, 父亲患…)
 * @param section the section kind the mention is in (e.g. {@code HISTORY_PRESENT}), or null
 * @param documentedAt when the document was written; note facts are timed by their document
 * @param pipeline the NLP pipeline version that produced this fact
 */
public record NoteFact(
    String id,
    String patientId,
    String encounterId,
    String documentId,
    int start,
    int end,
    String type,
    String surface,
    String concept,
    boolean negated,
    boolean uncertain,
    boolean historical,
    boolean family,
    String section,
    LocalDateTime documentedAt,
    String pipeline) {

  public NoteFact {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Checks.id(documentId, "documentId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(surface, "surface");
    Objects.requireNonNull(concept, "concept");
    Objects.requireNonNull(documentedAt, "documentedAt");
    Objects.requireNonNull(pipeline, "pipeline");
    if (start < 0 || end < start || end - start != surface.length()) {
      throw new IllegalArgumentException(
          "bad note fact span [" + start + "," + end + ") for '" + surface + "'");
    }
  }

  /** Affirmed, current-or-past, the patient's own: what a risk item may count. */
  public boolean affirmedOwn() {
    return !negated && !uncertain && !family;
  }
}
