package io.tianshu.core.code;

/**
 * How a mention in a note reached its standard code, from most to least trustworthy: what a reader
 * weighs a code found by text matching with.
 */
public enum CodeMatch {
  /** The mention, normalised, equals a display of the code (or a fixed table names it). */
  EXACT,
  /** The mention equals a synonym of the code (a local name, a lexicon synonym). */
  SYNONYM,
  /** The mention is only close to a display or synonym of the code. */
  FUZZY
}
