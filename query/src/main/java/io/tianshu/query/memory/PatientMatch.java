package io.tianshu.query.memory;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The result of evaluating a cohort definition on one patient.
 *
 * @param patientId the patient
 * @param matches whether some index event passes every inclusion rule
 * @param indexAt the earliest index time that passes every rule; null when the patient does not
 *     match
 * @param rulesPassed the longest prefix of inclusion rules that some index event passes (0 when
 *     there is no index event); the patient counts in the attrition table up to that rule
 * @param hasIndexEvent whether the patient has any index event at all
 * @param index the index fact the evidence refers to (the matching one, else the one that got
 *     furthest), or null without an index event
 * @param evidence per inclusion rule, in order, for {@link #index}
 */
public record PatientMatch(
    String patientId,
    boolean matches,
    LocalDateTime indexAt,
    int rulesPassed,
    boolean hasIndexEvent,
    Fact index,
    List<RuleEvidence> evidence) {

  public PatientMatch {
    evidence = List.copyOf(evidence);
  }

  public Optional<LocalDateTime> indexTime() {
    return Optional.ofNullable(indexAt);
  }
}
