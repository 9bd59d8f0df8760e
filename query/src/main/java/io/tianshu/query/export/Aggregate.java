package io.tianshu.query.export;

/**
 * How a variable reduces the facts its criterion selects for one patient to one value. Facts are
 * ordered by their time, ties by their id; value aggregates look only at facts that have a value in
 * the chosen field.
 */
public enum Aggregate {
  /** Whether there is any such fact: true or false, never empty. */
  EXISTS(ColumnType.BOOLEAN, false),
  /** How many facts (or distinct days, encounters, codes): 0 when none. */
  COUNT(ColumnType.BIGINT, false),
  /** The time of the earliest fact. */
  FIRST_TIME(ColumnType.TIMESTAMP, false),
  /** The time of the latest fact. */
  LAST_TIME(ColumnType.TIMESTAMP, false),
  /** The field of the earliest fact that has a value in it. */
  FIRST_VALUE(null, true),
  /** The field of the latest fact that has a value in it. */
  LAST_VALUE(null, true),
  /** The field of the fact closest to the index time (on a tie, the earlier one). */
  NEAREST_VALUE(null, true),
  /** The smallest numeric value. */
  MIN(ColumnType.DOUBLE, true),
  /** The largest numeric value. */
  MAX(ColumnType.DOUBLE, true),
  /** The arithmetic mean of the numeric values. */
  MEAN(ColumnType.DOUBLE, true);

  private final ColumnType type;
  private final boolean readsField;

  Aggregate(ColumnType type, boolean readsField) {
    this.type = type;
    this.readsField = readsField;
  }

  /** Whether this aggregate reads a field of the facts (else it looks only at times and counts). */
  public boolean readsField() {
    return readsField;
  }

  /** Whether the field must be numeric. */
  public boolean numeric() {
    return this == MIN || this == MAX || this == MEAN;
  }

  /** The column type, or null when it is the field's type. */
  ColumnType fixedType() {
    return type;
  }
}
