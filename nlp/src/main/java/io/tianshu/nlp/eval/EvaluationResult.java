package io.tianshu.nlp.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * Micro-averaged NER figures over a set of documents; serialises to {@code {"strict", "relaxed",
 * "per_type", "docs", "entities"}}.
 *
 * @param strict exact span and label
 * @param relaxed overlapping span with the same label
 * @param perType strict figures per gold label
 * @param docs number of documents scored
 * @param entities number of gold entities
 */
@JsonPropertyOrder({"strict", "relaxed", "per_type", "docs", "entities"})
public record EvaluationResult(
    Prf strict,
    Prf relaxed,
    @JsonProperty("per_type") Map<String, Prf> perType,
    int docs,
    int entities) {

  public EvaluationResult {
    perType = Map.copyOf(perType);
  }
}
