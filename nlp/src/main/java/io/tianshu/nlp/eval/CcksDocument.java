package io.tianshu.nlp.eval;

import java.util.List;
import java.util.Objects;

/**
 * A document of a CCKS NER corpus: its text and its gold entities.
 *
 * @param text the {@code originalText}
 * @param entities gold entities, ordered by start
 */
public record CcksDocument(String text, List<CcksEntity> entities) {

  public CcksDocument {
    Objects.requireNonNull(text, "text");
    entities = List.copyOf(entities);
    for (CcksEntity e : entities) {
      if (e.end() > text.length()) {
        throw new IllegalArgumentException("entity " + e + " beyond text of " + text.length());
      }
    }
  }
}
