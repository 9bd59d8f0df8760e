package io.tianshu.core.record;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeMatch;
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
 * @param value the quantity the note gives for this mention, as written in normalised form with its
 *     unit ({@code 36.5°C}, {@code 120/80mmHg}, {@code 12.5×10^9/L}, {@code 10余年}, {@code 0.4ml
 *     皮下注射 qd}), or null when it gives none; what a reader is shown
 * @param numericValue the number of {@code value} when it is one number ({@code 36.5}, {@code 10}
 *     for 10余年 — a lower bound there, {@code 0.5} for 半月), else null: a blood pressure is two
 *     numbers and has none, so that a comparison never silently reads only the systolic one
 * @param unit the unit of {@code numericValue} ({@code °C}, {@code ×10^9/L}, {@code 年}, {@code ml};
 *     {@code mmHg} for a blood pressure), or null
 * @param code the mention's standard code: the one the pipeline found in the hospital's vocabulary
 *     (ICD-10 for a disease, ICD-9-CM-3 for an operation), LOINC for a vital sign, else null;
 *     beside {@code concept}, which keeps the lexicon's term that decision-support knowledge names
 * @param codeMatch how the mention reached {@code code}: exact, synonym or fuzzy; null when there
 *     is no code, or for a code written before this was kept (schema V7), whose way is unknown
 * @param codeConfidence how far to trust {@code code}, in [0, 1] (the normaliser's 1.0 exact, 0.9
 *     synonym, 0.8 × similarity fuzzy: an order of trust, not a calibrated probability); null
 *     exactly when {@code codeMatch} is
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
    String pipeline,
    String value,
    Double numericValue,
    String unit,
    Code code,
    CodeMatch codeMatch,
    Double codeConfidence) {

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
    if (value == null && (numericValue != null || unit != null)) {
      throw new IllegalArgumentException("note fact " + id + ": a number or unit without a value");
    }
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException("note fact " + id + ": blank value");
    }
    if (numericValue != null && !Double.isFinite(numericValue)) {
      throw new IllegalArgumentException("note fact " + id + ": value " + numericValue);
    }
    if (code == null && (codeMatch != null || codeConfidence != null)) {
      throw new IllegalArgumentException(
          "note fact " + id + ": a match kind or confidence goes with a code, and only a code");
    }
    if ((codeMatch == null) != (codeConfidence == null)) {
      throw new IllegalArgumentException(
          "note fact " + id + ": a code's match kind and confidence go together");
    }
    if (codeConfidence != null && !(codeConfidence >= 0 && codeConfidence <= 1)) {
      throw new IllegalArgumentException(
          "note fact " + id + ": code confidence must be in [0,1], was " + codeConfidence);
    }
  }

  /**
   * A fact whose code, if it has one, was stated rather than searched for (a fixed table, a source
   * that codes its facts): an exact match with confidence 1. The signature of pipelines that did
   * not record how they reached a code; a normaliser's code must pass its kind and confidence.
   */
  public NoteFact(
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
      String pipeline,
      String value,
      Double numericValue,
      String unit,
      Code code) {
    this(
        id,
        patientId,
        encounterId,
        documentId,
        start,
        end,
        type,
        surface,
        concept,
        negated,
        uncertain,
        historical,
        family,
        section,
        documentedAt,
        pipeline,
        value,
        numericValue,
        unit,
        code,
        code == null ? null : CodeMatch.EXACT,
        code == null ? null : 1.0);
  }

  /** A fact without a value or code: the signature of pipelines that read neither. */
  public NoteFact(
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
    this(
        id,
        patientId,
        encounterId,
        documentId,
        start,
        end,
        type,
        surface,
        concept,
        negated,
        uncertain,
        historical,
        family,
        section,
        documentedAt,
        pipeline,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** This fact filed under another patient and visit (a merge of identities). */
  public NoteFact withOwner(String patientId, String encounterId) {
    return new NoteFact(
        id,
        patientId,
        encounterId,
        documentId,
        start,
        end,
        type,
        surface,
        concept,
        negated,
        uncertain,
        historical,
        family,
        section,
        documentedAt,
        pipeline,
        value,
        numericValue,
        unit,
        code,
        codeMatch,
        codeConfidence);
  }

  /** This fact at another span of its document's text (a rewritten text, e.g. de-identified). */
  public NoteFact withSpan(int start, int end, String surface) {
    return new NoteFact(
        id,
        patientId,
        encounterId,
        documentId,
        start,
        end,
        type,
        surface,
        concept,
        negated,
        uncertain,
        historical,
        family,
        section,
        documentedAt,
        pipeline,
        value,
        numericValue,
        unit,
        code,
        codeMatch,
        codeConfidence);
  }

  /** Affirmed, current-or-past, the patient's own: what a risk item may count. */
  public boolean affirmedOwn() {
    return !negated && !uncertain && !family;
  }
}
