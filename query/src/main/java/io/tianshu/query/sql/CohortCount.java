package io.tianshu.query.sql;

import java.util.List;

/**
 * The size of a cohort and how it shrank rule by rule.
 *
 * @param count patients in the cohort (those passing every rule)
 * @param attrition per inclusion rule, in order, the patients remaining after it
 * @param elapsedMs wall-clock time of the query in milliseconds
 * @param indexPopulation patients with an index event, before any rule
 */
public record CohortCount(
    long count, List<RuleAttrition> attrition, long elapsedMs, long indexPopulation) {

  public CohortCount {
    attrition = List.copyOf(attrition);
  }
}
