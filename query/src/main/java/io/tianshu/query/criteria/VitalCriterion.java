package io.tianshu.query.criteria;

import io.tianshu.core.record.VitalType;
import java.util.List;
import java.util.Objects;

/**
 * Vital signs by type and value range; the fact time is {@code measuredAt}.
 *
 * @param types accepted vital types, at least one
 * @param value accepted values, or null for any
 * @param scope relation to the index event
 */
public record VitalCriterion(List<VitalType> types, ValueRange value, EventScope scope)
    implements EventCriterion {

  public VitalCriterion {
    types = List.copyOf(types);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a vital criterion needs a vital type");
    }
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.vital(this);
  }

  @Override
  public String domain() {
    return "vital";
  }
}
