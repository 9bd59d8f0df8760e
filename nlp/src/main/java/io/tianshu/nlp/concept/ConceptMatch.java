package io.tianshu.nlp.concept;

import java.util.Objects;

/**
 * A code found for a mention.
 *
 * @param system code system id, e.g. {@code icd10}
 * @param code the code
 * @param display the code's display (its first display in the vocabulary)
 * @param matched the vocabulary text the mention matched
 * @param kind exact, synonym or fuzzy
 * @param confidence 1.0 for exact, 0.9 for synonym, 0.8 × similarity for fuzzy: an order of trust,
 *     not a calibrated probability
 */
public record ConceptMatch(
    String system, String code, String display, String matched, MatchKind kind, double confidence) {

  public ConceptMatch {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(matched, "matched");
    Objects.requireNonNull(kind, "kind");
    if (!(confidence > 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in (0,1], was " + confidence);
    }
  }
}
