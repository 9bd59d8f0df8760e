package io.tianshu.query.criteria;

import java.util.List;
import java.util.Objects;

/**
 * A boolean group of criteria, all relative to the same index event.
 *
 * @param match how many members must hold
 * @param n for {@link Match#AT_LEAST}, the number of members that must hold; otherwise 0
 * @param criteria the members, at least one
 */
public record Group(Match match, int n, List<Criterion> criteria) implements Criterion {

  public Group {
    Objects.requireNonNull(match, "match");
    criteria = List.copyOf(criteria);
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one criterion");
    }
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.group(this);
  }

  /** How a group combines its members. */
  public enum Match {
    ALL,
    ANY,
    AT_LEAST,
    NONE
  }
}
