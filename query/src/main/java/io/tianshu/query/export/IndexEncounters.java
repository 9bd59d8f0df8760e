package io.tianshu.query.export;

import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.memory.MemoryEvaluator;
import io.tianshu.query.memory.PatientMatch;
import java.time.LocalDateTime;
import java.util.Comparator;

/**
 * The encounter of a member's index event, which {@code sameEncounter} variables read. A cohort
 * member carries only its index time; the encounter comes from evaluating the definition on the
 * record (the same index event the cohort engines chose, ties included), and only without a
 * definition from the encounter that was open at the index time.
 */
final class IndexEncounters {

  /** An inpatient stay over the emergency visit it started in, then the emergency visit. */
  private static final Comparator<Encounter> PREFERRED =
      Comparator.comparingInt((Encounter e) -> rank(e.type()))
          .thenComparing(Encounter::admittedAt, Comparator.reverseOrder())
          .thenComparing(Encounter::id);

  private IndexEncounters() {}

  /** The index encounter's id, or null when none can be found. */
  static String of(CohortDefinition definition, PatientRecord record, LocalDateTime indexAt) {
    if (definition != null) {
      PatientMatch match = MemoryEvaluator.evaluate(definition, record);
      if (match.matches() && indexAt.equals(match.indexAt()) && match.index() != null) {
        return match.index().encounterId();
      }
    }
    return open(record, indexAt);
  }

  /**
   * The encounter open at {@code at} (admitted at or before it, not discharged before it),
   * preferring inpatient over emergency over outpatient, then the latest admitted.
   */
  static String open(PatientRecord record, LocalDateTime at) {
    return record.encounters().stream()
        .filter(e -> !e.admittedAt().isAfter(at))
        .filter(e -> e.dischargedAt() == null || !e.dischargedAt().isBefore(at))
        .min(PREFERRED)
        .map(Encounter::id)
        .orElse(null);
  }

  private static int rank(EncounterType type) {
    return switch (type) {
      case INPATIENT -> 0;
      case EMERGENCY -> 1;
      case OUTPATIENT -> 2;
    };
  }
}
