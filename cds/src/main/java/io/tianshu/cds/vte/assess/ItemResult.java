package io.tianshu.cds.vte.assess;

import io.tianshu.cds.vte.knowledge.Label;
import java.util.List;

/**
 * One model item for one patient.
 *
 * @param points the points it adds to the score (0 unless counted)
 * @param itemPoints the points the model gives the item
 * @param supersededBy for a present item of an exclusive group that a higher item outscored, that
 *     item's id
 * @param reason for an unknown item, the data that are missing
 */
public record ItemResult(
    String id,
    Label label,
    Outcome.Status status,
    double points,
    double itemPoints,
    String supersededBy,
    List<Evidence> evidence,
    String reason) {

  public ItemResult {
    evidence = List.copyOf(evidence);
  }

  public boolean counted() {
    return status == Outcome.Status.PRESENT && supersededBy == null;
  }
}
