package io.tianshu.query.criteria;

import io.tianshu.core.record.AbnormalFlag;
import java.util.List;
import java.util.Objects;

/**
 * Lab results by item code set (LOINC by default), value range and abnormal flag; the fact time is
 * {@code collectedAt}.
 *
 * @param codes the lab items
 * @param value accepted numeric values, or null for any result
 * @param flags accepted abnormal flags; empty for any
 * @param scope relation to the index event
 */
public record LabCriterion(
    CodeSet codes, ValueRange value, List<AbnormalFlag> flags, EventScope scope)
    implements EventCriterion {

  public LabCriterion {
    Objects.requireNonNull(codes, "codes");
    flags = List.copyOf(flags);
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.lab(this);
  }

  @Override
  public String domain() {
    return "lab";
  }
}
