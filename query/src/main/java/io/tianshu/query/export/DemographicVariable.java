package io.tianshu.query.export;

import java.util.Objects;

/**
 * A patient attribute at the index time.
 *
 * @param name the column name
 * @param demographic which attribute
 */
public record DemographicVariable(String name, Demographic demographic) implements Variable {

  public DemographicVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(demographic, "demographic");
  }

  @Override
  public ColumnType type() {
    return demographic.type();
  }

  /** The patient attributes a dataset may carry; direct identifiers are not among them. */
  public enum Demographic {
    /**
     * Completed years on the index date ({@code java.time.Period}, as the criteria language
     * counts); 90 and over are reported as 90 in de-identified exports.
     */
    AGE(ColumnType.INTEGER),
    /** {@code MALE}, {@code FEMALE} or {@code UNKNOWN}. */
    SEX(ColumnType.VARCHAR);

    private final ColumnType type;

    Demographic(ColumnType type) {
      this.type = type;
    }

    public ColumnType type() {
      return type;
    }
  }
}
