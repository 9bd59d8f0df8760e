package io.tianshu.query.criteria;

/**
 * A criterion over dated clinical facts of one domain: which facts qualify ({@link
 * #domain}-specific fields) and how they must relate to the index event ({@link #scope}).
 */
public sealed interface EventCriterion extends Criterion
    permits DiagnosisCriterion,
        OperationCriterion,
        DrugCriterion,
        LabCriterion,
        VitalCriterion,
        EncounterCriterion,
        DocumentCriterion,
        NoteFactCriterion {

  /** The time window, encounter binding and occurrence count relative to the index event. */
  EventScope scope();

  /** The domain's name in the JSON language, e.g. {@code diagnosis}. */
  String domain();
}
