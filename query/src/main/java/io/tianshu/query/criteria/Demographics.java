package io.tianshu.query.criteria;

import io.tianshu.core.record.Sex;
import java.util.List;

/**
 * The patient's age at the index date in completed years (as {@link java.time.Period}) and sex.
 *
 * @param minAge lowest accepted age, inclusive, or null
 * @param maxAge highest accepted age, inclusive, or null
 * @param sex accepted sexes; empty for any
 */
public record Demographics(Integer minAge, Integer maxAge, List<Sex> sex) implements Criterion {

  public Demographics {
    sex = List.copyOf(sex);
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.demographics(this);
  }
}
