package io.tianshu.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.CohortLibrary;
import io.tianshu.query.memory.MemoryEvaluator;
import io.tianshu.query.memory.PatientMatch;
import io.tianshu.query.sql.CohortCount;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.RuleAttrition;
import io.tianshu.query.sql.SqlCohortEngine;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The heart of the criteria language: for random synthetic hospitals and random definitions drawn
 * over the whole language, the SQL engine (DuckDB, and PostgreSQL when configured) and the
 * in-memory evaluator select exactly the same patients, with the same index times and the same
 * attrition.
 *
 * <p>Shrinking is off: every input is a seed, so a shrunk seed is no simpler, only different. A
 * failure prints the definition's JSON and the hospital seed instead; save the JSON under {@code
 * src/test/resources/cohorts/regressions/} to keep it.
 */
class EvaluatorAgreementPropertyTest {

  private static final int DEFINITIONS_PER_HOSPITAL = 30;

  /** Note facts come from the real NLP pipeline, so noteFact criteria meet real mentions. */
  private static final NoteStructurer STRUCTURER = new NoteStructurer();

  @Property(tries = 10, shrinking = ShrinkingMode.OFF)
  void bothEvaluatorsSelectTheSamePatientsWithTheSameIndexTimes(
      @ForAll long hospitalSeed,
      @ForAll @IntRange(min = 60, max = 150) int patients,
      @ForAll long criteriaSeed) {
    List<PatientRecord> records = new ArrayList<>();
    LocalDate asOf = LocalDate.of(2026, 6, 30);
    for (GeneratedPatient p :
        new SyntheticHospital(new SynthConfig(hospitalSeed, patients, asOf))) {
      records.add(STRUCTURER.structure(p.record()));
    }
    RandomCriteria criteria = new RandomCriteria(records, criteriaSeed);
    List<String> definitions = new ArrayList<>();
    for (int d = 0; d < DEFINITIONS_PER_HOSPITAL; d++) {
      definitions.add(criteria.definition());
    }
    try (TestStores.Opened duck = TestStores.duckdb(records)) {
      check("DuckDB", duck, records, definitions, criteria.library(), hospitalSeed, patients);
    }
    if (TestStores.postgresAvailable()) {
      try (TestStores.Opened pg = TestStores.postgres(records)) {
        check("PostgreSQL", pg, records, definitions, criteria.library(), hospitalSeed, patients);
      }
    }
  }

  private static void check(
      String engineName,
      TestStores.Opened opened,
      List<PatientRecord> records,
      List<String> definitions,
      CohortLibrary library,
      long seed,
      int patients) {
    SqlCohortEngine engine = new SqlCohortEngine(opened.store());
    for (String json : definitions) {
      CohortDefinition definition = CohortDefinition.parse(json, library);
      Map<String, LocalDateTime> inMemory = new TreeMap<>();
      long[] remaining = new long[definition.rules().size() + 1];
      for (PatientRecord record : records) {
        PatientMatch match = MemoryEvaluator.evaluate(definition, record);
        if (match.matches()) {
          inMemory.put(match.patientId(), match.indexAt());
        }
        if (match.hasIndexEvent()) {
          for (int k = 0; k <= match.rulesPassed(); k++) {
            remaining[k]++;
          }
        }
      }
      Map<String, LocalDateTime> inSql = new TreeMap<>();
      for (CohortMember member : engine.members(definition)) {
        inSql.put(member.patientId(), member.indexAt());
      }
      String context =
          engineName
              + ", hospital seed "
              + seed
              + ", "
              + patients
              + " patients, definition:\n"
              + json;
      assertThat(inSql).as(context).isEqualTo(inMemory);
      CohortCount count = engine.count(definition);
      List<Long> sqlAttrition = count.attrition().stream().map(RuleAttrition::remaining).toList();
      List<Long> memoryAttrition = new ArrayList<>();
      for (int k = 1; k < remaining.length; k++) {
        memoryAttrition.add(remaining[k]);
      }
      assertThat(sqlAttrition).as("attrition, " + context).isEqualTo(memoryAttrition);
      assertThat(count.count()).as("count, " + context).isEqualTo((long) inMemory.size());
      Statistics.label("cohort share of patients").collect(bucket(inMemory.size(), records.size()));
      Statistics.label("index population share").collect(bucket(remaining[0], records.size()));
      for (int k = 1; k < remaining.length; k++) {
        String effect;
        if (remaining[k - 1] == 0) {
          effect = "nobody left to test";
        } else if (remaining[k] == remaining[k - 1]) {
          effect = "kept everyone";
        } else {
          effect = remaining[k] == 0 ? "removed everyone" : "removed some";
        }
        Statistics.label("what a rule did").collect(effect);
      }
      Statistics.label("engine").collect(engineName);
      Statistics.label("uses note facts / saved cohorts")
          .collect(json.contains("\"noteFact\""), json.contains("\"cohort\""));
    }
  }

  private static String bucket(long selected, int of) {
    if (selected == 0) {
      return "none";
    }
    if (selected == of) {
      return "all";
    }
    return selected * 2 < of ? "under half" : "half or more";
  }
}
