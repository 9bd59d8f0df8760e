package io.tianshu.cds.vte.knowledge;

import java.util.List;

/**
 * A risk model as read from its knowledge file.
 *
 * @param id the file's name without extension, e.g. {@code caprini-2005}
 * @param family the model family ({@code caprini}, {@code padua}, {@code improve}, …)
 * @param version the version stored with every score, e.g. {@code caprini-2005@1}
 * @param kind {@code risk} (VTE) or {@code bleeding}
 * @param anyScoring true when the score is the number of items present and any item means high
 *     risk; false for a sum of points
 * @param groups items of which only the highest-scoring present one counts
 */
public record RiskModel(
    String id,
    String family,
    String version,
    Label title,
    String source,
    String kind,
    boolean anyScoring,
    List<ModelItem> items,
    List<List<String>> groups,
    List<Band> bands) {

  public RiskModel {
    items = List.copyOf(items);
    groups = groups.stream().map(List::copyOf).toList();
    bands = List.copyOf(bands);
  }

  /** The band a score falls in; knowledge loading guarantees every score has one. */
  public Band band(double score) {
    for (Band b : bands) {
      if (b.contains(score)) {
        return b;
      }
    }
    throw new IllegalStateException(version + " has no band for score " + score);
  }
}
