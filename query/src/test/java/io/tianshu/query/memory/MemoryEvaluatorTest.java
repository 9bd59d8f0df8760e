package io.tianshu.query.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.Fixtures;
import io.tianshu.query.criteria.CohortDefinition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryEvaluatorTest {

  private final List<PatientRecord> ward = Fixtures.patients(Fixtures.WARD);
  private final CohortDefinition stemi =
      CohortDefinition.parse(Fixtures.text("/cohorts/stemi.json"));

  @Test
  void aStemiPatientMatchesWithTheFactsBehindEachRule() {
    PatientMatch match = MemoryEvaluator.evaluate(stemi, patient("Q001"));

    assertThat(match.matches()).isTrue();
    assertThat(match.indexAt()).isEqualTo(LocalDateTime.of(2025, 3, 10, 3, 0));
    assertThat(match.index().id()).isEqualTo("Q001-D1");
    assertThat(match.evidence()).extracting(RuleEvidence::satisfied).containsOnly(true);
    assertThat(match.evidence().get(1).facts()).extracting(Fact::id).containsExactly("Q001-L1");
    assertThat(match.evidence().get(2).facts()).extracting(Fact::id).containsExactly("Q001-O1");
    assertThat(match.evidence().get(3).facts()).as("NONE holds by absence").isEmpty();
  }

  @Test
  void aPriorInfarctionStopsAtTheLastRuleAndSaysSo() {
    PatientMatch match = MemoryEvaluator.evaluate(stemi, patient("Q003"));

    assertThat(match.matches()).isFalse();
    assertThat(match.indexAt()).isNull();
    assertThat(match.rulesPassed()).isEqualTo(3);
    assertThat(match.evidence())
        .extracting(RuleEvidence::satisfied)
        .containsExactly(true, true, true, false);
  }

  @Test
  void everyFactTiedAtTheFirstTimeIsACandidate() {
    PatientMatch match = MemoryEvaluator.evaluate(stemi, patient("Q007"));

    assertThat(match.matches()).isTrue();
    assertThat(match.index().id())
        .as("the tied diagnosis in the stay where aspirin was ordered")
        .isEqualTo("Q007-D2");
  }

  @Test
  void anExcludedCodeIsNoIndexEvent() {
    PatientMatch match = MemoryEvaluator.evaluate(stemi, patient("Q002"));

    assertThat(match.hasIndexEvent()).isFalse();
    assertThat(match.rulesPassed()).isZero();
  }

  @Test
  void ageIsCompletedYearsAndALeapDayBirthdayComesOnTheFirstOfMarch() {
    LocalDate leap = LocalDate.of(2000, 2, 29);

    assertThat(MemoryEvaluator.ageInYears(leap, LocalDate.of(2001, 2, 28))).isZero();
    assertThat(MemoryEvaluator.ageInYears(leap, LocalDate.of(2001, 3, 1))).isEqualTo(1);
    assertThat(MemoryEvaluator.ageInYears(leap, LocalDate.of(2004, 2, 29))).isEqualTo(4);
    LocalDate birth = LocalDate.of(1958, 5, 10);
    assertThat(MemoryEvaluator.ageInYears(birth, LocalDate.of(2025, 5, 9))).isEqualTo(66);
    assertThat(MemoryEvaluator.ageInYears(birth, LocalDate.of(2025, 5, 10))).isEqualTo(67);
  }

  private PatientRecord patient(String id) {
    return ward.stream().filter(r -> r.patient().id().equals(id)).findFirst().orElseThrow();
  }
}
