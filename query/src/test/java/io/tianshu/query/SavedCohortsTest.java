package io.tianshu.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.cohort.SavedCohort;
import io.tianshu.query.cohort.SavedCohorts;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.CriteriaException;
import io.tianshu.query.memory.MemoryEvaluator;
import io.tianshu.query.memory.PatientMatch;
import io.tianshu.query.sql.CohortDemographics;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.SqlCohortEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Saved cohorts keep every version, references resolve to the version asked for, and the engine's
 * demographics and pages agree with the hand-written ward (STEMI: Q001 male born 1958-05-10, index
 * 2025-03-10, 66 years; Q007 male born 1966-11-20, index 2025-08-01, 58 years).
 */
class SavedCohortsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private static final List<PatientRecord> WARD = Fixtures.patients(Fixtures.WARD);

  @Test
  void savingAgainAddsAVersionAndKeepsTheOldOne() {
    try (TestStores.Opened duck = TestStores.duckdb(WARD)) {
      SavedCohorts saved = new SavedCohorts(duck.store(), CLOCK);
      String stemi = Fixtures.text("/cohorts/stemi.json");
      SavedCohort first = saved.save(null, "STEMI", "acute MI study", stemi, "researcher1");
      SavedCohort second =
          saved.save(
              first.id(),
              "STEMI v2",
              null,
              Fixtures.text("/cohorts/late-admission-notes.json"),
              "researcher2");

      assertThat(first.id()).startsWith("coh-");
      assertThat(first.version()).isEqualTo(1);
      assertThat(second.id()).isEqualTo(first.id());
      assertThat(second.version()).isEqualTo(2);
      assertThat(saved.list()).extracting(SavedCohort::version).containsExactly(2);
      assertThat(saved.versions(first.id()))
          .extracting(SavedCohort::name)
          .containsExactly("STEMI", "STEMI v2");
      assertThat(saved.get(first.id(), 1).orElseThrow().definitionJson()).isEqualTo(stemi);
      assertThat(saved.get(first.id(), 1).orElseThrow().createdAt())
          .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5));
      assertThat(saved.get(first.id(), 3)).isEmpty();
      assertThatThrownBy(() -> saved.save("coh-missing", "x", null, stemi, "u"))
          .isInstanceOfSatisfying(
              TianshuException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }
  }

  @Test
  void aReferenceMeansMembershipOfTheVersionNamed() {
    try (TestStores.Opened duck = TestStores.duckdb(WARD)) {
      SavedCohorts saved = new SavedCohorts(duck.store(), CLOCK);
      SavedCohort stemi =
          saved.save(null, "STEMI", null, Fixtures.text("/cohorts/stemi.json"), "u");
      // Version 2 is a different population; a reference to version 1 must not follow it.
      saved.save(stemi.id(), "anyone admitted", null, everyEncounter(), "u");
      String json =
          """
          {"version": 1, "name": "STEMI patients with an admission note",
           "index": {"criterion": {"type": "document", "documentType": ["ADMISSION_NOTE"]}},
           "rules": [{"name": "in STEMI v1",
                      "criterion": {"type": "cohort", "id": "%s", "version": 1}}]}
          """
              .formatted(stemi.id());
      CohortDefinition definition = CohortDefinition.parse(json, saved);

      Map<String, LocalDateTime> inMemory = new TreeMap<>();
      for (PatientRecord r : WARD) {
        PatientMatch m = MemoryEvaluator.evaluate(definition, r);
        if (m.matches()) {
          inMemory.put(m.patientId(), m.indexAt());
        }
      }
      Map<String, LocalDateTime> inSql = new TreeMap<>();
      for (CohortMember m : new SqlCohortEngine(duck.store()).members(definition)) {
        inSql.put(m.patientId(), m.indexAt());
      }
      // Q001 is the only STEMI member with an admission note (Q007 has none).
      assertThat(inMemory).containsOnlyKeys("Q001");
      assertThat(inSql).isEqualTo(inMemory);

      String latest = json.replace(", \"version\": 1}", "}");
      assertThat(
              new SqlCohortEngine(duck.store())
                  .count(CohortDefinition.parse(latest, saved))
                  .count())
          .as("the latest version admits everyone with an admission note")
          .isEqualTo(4);
    }
  }

  @Test
  void aCohortCannotReferToItselfNorToAMissingVersion() {
    try (TestStores.Opened duck = TestStores.duckdb(WARD)) {
      SavedCohorts saved = new SavedCohorts(duck.store(), CLOCK);
      SavedCohort a = saved.save(null, "A", null, everyEncounter(), "u");
      String selfReference =
          """
          {"version": 1, "index": {"criterion": {"type": "encounter"}},
           "rules": [{"name": "in A", "criterion": {"type": "cohort", "id": "%s"}}]}
          """
              .formatted(a.id());
      assertThatThrownBy(() -> saved.save(a.id(), "A again", null, selfReference, "u"))
          .isInstanceOfSatisfying(
              CriteriaException.class,
              e -> {
                assertThat(e.pointer()).isEqualTo("/rules/0/criterion/id");
                assertThat(e.reason()).isEqualTo("a cohort cannot refer to itself");
              });
      String missingVersion = selfReference.replace("\"}}]}", "\", \"version\": 7}}]}");
      assertThatThrownBy(() -> CohortDefinition.parse(missingVersion, saved))
          .isInstanceOfSatisfying(
              CriteriaException.class,
              e ->
                  assertThat(e.reason())
                      .isEqualTo("no version 7 of saved cohort '" + a.id() + "'"));
    }
  }

  @Test
  void demographicsAndPagesMatchTheWard() {
    try (TestStores.Opened duck = TestStores.duckdb(WARD)) {
      SqlCohortEngine engine = new SqlCohortEngine(duck.store());
      CohortDefinition stemi = CohortDefinition.parse(Fixtures.text("/cohorts/stemi.json"));

      CohortDemographics d = engine.demographics(stemi);

      assertThat(d.bySex()).isEqualTo(Map.of("MALE", 2L));
      assertThat(d.byAge()).isEqualTo(Map.of(58, 1L, 66, 1L));
      assertThat(d.byAgeBand())
          .containsExactly(
              Map.entry("0-17", 0L),
              Map.entry("18-44", 0L),
              Map.entry("45-64", 1L),
              Map.entry("65-79", 1L),
              Map.entry("80+", 0L));
      assertThat(engine.members(stemi, 0, 1))
          .extracting(CohortMember::patientId)
          .containsExactly("Q001");
      assertThat(engine.members(stemi, 1, 5))
          .extracting(CohortMember::patientId)
          .containsExactly("Q007");
      assertThat(engine.members(stemi, 2, 5)).isEmpty();
    }
  }

  private static String everyEncounter() {
    return """
        {"version": 1, "name": "anyone admitted", "index": {"criterion": {"type": "encounter"}}}
        """;
  }
}
