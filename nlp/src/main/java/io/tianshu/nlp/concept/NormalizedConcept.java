package io.tianshu.nlp.concept;

import io.tianshu.nlp.pipeline.Layer;
import java.util.Objects;

/**
 * A disease or operation mention with the code the concept stage found for it; the surface stays as
 * written.
 *
 * @param start original offset of the mention's first character (the entity's start)
 * @param end original offset after its last character (the entity's end)
 * @param type the entity's type, e.g. {@code disease}
 * @param surface the mention as written
 * @param match the code, how it was reached and with what confidence
 */
public record NormalizedConcept(
    int start, int end, String type, String surface, ConceptMatch match) {

  /** The layer holding the coded mentions of a document, ordered like the entities. */
  public static final Layer<NormalizedConcept> LAYER =
      new Layer<>("concepts", NormalizedConcept.class);

  public NormalizedConcept {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(surface, "surface");
    Objects.requireNonNull(match, "match");
    if (start < 0 || end < start || surface.length() != end - start) {
      throw new IllegalArgumentException("bad concept span [" + start + "," + end + ")");
    }
  }
}
