package io.tianshu.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.query.Fixtures;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCohortEngineTest {

  private static final byte[] KEY =
      "query-module-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;

  @Test
  void explainShowsReadableStepsWithEveryValueBound() {
    CohortDefinition stemi = CohortDefinition.parse(Fixtures.text("/cohorts/stemi.json"));
    CompiledCohort compiled = CohortSqlCompiler.compile(stemi, CohortSqlCompiler.Output.MEMBERS);
    String sql = compiled.sql();

    assertThat(sql)
        .contains("WITH index_event AS (", "index_candidate AS (", "rule_1 AS (", "rule_4 AS (")
        .doesNotContain("I21", "10839-9", "aspirin", "icd10", "troponin");
    assertThat(compiled.params()).contains("I21.", "I21", "I21.4", "10839-9", "aspirin", 18);
    assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(compiled.params().size());
  }

  @Test
  void aQuoteInACodeIsDataNotSql() {
    String json = Fixtures.text("/cohorts/stemi.json").replace("\"I21.4\"", "\"I21.4' OR '1'='1\"");
    CohortDefinition hostile = CohortDefinition.parse(json);

    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(directory.resolve("cdr.duckdb"), KEY))) {
      SqlCohortEngine engine = new SqlCohortEngine(store);

      assertThat(engine.explain(hostile)).doesNotContain("'1'='1");
      assertThat(engine.members(hostile)).isEmpty();
      assertThat(engine.count(hostile).count()).isZero();
    }
  }

  /**
   * 2025-03-09 02:30 does not exist in New York (clocks jump from 02:00 to 03:00). Hospital times
   * are wall-clock times without a zone, so the index time must come back unchanged whatever the
   * JVM's zone.
   */
  @Test
  void indexTimesDoNotDependOnTheJvmTimeZone() {
    CohortDefinition emergency =
        CohortDefinition.parse(Fixtures.text("/cohorts/emergency-visits.json"));
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(directory.resolve("dst.duckdb"), KEY))) {
      try (CdrWriter writer = store.writer("dst", "fixture")) {
        Fixtures.patients("/patients/dst-gap.json").forEach(writer::add);
        writer.commit();
      }

      assertThat(new SqlCohortEngine(store).members(emergency))
          .containsExactly(new CohortMember("Q101", LocalDateTime.of(2025, 3, 9, 2, 30)));
    } finally {
      TimeZone.setDefault(original);
    }
  }
}
