package io.tianshu.query.search;

/**
 * A note fact of a hit's document that a query word falls on: what the NLP pipeline read there,
 * with its context flags, so a reader sees at once whether 发热 was affirmed or denied. The span is
 * in the text as the caller sees it (see {@link TextView}).
 */
public record MatchedFact(
    String id,
    String type,
    String concept,
    String surface,
    int start,
    int end,
    boolean negated,
    boolean uncertain,
    boolean historical,
    boolean family) {

  /** Whether the default search mode leaves this mention out. */
  public boolean masked() {
    return negated || uncertain || historical || family;
  }
}
