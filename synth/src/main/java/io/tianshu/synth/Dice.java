package io.tianshu.synth;

import java.util.List;
import java.util.SplittableRandom;

/** The per-patient random source with the few sampling helpers the generator needs. */
final class Dice {
  final SplittableRandom r;

  Dice(long seed, int index) {
    this.r = new SplittableRandom(mix(seed, index));
  }

  /**
   * Derives an independent stream per patient so that patient i never depends on patients before
   * it.
   */
  static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  boolean chance(double p) {
    return r.nextDouble() < p;
  }

  int between(int lo, int hiInclusive) {
    return hiInclusive <= lo ? lo : lo + r.nextInt(hiInclusive - lo + 1);
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** Roughly normal (sum of three uniforms), cheap and bounded to mean ± 3 sd. */
  double normal(double mean, double sd) {
    double s = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5;
    return mean + sd * s * 2.0;
  }

  <T> T pick(List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  String pick(String[] items) {
    return items[r.nextInt(items.length)];
  }
}
