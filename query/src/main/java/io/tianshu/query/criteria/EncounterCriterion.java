package io.tianshu.query.criteria;

import io.tianshu.core.record.EncounterType;
import java.util.List;
import java.util.Objects;

/**
 * Encounters by type, department and length of stay; the fact time is {@code admittedAt} and the
 * fact's encounter is the encounter itself. An encounter without a discharge time has no length of
 * stay and fails any length-of-stay bound.
 *
 * @param types accepted encounter types; empty for any
 * @param departments accepted departments (exact names); empty for any
 * @param minStayHours shortest accepted stay in hours, inclusive, or null
 * @param maxStayHours longest accepted stay in hours, inclusive, or null
 * @param scope relation to the index event
 */
public record EncounterCriterion(
    List<EncounterType> types,
    List<String> departments,
    Integer minStayHours,
    Integer maxStayHours,
    EventScope scope)
    implements EventCriterion {

  public EncounterCriterion {
    types = List.copyOf(types);
    departments = List.copyOf(departments);
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.encounter(this);
  }

  public boolean hasStayBounds() {
    return minStayHours != null || maxStayHours != null;
  }

  @Override
  public String domain() {
    return "encounter";
  }
}
