package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * The event each patient's criteria are measured from: the first, or every, fact matching a
 * criterion.
 *
 * @param occurrence first or every occurrence
 * @param criterion the facts that are index events; carries no window, binding or count
 */
public record IndexEvent(Occurrence occurrence, EventCriterion criterion) {

  public IndexEvent {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(criterion, "criterion");
    if (!criterion.scope().isUnscoped()) {
      throw new IllegalArgumentException("an index criterion has no window, binding or count");
    }
  }

  /** Which matching facts become index events. */
  public enum Occurrence {
    /** The earliest matching facts; all facts tied at the earliest time are candidates. */
    FIRST,
    /** Every matching fact. */
    EVERY
  }
}
