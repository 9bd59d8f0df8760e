package io.tianshu.query.memory;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.CohortReference;
import io.tianshu.query.criteria.Count;
import io.tianshu.query.criteria.Criterion;
import io.tianshu.query.criteria.CriterionVisitor;
import io.tianshu.query.criteria.Demographics;
import io.tianshu.query.criteria.DiagnosisCriterion;
import io.tianshu.query.criteria.DocumentCriterion;
import io.tianshu.query.criteria.DrugCriterion;
import io.tianshu.query.criteria.EncounterCriterion;
import io.tianshu.query.criteria.EventCriterion;
import io.tianshu.query.criteria.EventScope;
import io.tianshu.query.criteria.Group;
import io.tianshu.query.criteria.InclusionRule;
import io.tianshu.query.criteria.IndexEvent;
import io.tianshu.query.criteria.LabCriterion;
import io.tianshu.query.criteria.NoteFactCriterion;
import io.tianshu.query.criteria.OperationCriterion;
import io.tianshu.query.criteria.VitalCriterion;
import io.tianshu.query.criteria.Window;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Evaluates a cohort definition over one patient's loaded record, for real-time decision support:
 * no database, microseconds per patient, with the facts that satisfied each rule as evidence. Must
 * select exactly what {@code io.tianshu.query.sql.SqlCohortEngine} selects for the same data; the
 * property test {@code EvaluatorAgreementPropertyTest} holds the two together.
 */
public final class MemoryEvaluator {

  private MemoryEvaluator() {}

  /** Whether the patient is in the cohort, from which index time, and why. */
  public static PatientMatch evaluate(CohortDefinition definition, PatientRecord record) {
    FactFinder finder = new FactFinder(record);
    List<Fact> candidates = indexCandidates(definition.index(), finder);
    String patientId = record.patient().id();
    if (candidates.isEmpty()) {
      return new PatientMatch(patientId, false, null, 0, false, null, List.of());
    }
    Attempt best = null;
    Attempt earliestMatch = null;
    for (Fact index : candidates) {
      Attempt attempt = attempt(definition, new Context(record, finder, index));
      if (attempt.matches(definition)) {
        if (earliestMatch == null || index.at().isBefore(earliestMatch.index().at())) {
          earliestMatch = attempt;
        }
      } else if (best == null || attempt.passed() > best.passed()) {
        best = attempt;
      }
    }
    int rulesPassed = earliestMatch != null ? definition.rules().size() : best.passed();
    Attempt shown = earliestMatch != null ? earliestMatch : best;
    return new PatientMatch(
        patientId,
        earliestMatch != null,
        earliestMatch == null ? null : earliestMatch.index().at(),
        rulesPassed,
        true,
        shown.index(),
        shown.evidence());
  }

  private static List<Fact> indexCandidates(IndexEvent index, FactFinder finder) {
    List<Fact> facts = finder.find(index.criterion());
    if (index.occurrence() == IndexEvent.Occurrence.EVERY || facts.isEmpty()) {
      return facts;
    }
    // FIRST keeps every fact tied at the earliest time: choosing one of them would need an order on
    // ids
    // that SQL engines and Java do not share (collations).
    LocalDateTime first = facts.stream().map(Fact::at).min(Comparator.naturalOrder()).orElseThrow();
    return facts.stream().filter(f -> f.at().equals(first)).toList();
  }

  /** Rules applied in order to one index event, stopping at the first that fails. */
  private static Attempt attempt(CohortDefinition definition, Context context) {
    List<RuleEvidence> evidence = new ArrayList<>();
    int passed = 0;
    for (InclusionRule rule : definition.rules()) {
      List<Fact> sink = new ArrayList<>();
      boolean holds = holds(rule.criterion(), context, sink);
      evidence.add(new RuleEvidence(rule.name(), holds, holds ? sink : List.of()));
      if (!holds) {
        break;
      }
      passed++;
    }
    return new Attempt(context.index(), passed, evidence);
  }

  private static boolean holds(Criterion criterion, Context context, List<Fact> sink) {
    return criterion.accept(new Holds(context, sink));
  }

  /** The patient, the facts finder and the index event a criterion is evaluated against. */
  private record Context(PatientRecord record, FactFinder finder, Fact index) {}

  private record Attempt(Fact index, int passed, List<RuleEvidence> evidence) {
    boolean matches(CohortDefinition definition) {
      return passed == definition.rules().size();
    }
  }

