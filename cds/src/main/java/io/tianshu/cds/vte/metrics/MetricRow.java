package io.tianshu.cds.vte.metrics;

/**
 * One metric for one department and discharge month; {@code rate} is null when nothing is counted.
 */
public record MetricRow(
    String metric, String department, String month, long numerator, long denominator) {
  public Double rate() {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}
