package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * How qualifying facts must relate to the index event.
 *
 * @param window the time window around the index time, or null for any time in the record
 * @param sameEncounter whether a fact must belong to the index event's encounter
 * @param count how many qualifying facts there must be
 */
public record EventScope(Window window, boolean sameEncounter, Count count) {

  public EventScope {
    Objects.requireNonNull(count, "count");
  }

  /** Whether this scope is the default, which is all an index criterion may have. */
  public boolean isUnscoped() {
    return window == null && !sameEncounter && count.equals(Count.AT_LEAST_ONE);
  }
}
