package io.tianshu.synth;

import java.util.Objects;

/**
 * One clinical fact the generator stated in a document's text, with its exact span: the ground
 * truth that NLP extraction is scored against.
 *
 * @param documentId the {@code ClinicalDocument} id
 * @param start start offset in the document text (UTF-16 index, inclusive)
 * @param end end offset (exclusive); {@code text.substring(start, end).equals(surface)}
 * @param type one of disease, symptom, drug, operation, lab, exam, anatomy, vital
 * @param surface the text as written
 * @param concept ICD-10 / ICD-9-CM-3 code, LOINC code, or a stable concept id such as {@code
 *     symptom:fever}
 * @param negated stated as absent (否认…, 无…)
 * @param uncertain stated as possible (…可能, …待排, 考虑…)
 * @param history about the patient's past (既往史)
 * @param family about a relative (家族史)
 */
public record TruthFact(
    String documentId,
    int start,
    int end,
    String type,
    String surface,
    String concept,
    boolean negated,
    boolean uncertain,
    boolean history,
    boolean family) {
  public TruthFact {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(surface, "surface");
    Objects.requireNonNull(concept, "concept");
    if (start < 0 || end < start || end - start != surface.length()) {
      throw new IllegalArgumentException(
          "bad span " + start + "-" + end + " for '" + surface + "'");
    }
  }
}
