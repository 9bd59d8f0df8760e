package io.tianshu.query.export.deid;

/**
 * How far a de-identified patient's dates may move: a whole number of days between {@code minDays}
 * and {@code maxDays}, earlier or later. The lower bound is at least 1, so no patient keeps their
 * real dates.
 *
 * @param minDays smallest shift in days, at least 1
 * @param maxDays largest shift in days, at most ten years
 */
public record DateShiftRange(int minDays, int maxDays) {

  /** ±1 to ±180 days: enough to hide the day and month, small enough to keep the season. */
  public static final DateShiftRange DEFAULT = new DateShiftRange(1, 180);

  public DateShiftRange {
    if (minDays < 1) {
      throw new IllegalArgumentException("the smallest date shift must be at least 1 day");
    }
    if (maxDays < minDays) {
      throw new IllegalArgumentException("the largest date shift must not be below the smallest");
    }
    if (maxDays > 3650) {
      throw new IllegalArgumentException("the largest date shift must be at most 3650 days");
    }
  }
}
