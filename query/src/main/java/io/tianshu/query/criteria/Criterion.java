package io.tianshu.query.criteria;

/**
 * One condition of the criteria language, always evaluated relative to an index event (its patient,
 * time and encounter).
 *
 * <p>The hierarchy is sealed and every evaluator goes through {@link CriterionVisitor}, so adding a
 * domain fails compilation in the SQL compiler and the in-memory evaluator until both handle it,
 * which is what keeps them in agreement.
 */
public sealed interface Criterion permits Demographics, Group, EventCriterion, CohortReference {

  /** Dispatches to the visitor method for this criterion's type. */
  <R> R accept(CriterionVisitor<R> visitor);
}
