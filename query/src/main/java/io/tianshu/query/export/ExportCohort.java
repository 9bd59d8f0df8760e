package io.tianshu.query.export;

import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.sql.CohortMember;
import java.util.List;

/**
 * The cohort an export is about.
 *
 * @param name the cohort's name, for the manifest
 * @param definition the definition the members came from, used to find each member's index
 *     encounter for {@code sameEncounter} variables; may be null, and then the encounter open at
 *     the index time is used
 * @param members the members with their index times, e.g. {@code SqlCohortEngine.members}
 */
public record ExportCohort(String name, CohortDefinition definition, List<CohortMember> members) {

  public ExportCohort {
    name = name == null ? "" : name;
    members = List.copyOf(members);
  }

  /** A cohort and the members {@code SqlCohortEngine.members(definition)} returned for it. */
  public static ExportCohort of(CohortDefinition definition, List<CohortMember> members) {
    return new ExportCohort(definition.name(), definition, members);
  }
}
