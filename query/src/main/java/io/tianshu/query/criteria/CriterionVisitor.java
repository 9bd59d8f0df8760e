package io.tianshu.query.criteria;

/**
 * One method per criterion type. Java 17 has no pattern matching over sealed types in {@code
 * switch}, so this visitor is how the compiler enforces exhaustiveness: a new criterion type (note
 * facts next) adds a method here, and neither evaluator compiles until it handles it.
 *
 * @param <R> what the visit produces
 */
public interface CriterionVisitor<R> {

  R demographics(Demographics c);

  R group(Group c);

  R diagnosis(DiagnosisCriterion c);

  R operation(OperationCriterion c);

  R drug(DrugCriterion c);

  R lab(LabCriterion c);

  R vital(VitalCriterion c);

  R encounter(EncounterCriterion c);

  R document(DocumentCriterion c);

  R noteFact(NoteFactCriterion c);

  R cohort(CohortReference c);
}
