package io.tianshu.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency summary of a series of timings in nanoseconds, reported in milliseconds. */
final class Percentiles {

  private Percentiles() {}

  static Map<String, Object> of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", sorted.length);
    m.put("p50_ms", ms(at(sorted, 0.50)));
    m.put("p90_ms", ms(at(sorted, 0.90)));
    m.put("p99_ms", ms(at(sorted, 0.99)));
    m.put("max_ms", ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    return m;
  }

  private static long at(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }
}
