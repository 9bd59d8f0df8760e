package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * An occurrence count: how many qualifying facts (or distinct days, codes or encounters of them)
 * there must be.
 *
 * @param comparison at least, at most or exactly
 * @param n the number, at least 0
 * @param distinct what is counted
 */
public record Count(Comparison comparison, int n, Distinct distinct) {

  /** The default: at least one fact. */
  public static final Count AT_LEAST_ONE = new Count(Comparison.AT_LEAST, 1, Distinct.FACT);

  public Count {
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(distinct, "distinct");
    if (n < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
  }

  /** Whether {@code found} qualifying items satisfy this count. */
  public boolean accepts(long found) {
    return switch (comparison) {
      case AT_LEAST -> found >= n;
      case AT_MOST -> found <= n;
      case EXACTLY -> found == n;
    };
  }

  /** How the found number is compared with {@code n}. */
  public enum Comparison {
    AT_LEAST,
    AT_MOST,
    EXACTLY
  }

  /** What a count counts. */
  public enum Distinct {
    /** Every qualifying fact. */
    FACT,
    /** Distinct calendar days (hospital-local) of the facts' times. */
    DAY,
    /** Distinct encounters. */
    ENCOUNTER,
    /**
     * Distinct codes: the standard code where mapped, else the local one; the vital type for
     * vitals.
     */
    CODE
  }
}
