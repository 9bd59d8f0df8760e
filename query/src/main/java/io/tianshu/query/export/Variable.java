package io.tianshu.query.export;

/** One column of a dataset specification: a named value computed per cohort member. */
public sealed interface Variable permits DemographicVariable, FactVariable {

  /** The column name: a letter or underscore, then letters, digits or underscores. */
  String name();

  /** The column type. */
  ColumnType type();
}
