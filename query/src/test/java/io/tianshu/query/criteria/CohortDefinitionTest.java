package io.tianshu.query.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.query.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class CohortDefinitionTest {

  @Test
  void parsesTheStemiCohort() {
    CohortDefinition stemi = CohortDefinition.parse(Fixtures.text("/cohorts/stemi.json"));

    assertThat(stemi.version()).isEqualTo(1);
    assertThat(stemi.index().occurrence()).isEqualTo(IndexEvent.Occurrence.FIRST);
    DiagnosisCriterion index = (DiagnosisCriterion) stemi.index().criterion();
    assertThat(index.codes().system()).isEqualTo("icd10");
    assertThat(index.codes().include())
        .extracting(CodePattern::text)
        .containsExactly("I21.*", "I22.*");
    assertThat(index.codes().exclude()).extracting(CodePattern::text).containsExactly("I21.4");
    assertThat(index.mainOnly()).isTrue();
    assertThat(stemi.rules())
        .extracting(InclusionRule::name)
        .containsExactly(
            "adult at index",
            "troponin I measured within 24 h of the diagnosis",
            "antiplatelet ordered within 24 h, same stay",
            "no myocardial infarction in the year before");
    LabCriterion troponin = (LabCriterion) stemi.rules().get(1).criterion();
    assertThat(troponin.scope().window()).isEqualTo(new Window(-24, 24));
    DrugCriterion antiplatelet = (DrugCriterion) stemi.rules().get(2).criterion();
    assertThat(antiplatelet.scope().window()).isEqualTo(new Window(0, 24));
    assertThat(antiplatelet.scope().sameEncounter()).isTrue();
    Group none = (Group) stemi.rules().get(3).criterion();
    assertThat(none.match()).isEqualTo(Group.Match.NONE);
    assertThat(((EventCriterion) none.criteria().get(0)).scope().window())
        .isEqualTo(new Window(-365 * 24, -1));
  }

  @Test
  void parsesCountsAndStayBounds() {
    CohortDefinition surgical =
        CohortDefinition.parse(Fixtures.text("/cohorts/surgical-without-lmwh-48h.json"));

    DrugCriterion lmwh = (DrugCriterion) surgical.rules().get(2).criterion();
    assertThat(lmwh.source()).isEqualTo(DrugCriterion.Source.BOTH);
    assertThat(lmwh.scope().count())
        .isEqualTo(new Count(Count.Comparison.AT_MOST, 0, Count.Distinct.FACT));
  }

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(
      resources = "/cohorts/invalid/errors.csv",
      delimiter = ',',
      maxCharsPerColumn = 500)
  void reportsTheBadFieldByJsonPointer(String file, String expected) {
    String json = Fixtures.text("/cohorts/invalid/" + file);

    assertThatThrownBy(() -> CohortDefinition.parse(json))
        .isInstanceOfSatisfying(
            CriteriaException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(QueryErrors.INVALID_CRITERIA);
              assertThat(e.getMessage()).startsWith(expected);
            });
  }
}
