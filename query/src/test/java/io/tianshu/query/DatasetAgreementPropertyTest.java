package io.tianshu.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.EventCriterion;
import io.tianshu.query.criteria.InclusionRule;
import io.tianshu.query.export.Aggregate;
import io.tianshu.query.export.DatasetExporter;
import io.tianshu.query.export.DatasetSpec;
import io.tianshu.query.export.ExportCohort;
import io.tianshu.query.export.ExportFormat;
import io.tianshu.query.export.FactVariable;
import io.tianshu.query.export.Variable;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.SqlCohortEngine;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The dataset export selects facts exactly as the criteria language does: for random definitions
 * over random synthetic hospitals, every member's COUNT of each event rule's criterion (with the
 * rule's window, {@code sameEncounter} and {@code distinct}) satisfies that rule's count, as the
 * cohort engines found. This holds the export's fact selection and index encounters to the
 * evaluators'.
 *
 * <p>Shrinking is off: every input is a seed. A failure prints the definition and the hospital
 * seed.
 */
class DatasetAgreementPropertyTest {

  private static final int DEFINITIONS_PER_HOSPITAL = 20;
  private static final NoteStructurer STRUCTURER = new NoteStructurer();

  @Property(tries = 5, shrinking = ShrinkingMode.OFF)
  void everyMembersCountsSatisfyTheRulesThatAdmittedIt(
      @ForAll long hospitalSeed,
      @ForAll @IntRange(min = 50, max = 100) int patients,
      @ForAll long criteriaSeed)
      throws Exception {
    List<PatientRecord> records = new ArrayList<>();
    for (GeneratedPatient p :
        new SyntheticHospital(new SynthConfig(hospitalSeed, patients, LocalDate.of(2026, 6, 30)))) {
      records.add(STRUCTURER.structure(p.record()));
    }
    RandomCriteria criteria = new RandomCriteria(records, criteriaSeed);
    try (TestStores.Opened duck = TestStores.duckdb(records)) {
      SqlCohortEngine engine = new SqlCohortEngine(duck.store());
      for (int d = 0; d < DEFINITIONS_PER_HOSPITAL; d++) {
        String json = criteria.definition();
        CohortDefinition definition = CohortDefinition.parse(json, criteria.library());
        List<InclusionRule> rules = new ArrayList<>();
        List<Variable> variables = new ArrayList<>();
        for (InclusionRule rule : definition.rules()) {
          if (rule.criterion() instanceof EventCriterion event) {
            rules.add(rule);
            variables.add(
                new FactVariable(
                    "rule_" + variables.size(),
                    Aggregate.COUNT,
                    null,
                    event.scope().count().distinct(),
                    event));
          }
        }
        List<CohortMember> members = engine.members(definition);
        Statistics.label("event rules checked per definition").collect(rules.size());
        Statistics.label("members").collect(members.isEmpty() ? "none" : "some");
        if (rules.isEmpty() || members.isEmpty()) {
          continue;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DatasetExporter.export(
            duck.store(),
            ExportCohort.of(definition, members),
            new DatasetSpec(DatasetSpec.VERSION, "agreement", variables, "{}"),
            ExportFormat.CSV,
            null,
            out);
        // Only ids, a timestamp and counts: no field needs quoting, so splitting is enough.
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
        assertThat(lines).hasSameSizeAs(members);
        for (String line : lines) {
          String[] fields = line.split(",", -1);
          for (int k = 0; k < rules.size(); k++) {
            EventCriterion event = (EventCriterion) rules.get(k).criterion();
            long count = Long.parseLong(fields[3 + k]);
            assertThat(event.scope().count().accepts(count))
                .as(
                    "patient %s, rule '%s' (%s), count %d; hospital seed %d, definition:%n%s",
                    fields[0],
                    rules.get(k).name(),
                    event.scope().count(),
                    count,
                    hospitalSeed,
                    json)
                .isTrue();
          }
        }
      }
    }
  }
}
