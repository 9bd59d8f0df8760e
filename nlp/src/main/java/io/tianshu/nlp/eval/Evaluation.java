package io.tianshu.nlp.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores an {@link EntityRecognizer} against gold CCKS documents: strict (same span and label) and
 * relaxed (overlapping span, same label) micro precision/recall/F1, and strict figures per label.
 */
public final class Evaluation {

  private Evaluation() {}

  /** Runs {@code recognizer} over every document of {@code gold} and scores it. */
  public static EvaluationResult run(List<CcksDocument> gold, EntityRecognizer recognizer) {
    long predicted = 0;
    long goldCount = 0;
    long strictTp = 0;
    long relaxedPredMatched = 0;
    long relaxedGoldMatched = 0;
    Map<String, long[]> perType = new TreeMap<>(); // {tp, predicted, gold}
    for (CcksDocument doc : gold) {
      List<CcksEntity> found = recognizer.recognize(doc.text());
      Set<CcksEntity> goldSet = new HashSet<>(doc.entities());
      predicted += found.size();
      goldCount += doc.entities().size();
      for (CcksEntity g : doc.entities()) {
        perType.computeIfAbsent(g.label(), k -> new long[3])[2]++;
        if (found.stream().anyMatch(p -> p.label().equals(g.label()) && p.overlaps(g))) {
          relaxedGoldMatched++;
        }
      }
      for (CcksEntity p : found) {
        long[] c = perType.computeIfAbsent(p.label(), k -> new long[3]);
        c[1]++;
        if (goldSet.contains(p)) {
          strictTp++;
          c[0]++;
        }
        if (doc.entities().stream().anyMatch(g -> g.label().equals(p.label()) && g.overlaps(p))) {
          relaxedPredMatched++;
        }
      }
    }
    Map<String, Prf> types = new HashMap<>();
    perType.forEach((label, c) -> types.put(label, Prf.of(c[0], c[1], c[2])));
    return new EvaluationResult(
        Prf.of(strictTp, predicted, goldCount),
        Prf.of(relaxedPredMatched, predicted, relaxedGoldMatched, goldCount),
        types,
        gold.size(),
        (int) goldCount);
  }
}
