package io.tianshu.query.memory;

import java.util.List;

/**
 * Whether one inclusion rule held for the chosen index event, and the facts that made it hold.
 *
 * @param rule the rule's name
 * @param satisfied whether it held
 * @param facts the facts the rule counted; empty when it failed or holds by absence (NONE, at most
 *     0)
 */
public record RuleEvidence(String rule, boolean satisfied, List<Fact> facts) {

  public RuleEvidence {
    facts = List.copyOf(facts);
  }
}
