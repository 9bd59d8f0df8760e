package io.tianshu.nlp.pipeline;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A clinical mention found in a note: a disease, symptom, drug, operation, test or body part.
 *
 * @param start offset of the first character in the original text
 * @param end offset after the last character in the original text (exclusive)
 * @param type entity type; {@code disease}, {@code symptom}, … for the lexicon, the corpus label
 *     for a trained model
 * @param surface the original text between {@code start} and {@code end}
 * @param source what found it, e.g. {@code lexicon} or {@code tagger}
 * @param conceptCode code of the matched concept when the source knows one, else {@code null}
 * @param preferred the matched concept's preferred term (e.g. {@code 慢性阻塞性肺疾病} for 慢阻肺) when the
 *     source knows one, else {@code null}
 * @param flags context assertions (negated, uncertain, historical, family)
 */
public record Entity(
    int start,
    int end,
    String type,
    String surface,
    String source,
    String conceptCode,
    String preferred,
    Set<EntityFlag> flags) {

  /** The layer holding the entities of a document, ordered by start offset. */
  public static final Layer<Entity> LAYER = new Layer<>("entities", Entity.class);

  public Entity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(surface, "surface");
    Objects.requireNonNull(source, "source");
    if (start < 0 || end < start || surface.length() != end - start) {
      throw new IllegalArgumentException(
          "bad entity span [" + start + "," + end + ") for surface '" + surface + "'");
    }
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
  }

  /** An entity with no context flags yet and no known concept. */
  public static Entity of(
      String text, int start, int end, String type, String source, String code) {
    return of(text, start, end, type, source, code, null);
  }

  /** An entity of a known concept, with no context flags yet. */
  public static Entity of(
      String text, int start, int end, String type, String source, String code, String preferred) {
    return new Entity(
        start, end, type, text.substring(start, end), source, code, preferred, Set.of());
  }

  /** True when the context stage marked this entity with {@code flag}. */
  public boolean is(EntityFlag flag) {
    return flags.contains(flag);
  }

  /** A copy of this entity carrying {@code newFlags} instead of its current flags. */
  public Entity withFlags(Set<EntityFlag> newFlags) {
    Set<EntityFlag> copy = newFlags.isEmpty() ? Set.of() : EnumSet.copyOf(newFlags);
    return new Entity(start, end, type, surface, source, conceptCode, preferred, copy);
  }
}