  /** Evaluates one criterion for one index event, adding the facts that satisfied it to a sink. */
  private static final class Holds implements CriterionVisitor<Boolean> {
    private final Context context;
    private final List<Fact> sink;

    Holds(Context context, List<Fact> sink) {
      this.context = context;
      this.sink = sink;
    }

    @Override
    public Boolean demographics(Demographics c) {
      int age =
          ageInYears(context.record().patient().birthDate(), context.index().at().toLocalDate());
      if (c.minAge() != null && age < c.minAge()) {
        return false;
      }
      if (c.maxAge() != null && age > c.maxAge()) {
        return false;
      }
      return c.sex().isEmpty() || c.sex().contains(context.record().patient().sex());
    }

    @Override
    public Boolean group(Group c) {
      int held = 0;
      List<Fact> found = new ArrayList<>();
      for (Criterion member : c.criteria()) {
        List<Fact> memberSink = new ArrayList<>();
        if (holds(member, context, memberSink)) {
          held++;
          found.addAll(memberSink);
        }
      }
      boolean result =
          switch (c.match()) {
            case ALL -> held == c.criteria().size();
            case ANY -> held >= 1;
            case AT_LEAST -> held >= c.n();
            case NONE -> held == 0;
          };
      if (result && c.match() != Group.Match.NONE) {
        sink.addAll(found);
      }
      return result;
    }

    @Override
    public Boolean diagnosis(DiagnosisCriterion c) {
      return event(c);
    }

    @Override
    public Boolean operation(OperationCriterion c) {
      return event(c);
    }

    @Override
    public Boolean drug(DrugCriterion c) {
      return event(c);
    }

    @Override
    public Boolean lab(LabCriterion c) {
      return event(c);
    }

    @Override
    public Boolean vital(VitalCriterion c) {
      return event(c);
    }

    @Override
    public Boolean encounter(EncounterCriterion c) {
      return event(c);
    }

    @Override
    public Boolean document(DocumentCriterion c) {
      return event(c);
    }

    @Override
    public Boolean noteFact(NoteFactCriterion c) {
      return event(c);
    }

    @Override
    public Boolean cohort(CohortReference c) {
      // Membership whatever the referenced cohort's index time, as the SQL compiler's IN (...).
      PatientMatch referenced = evaluate(c.definition(), context.record());
      if (referenced.matches()) {
        sink.add(referenced.index());
      }
      return referenced.matches();
    }

    private boolean event(EventCriterion c) {
      EventScope scope = c.scope();
      List<Fact> related = new ArrayList<>();
      for (Fact fact : context.finder().find(c)) {
        if (inWindow(scope.window(), fact.at()) && sameEncounter(scope, fact)) {
          related.add(fact);
        }
      }
      long found = distinctCount(scope.count().distinct(), related);
      boolean result = scope.count().accepts(found);
      if (result && found > 0) {
        sink.addAll(related);
      }
      return result;
    }

    private boolean inWindow(Window window, LocalDateTime at) {
      if (window == null) {
        return true;
      }
      LocalDateTime index = context.index().at();
      if (window.startHours() != null && at.isBefore(index.plusHours(window.startHours()))) {
        return false;
      }
      return window.endHours() == null || !at.isAfter(index.plusHours(window.endHours()));
    }

    private boolean sameEncounter(EventScope scope, Fact fact) {
      return !scope.sameEncounter() || fact.encounterId().equals(context.index().encounterId());
    }
  }

  private static long distinctCount(Count.Distinct distinct, List<Fact> facts) {
    Function<Fact, Object> key =
        switch (distinct) {
          case FACT -> f -> f;
          case DAY -> f -> f.at().toLocalDate();
          case ENCOUNTER -> Fact::encounterId;
          case CODE -> Fact::codeKey;
        };
    if (distinct == Count.Distinct.FACT) {
      return facts.size();
    }
    Set<Object> keys = new HashSet<>();
    for (Fact fact : facts) {
      Object k = key.apply(fact);
      if (k != null) {
        keys.add(k);
      }
    }
    return keys.size();
  }

  /**
   * Completed years, written out as the SQL compiler writes it (year difference, minus one before
   * the birthday in the index year), which equals {@link java.time.Period#between}: a 29 February
   * birthday comes on 1 March in common years.
   */
  static int ageInYears(LocalDate birth, LocalDate on) {
    int years = on.getYear() - birth.getYear();
    int onDay = on.getMonthValue() * 100 + on.getDayOfMonth();
    int birthDay = birth.getMonthValue() * 100 + birth.getDayOfMonth();
    return onDay < birthDay ? years - 1 : years;
  }
}
