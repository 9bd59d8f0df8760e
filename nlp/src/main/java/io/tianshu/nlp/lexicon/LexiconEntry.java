package io.tianshu.nlp.lexicon;

import java.util.Objects;

/**
 * One surface form of a concept in the lexicon.
 *
 * @param term the surface form to match, e.g. {@code 慢阻肺}
 * @param type entity type: disease, symptom, drug, operation, lab, exam or anatomy (or a hospital's
 *     own)
 * @param preferred the concept's preferred term, e.g. {@code 慢性阻塞性肺疾病}
 * @param code a concept code when the source has one, else {@code null}
 */
public record LexiconEntry(String term, String type, String preferred, String code) {

  public LexiconEntry {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(preferred, "preferred");
    if (term.isEmpty()) {
      throw new IllegalArgumentException("empty lexicon term for " + preferred);
    }
  }
}
