package io.tianshu.query.criteria;

import java.util.List;
import java.util.Objects;

/**
 * A cohort in the criteria language: an index event and named, ordered inclusion rules. Parsed from
 * versioned JSON (see docs/criteria-language.md); evaluated by {@code
 * io.tianshu.query.sql.SqlCohortEngine} over the CDR and by {@code
 * io.tianshu.query.memory.MemoryEvaluator} over one patient's record, which must agree.
 *
 * @param version the language version, currently 1
 * @param name a human-readable name, may be empty
 * @param index the index event
 * @param rules inclusion rules in order
 */
public record CohortDefinition(
    int version, String name, IndexEvent index, List<InclusionRule> rules) {

  /** The language version this build reads and writes. */
  public static final int VERSION = 1;

  public CohortDefinition {
    name = name == null ? "" : name;
    Objects.requireNonNull(index, "index");
    rules = List.copyOf(rules);
  }

  /**
   * Parses a cohort definition.
   *
   * @throws CriteriaException with a JSON pointer to the first bad field
   */
  public static CohortDefinition parse(String json) {
    return parse(json, CohortLibrary.NONE);
  }

  /**
   * Parses a cohort definition whose {@code cohort} references are resolved in {@code library}.
   *
   * @throws CriteriaException with a JSON pointer to the first bad field, a missing referenced
   *     cohort or a reference cycle
   */
  public static CohortDefinition parse(String json, CohortLibrary library) {
    return new CriteriaParser(library).parse(json);
  }
}
