package io.tianshu.cds.vte.assess;

import io.tianshu.cds.vte.knowledge.Band;
import io.tianshu.cds.vte.knowledge.RiskModel;
import java.util.List;

/**
 * A model's score for one patient at one time.
 *
 * @param score the points of the items present (for "any" models, the number of items present)
 * @param unknownPoints the points the unknown items could still add
 * @param items every item of the model with its outcome, in form order
 */
public record ModelResult(
    RiskModel model, double score, Band band, double unknownPoints, List<ItemResult> items) {

  public ModelResult {
    items = List.copyOf(items);
  }

  public List<ItemResult> present() {
    return items.stream().filter(i -> i.status() == Outcome.Status.PRESENT).toList();
  }

  public List<ItemResult> unknown() {
    return items.stream().filter(i -> i.status() == Outcome.Status.UNKNOWN).toList();
  }
}
