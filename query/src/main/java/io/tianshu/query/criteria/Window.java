package io.tianshu.query.criteria;

/**
 * A time window relative to the index time, as signed offsets in whole hours; both ends are
 * inclusive and a null end is unbounded. A window day is exactly 24 hours of hospital-local
 * wall-clock time.
 *
 * @param startHours earliest offset from the index time (negative = before), or null
 * @param endHours latest offset from the index time, or null
 */
public record Window(Integer startHours, Integer endHours) {

  public Window {
    if (startHours == null && endHours == null) {
      throw new IllegalArgumentException("a window needs at least one bound");
    }
    if (startHours != null && endHours != null && startHours > endHours) {
      throw new IllegalArgumentException("window starts after it ends");
    }
  }
}
