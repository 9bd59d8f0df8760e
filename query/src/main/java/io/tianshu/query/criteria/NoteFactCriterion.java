package io.tianshu.query.criteria;

import java.util.List;
import java.util.Objects;

/**
 * Findings the NLP pipeline read from clinical documents (core {@code NoteFact}), by concept or by
 * the words of the mention, with their context: negated or affirmed, current or history, the
 * patient's own or a family member's, certain or uncertain, and the document section. The fact time
 * is {@code documentedAt} (when the document was written) and its code, for {@code "distinct":
 * "CODE"}, is the concept.
 *
 * @param concepts concepts of which the fact's must be one; empty when {@code texts} decide
 * @param texts words of which the mention's surface must contain one; empty when {@code concepts}
 *     decide (a fact qualifies when it matches either list)
 * @param factTypes accepted entity types ({@code disease}, {@code symptom}, ...); empty for any
 * @param sections accepted document sections; empty for any
 * @param assertion affirmed or negated mentions
 * @param temporality current findings or history
 * @param experiencer the patient's own or a family member's
 * @param certainty certain or uncertain ("疑似", "待排") mentions
 * @param scope relation to the index event
 */
public record NoteFactCriterion(
    List<String> concepts,
    List<String> texts,
    List<String> factTypes,
    List<String> sections,
    Assertion assertion,
    Temporality temporality,
    Experiencer experiencer,
    Certainty certainty,
    EventScope scope)
    implements EventCriterion {

  public NoteFactCriterion {
    concepts = List.copyOf(concepts);
    texts = List.copyOf(texts);
    factTypes = List.copyOf(factTypes);
    sections = List.copyOf(sections);
    Objects.requireNonNull(assertion, "assertion");
    Objects.requireNonNull(temporality, "temporality");
    Objects.requireNonNull(experiencer, "experiencer");
    Objects.requireNonNull(certainty, "certainty");
    Objects.requireNonNull(scope, "scope");
    if (concepts.isEmpty() && texts.isEmpty()) {
      throw new IllegalArgumentException("a note fact criterion needs a concept or a text");
    }
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.noteFact(this);
  }

  @Override
  public String domain() {
    return "noteFact";
  }

  /** Whether a mention's concept and surface qualify (either list may match). */
  public boolean matchesMention(String concept, String surface) {
    if (concepts.contains(concept)) {
      return true;
    }
    for (String text : texts) {
      if (surface.contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a mention's context flags qualify. */
  public boolean matchesContext(
      boolean negated, boolean historical, boolean family, boolean uncertain) {
    return assertion.accepts(negated)
        && temporality.accepts(historical)
        && experiencer.accepts(family)
        && certainty.accepts(uncertain);
  }

  /** Affirmed ("发热") or negated ("无发热") mentions. */
  public enum Assertion {
    AFFIRMED,
    NEGATED,
    ANY;

    boolean accepts(boolean negated) {
      return this == ANY || negated == (this == NEGATED);
    }
  }

  /** Current findings or history ("既往", "10年前"). */
  public enum Temporality {
    CURRENT,
    HISTORICAL,
    ANY;

    boolean accepts(boolean historical) {
      return this == ANY || historical == (this == HISTORICAL);
    }
  }

  /** Whose finding: the patient's or a family member's ("母亲患高血压"). */
  public enum Experiencer {
    PATIENT,
    FAMILY,
    ANY;

    boolean accepts(boolean family) {
      return this == ANY || family == (this == FAMILY);
    }
  }

  /** Certain mentions, or uncertain ones ("疑似", "待排", "可能"). */
  public enum Certainty {
    CERTAIN,
    UNCERTAIN,
    ANY;

    boolean accepts(boolean uncertain) {
      return this == ANY || uncertain == (this == UNCERTAIN);
    }
  }
}
