package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * Membership of a saved cohort: the patient is in the referenced cohort's result, whatever its
 * index time. The reference is resolved when the definition is parsed, so evaluators see the
 * referenced definition itself and a definition keeps meaning what it meant when it ran.
 *
 * @param id the saved cohort's id
 * @param version the version resolved (the latest when the JSON names none)
 * @param definition the referenced definition at that version
 */
public record CohortReference(String id, int version, CohortDefinition definition)
    implements Criterion {

  public CohortReference {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(definition, "definition");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.cohort(this);
  }
}
