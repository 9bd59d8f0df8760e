package io.tianshu.nlp.concept;

/** How a mention reached its code, from most to least trustworthy. */
public enum MatchKind {
  /** The mention, normalised, equals a display of the code. */
  EXACT,
  /** The mention equals a synonym of the code (a local name, a lexicon synonym). */
  SYNONYM,
  /** The mention is close enough to a display or synonym by character bigrams. */
  FUZZY
}
