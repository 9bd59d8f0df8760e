package io.tianshu.query.criteria;

/**
 * A numeric value range with inclusive bounds and an optional unit. A fact without a numeric value
 * never qualifies; with a unit given, the fact's unit must equal it exactly (no conversion in
 * version 1).
 *
 * @param min lowest accepted value, or null
 * @param max highest accepted value, or null
 * @param unit required unit, or null for any
 */
public record ValueRange(Double min, Double max, String unit) {

  public ValueRange {
    if (min != null && max != null && min > max) {
      throw new IllegalArgumentException("min is greater than max");
    }
  }

  public boolean accepts(Double value, String valueUnit) {
    if (value == null) {
      return false;
    }
    if (min != null && value < min) {
      return false;
    }
    if (max != null && value > max) {
      return false;
    }
    return unit == null || unit.equals(valueUnit);
  }
}
