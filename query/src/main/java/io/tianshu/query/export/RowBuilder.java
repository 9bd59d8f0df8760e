package io.tianshu.query.export;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.Count;
import io.tianshu.query.export.deid.Deidentification;
import io.tianshu.query.export.deid.TextScrubber;
import io.tianshu.query.sql.CohortMember;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * One dataset row per cohort member: the identity columns, then each variable, with the
 * de-identification rules applied to the finished values (pseudonym, shifted timestamps, top-coded
 * age, scrubbed text), so no variable can forget them.
 */
final class RowBuilder {

  private static final Comparator<FactSelector.Selected> IN_TIME =
      Comparator.comparing(FactSelector.Selected::at).thenComparing(FactSelector.Selected::id);

  private final List<Variable> variables;
  private final CohortDefinition definition;
  private final Deidentification deid;
  private final boolean readsIndexEncounter;

  RowBuilder(DatasetSpec spec, CohortDefinition definition, Deidentification deid) {
    this.variables = spec.variables();
    this.definition = definition;
    this.deid = deid;
    this.readsIndexEncounter =
        variables.stream()
            .anyMatch(v -> v instanceof FactVariable f && f.criterion().scope().sameEncounter());
  }

  boolean readsIndexEncounter() {
    return readsIndexEncounter;
  }

  Object[] row(CohortMember member, PatientRecord record) {
    String patientId = record.patient().id();
    LocalDateTime indexAt = member.indexAt();
    int identity = deid == null ? 3 : 2;
    Object[] row = new Object[identity + variables.size()];
    if (deid == null) {
      row[0] = patientId;
      row[1] = record.patient().mrn();
    } else {
      row[0] = deid.pseudonym(patientId);
    }
    int shift = deid == null ? 0 : deid.shiftDays(patientId);
    row[identity - 1] = indexAt == null ? null : indexAt.plusDays(shift);
    String indexEncounter =
        readsIndexEncounter && indexAt != null
            ? IndexEncounters.of(definition, record, indexAt)
            : null;
    FactSelector facts = new FactSelector(record);
    TextScrubber scrubber = null;
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      Object value;
      if (v instanceof DemographicVariable d) {
        value = demographic(d, record, indexAt);
      } else {
        FactVariable f = (FactVariable) v;
        value =
            indexAt == null
                ? null
                : aggregate(f, facts.select(f, indexAt, indexEncounter), indexAt);
      }
      if (deid != null && value != null) {
        if (value instanceof LocalDateTime t) {
          value = t.plusDays(shift);
        } else if (value instanceof String s) {
          scrubber = scrubber != null ? scrubber : deid.scrubberFor(record);
          value = scrubber.scrub(s);
        } else if (v instanceof DemographicVariable d
            && d.demographic() == DemographicVariable.Demographic.AGE) {
          value = Deidentification.topCodedAge((Integer) value);
        }
      }
      row[identity + i] = value;
    }
    return row;
  }

  private static Object demographic(DemographicVariable v, PatientRecord record, LocalDateTime at) {
    return switch (v.demographic()) {
      // Completed years on the index date, before any shift: the shift would change ages near
      // birthdays.
      case AGE -> at == null ? null : record.patient().ageOn(at.toLocalDate());
      case SEX -> record.patient().sex().name();
    };
  }

  static Object aggregate(
      FactVariable v, List<FactSelector.Selected> facts, LocalDateTime indexAt) {
    return switch (v.aggregate()) {
      case EXISTS -> !facts.isEmpty();
      case COUNT -> count(v.distinct(), facts);
      case FIRST_TIME -> facts.stream().min(IN_TIME).map(FactSelector.Selected::at).orElse(null);
      case LAST_TIME -> facts.stream().max(IN_TIME).map(FactSelector.Selected::at).orElse(null);
      case FIRST_VALUE ->
          withValue(facts).min(IN_TIME).map(FactSelector.Selected::value).orElse(null);
      case LAST_VALUE ->
          withValue(facts).max(IN_TIME).map(FactSelector.Selected::value).orElse(null);
      case NEAREST_VALUE ->
          withValue(facts)
              .min(
                  Comparator.comparingLong(
                          (FactSelector.Selected f) ->
                              Duration.between(indexAt, f.at()).abs().toSeconds())
                      .thenComparing(IN_TIME))
              .map(FactSelector.Selected::value)
              .orElse(null);
      case MIN -> numbers(facts).min().stream().boxed().findFirst().orElse(null);
      case MAX -> numbers(facts).max().stream().boxed().findFirst().orElse(null);
      case MEAN -> numbers(facts).average().stream().boxed().findFirst().orElse(null);
    };
  }

  private static Stream<FactSelector.Selected> withValue(List<FactSelector.Selected> facts) {
    return facts.stream().filter(f -> f.value() != null);
  }

  private static DoubleStream numbers(List<FactSelector.Selected> facts) {
    return withValue(facts).mapToDouble(f -> ((Number) f.value()).doubleValue());
  }

  private static long count(Count.Distinct distinct, List<FactSelector.Selected> facts) {
    Function<FactSelector.Selected, Object> key =
        switch (distinct) {
          case FACT -> null;
          case DAY -> f -> f.at().toLocalDate();
          case ENCOUNTER -> FactSelector.Selected::encounterId;
          case CODE -> FactSelector.Selected::codeKey;
        };
    if (key == null) {
      return facts.size();
    }
    Set<Object> keys = new HashSet<>();
    for (FactSelector.Selected f : facts) {
      Object k = key.apply(f);
      if (k != null) {
        keys.add(k);
      }
    }
    return keys.size();
  }
}
