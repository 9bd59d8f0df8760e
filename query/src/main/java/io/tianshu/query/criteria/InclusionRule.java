package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * A named inclusion rule; rules apply in order, and the patients remaining after each one form the
 * attrition table.
 *
 * @param name the rule's name as shown to users
 * @param criterion what must hold relative to the index event
 */
public record InclusionRule(String name, Criterion criterion) {

  public InclusionRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(criterion, "criterion");
  }
}
