package io.tianshu.query.export;

import java.util.List;
import java.util.Objects;

/**
 * What a research dataset holds: named variables computed for every member of a cohort, one row per
 * member. Parsed from versioned JSON (see docs/research-export.md); the facts a variable reads are
 * selected with the criteria language's own event criteria.
 *
 * @param version the spec language version, currently 1
 * @param name a human-readable name, may be empty
 * @param variables the columns after the identity columns, in order
 * @param json the specification as given, for the manifest
 */
public record DatasetSpec(int version, String name, List<Variable> variables, String json) {

  /** The spec language version this build reads. */
  public static final int VERSION = 1;

  public DatasetSpec {
    name = name == null ? "" : name;
    variables = List.copyOf(variables);
    Objects.requireNonNull(json, "json");
  }

  /**
   * Parses a dataset specification.
   *
   * @throws DatasetSpecException with a JSON pointer to the first bad field
   */
  public static DatasetSpec parse(String json) {
    return new DatasetSpecParser().parse(json);
  }
}
