package io.tianshu.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.memory.MemoryEvaluator;
import io.tianshu.query.memory.PatientMatch;
import io.tianshu.query.sql.CohortCount;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.RuleAttrition;
import io.tianshu.query.sql.SqlCohortEngine;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each cohort under {@code cohorts/NAME.json}, run by both evaluators on the hand-written ward,
 * gives the members and attrition in {@code cohorts/NAME.expected.json}: on DuckDB, and on
 * PostgreSQL when configured.
 */
class CohortFixturesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "stemi",
        "surgical-without-lmwh-48h",
        "late-admission-notes",
        "chest-symptoms-in-notes"
      })
  void bothEvaluatorsGiveTheExpectedCohort(String name) {
    CohortDefinition definition =
        CohortDefinition.parse(Fixtures.text("/cohorts/" + name + ".json"));
    JsonNode expected = Fixtures.json("/cohorts/" + name + ".expected.json");
    Map<String, LocalDateTime> members = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = expected.get("members").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> member = fields.next();
      members.put(member.getKey(), LocalDateTime.parse(member.getValue().asText()));
    }
    List<RuleAttrition> attrition = new ArrayList<>();
    for (JsonNode row : expected.get("attrition")) {
      attrition.add(new RuleAttrition(row.get("rule").asText(), row.get("remaining").asLong()));
    }
    List<PatientRecord> ward = Fixtures.patients(Fixtures.WARD);

    Map<String, LocalDateTime> inMemory = new TreeMap<>();
    for (PatientRecord record : ward) {
      PatientMatch match = MemoryEvaluator.evaluate(definition, record);
      if (match.matches()) {
        inMemory.put(match.patientId(), match.indexAt());
      }
    }
    assertThat(inMemory).as("in memory").isEqualTo(members);

    try (TestStores.Opened duck = TestStores.duckdb(ward)) {
      assertSql(duck, definition, members, attrition);
    }
    if (TestStores.postgresAvailable()) {
      try (TestStores.Opened pg = TestStores.postgres(ward)) {
        assertSql(pg, definition, members, attrition);
      }
    }
  }

  private static void assertSql(
      TestStores.Opened opened,
      CohortDefinition definition,
      Map<String, LocalDateTime> members,
      List<RuleAttrition> attrition) {
    SqlCohortEngine engine = new SqlCohortEngine(opened.store());
    Map<String, LocalDateTime> inSql = new TreeMap<>();
    for (CohortMember member : engine.members(definition)) {
      inSql.put(member.patientId(), member.indexAt());
    }
    assertThat(inSql).isEqualTo(members);
    CohortCount count = engine.count(definition);
    assertThat(count.count()).isEqualTo(members.size());
    assertThat(count.attrition()).isEqualTo(attrition);
    assertThat(count.elapsedMs()).isNotNegative();
  }
}
