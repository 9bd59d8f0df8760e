package io.tianshu.nlp.eval;

/**
 * Precision, recall and F1 of one comparison.
 *
 * @param p precision
 * @param r recall
 * @param f1 harmonic mean of precision and recall
 */
public record Prf(double p, double r, double f1) {

  /** Figures from counts; 0 where a denominator is 0. */
  public static Prf of(long truePositives, long predicted, long gold) {
    return of(truePositives, predicted, truePositives, gold);
  }

  /** Figures where precision and recall count matches separately (relaxed matching). */
  public static Prf of(long matchedPredicted, long predicted, long matchedGold, long gold) {
    double p = predicted == 0 ? 0 : (double) matchedPredicted / predicted;
    double r = gold == 0 ? 0 : (double) matchedGold / gold;
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    return new Prf(round(p), round(r), round(f));
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
