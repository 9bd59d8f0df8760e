package io.tianshu.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An immutable list of items with relative weights, sampled by binary search over cumulative
 * weights.
 */
final class WeightedList<T> {
  private final List<T> items;
  private final double[] cumulative;

  private WeightedList(List<T> items, double[] cumulative) {
    this.items = items;
    this.cumulative = cumulative;
  }

  static <T> Builder<T> builder() {
    return new Builder<>();
  }

  T pick(SplittableRandom r) {
    double x = r.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return items.get(lo);
  }

  List<T> items() {
    return items;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  static final class Builder<T> {
    private final List<T> items = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    Builder<T> add(T item, double weight) {
      if (weight > 0) {
        items.add(item);
        weights.add(weight);
      }
      return this;
    }

    WeightedList<T> build() {
      double[] cum = new double[items.size()];
      double sum = 0;
      for (int i = 0; i < cum.length; i++) {
        sum += weights.get(i);
        cum[i] = sum;
      }
      return new WeightedList<>(List.copyOf(items), cum);
    }
  }
}
