package io.tianshu.cds.vte.knowledge;

/**
 * A score band. {@code prophylaxis} is what the band recommends (ambulation, mechanical,
 * pharmacological, both) and {@code alternative} what to fall back to when the bleeding risk or a
 * contraindication rules the first choice out.
 */
public record Band(
    String id, double min, Double max, Label label, String prophylaxis, String alternative) {

  public boolean contains(double score) {
    return score >= min && (max == null || score <= max);
  }
}
