package io.tianshu.cds.vte.assess;

import io.tianshu.cds.vte.knowledge.Contraindication;
import java.util.List;

/** A contraindication found present, or that the record cannot settle (to be checked). */
public record ContraindicationResult(
    Contraindication contraindication,
    Outcome.Status status,
    List<Evidence> evidence,
    String reason) {
  public ContraindicationResult {
    evidence = List.copyOf(evidence);
  }
}
