package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * Operations and procedures by code set (ICD-9-CM-3 by default); the fact time is {@code
 * startedAt}.
 *
 * @param codes the operation codes
 * @param scope relation to the index event
 */
public record OperationCriterion(CodeSet codes, EventScope scope) implements EventCriterion {

  public OperationCriterion {
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.operation(this);
  }

  @Override
  public String domain() {
    return "operation";
  }
}
