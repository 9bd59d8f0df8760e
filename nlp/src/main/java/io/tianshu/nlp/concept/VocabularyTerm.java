package io.tianshu.nlp.concept;

import java.util.Objects;

/**
 * One way of writing a coded concept in a hospital's vocabulary: a code's display or a synonym.
 *
 * @param system the code system's stored id, e.g. {@code icd10} or {@code icd9cm3} (as in the CDR's
 *     {@code std_system} column and {@link io.tianshu.core.code.CodeSystem#id()})
 * @param code the code, e.g. {@code S72.0}
 * @param term the text, e.g. {@code 股骨颈骨折}
 * @param display true when {@code term} is a display of the code (a match on it is exact), false
 *     for a synonym (a local name, a lexicon synonym, an abbreviation)
 */
public record VocabularyTerm(String system, String code, String term, boolean display) {

  public VocabularyTerm {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(term, "term");
    if (system.isBlank() || code.isBlank() || term.isBlank()) {
      throw new IllegalArgumentException(
          "blank vocabulary term: system=" + system + " code=" + code + " term=" + term);
    }
  }
}
