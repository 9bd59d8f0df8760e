package io.tianshu.query.cohort;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One version of a saved cohort definition.
 *
 * @param id the cohort's id, stable across versions
 * @param version 1 for the first save, one more for each edit
 * @param name a human-readable name
 * @param description what the cohort is for, or null
 * @param definitionJson the definition in the criteria language, as saved
 * @param createdBy the user who saved this version
 * @param createdAt when this version was saved
 */
public record SavedCohort(
    String id,
    int version,
    String name,
    String description,
    String definitionJson,
    String createdBy,
    LocalDateTime createdAt) {

  public SavedCohort {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definitionJson, "definitionJson");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
