package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * Drug orders and/or administrations by item code set ({@code ts-drug} by default). The fact time
 * is the order's {@code startAt} or the administration's {@code administeredAt}.
 *
 * @param codes the drug items
 * @param source orders, administrations or both
 * @param scope relation to the index event
 */
public record DrugCriterion(CodeSet codes, Source source, EventScope scope)
    implements EventCriterion {

  public DrugCriterion {
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.drug(this);
  }

  @Override
  public String domain() {
    return "drug";
  }

  /** Which drug facts count. */
  public enum Source {
    ORDERS,
    ADMINISTRATIONS,
    BOTH;

    public boolean orders() {
      return this != ADMINISTRATIONS;
    }

    public boolean administrations() {
      return this != ORDERS;
    }
  }
}
