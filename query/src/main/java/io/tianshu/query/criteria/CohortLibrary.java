package io.tianshu.query.criteria;

import java.util.Optional;

/**
 * Where {@code {"type": "cohort"}} references find saved definitions. The parser asks it while
 * parsing, so a reference to a missing cohort or version is a parse error with a JSON pointer.
 */
@FunctionalInterface
public interface CohortLibrary {

  /** A library with no cohorts: every reference is an error. */
  CohortLibrary NONE = (id, version) -> Optional.empty();

  /**
   * The definition JSON of a saved cohort.
   *
   * @param version the version wanted, or null for the latest
   * @return the version found and its JSON, or empty when there is no such cohort or version
   */
  Optional<Saved> find(String id, Integer version);

  /** One saved version of a definition. */
  record Saved(int version, String json) {}
}
