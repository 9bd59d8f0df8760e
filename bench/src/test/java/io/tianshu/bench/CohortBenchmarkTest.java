package io.tianshu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tianshu bench cohort} end to end on a small hospital: the JSON it prints, and its
 * correctness guard — the hand-written SQL selects exactly the compiled SQL's members (patients and
 * index times), the attrition ends at the same count, and the in-memory evaluator agrees on every
 * sampled patient.
 */
class CohortBenchmarkTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PATIENTS = 3_000;

  @TempDir Path dir;

  @Test
  void printsTheFiguresAndEveryStatementSelectsTheSameMembers() throws Exception {
    List<String> progress = new ArrayList<>();
    JsonNode out = run(dir.resolve("cohort.duckdb"), progress);

    assertThat(out.path("benchmark").asText()).isEqualTo("cohort");
    assertThat(out.path("dataset").path("reused").asBoolean()).isFalse();
    assertThat(out.path("dataset").path("patients_in_store").asLong()).isEqualTo(PATIENTS);
    JsonNode cohort = out.path("cohort");
    long members = cohort.path("members").asLong();
    assertThat(members).isPositive().isLessThan(PATIENTS);
    assertThat(cohort.path("attrition")).hasSize(5);
    assertThat(cohort.path("attrition").get(4).path("remaining").asLong()).isEqualTo(members);

    for (String timed : List.of("count", "count_with_attrition")) {
      JsonNode t = out.path("compiled").path(timed);
      assertThat(t.path("runs_ms")).hasSize(2);
      assertThat(t.path("min_ms").asDouble()).isPositive();
      assertThat(t.path("median_ms").asDouble())
          .isGreaterThanOrEqualTo(t.path("min_ms").asDouble());
    }
    assertThat(out.path("hand_written")).hasSize(3);
    for (JsonNode h : out.path("hand_written")) {
      assertThat(h.path("members").asLong()).as(h.path("name").asText()).isEqualTo(members);
      assertThat(h.path("same_members_as_compiled").asBoolean())
          .as(h.path("name").asText())
          .isTrue();
    }
    assertThat(out.path("ratio").path("compiled_over_best_median").asDouble()).isPositive();

    Map<String, Object> agreement = JSON.convertValue(out.path("agreement"), Map.class);
    assertThat(agreement).hasSize(5).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(true));
    JsonNode memory = out.path("memory");
    assertThat(memory.path("random_patients").path("samples").asInt()).isEqualTo(200);
    assertThat(memory.path("cohort_members").path("samples").asInt()).isEqualTo(200);
    assertThat(memory.path("random_patients").path("p99_us").asDouble()).isPositive();
    JsonNode best = memory.path("best_of_repeated_evaluations").path("cohort_members");
    assertThat(best.path("samples").asInt()).isEqualTo(200);
    assertThat(best.path("p50_us").asDouble())
        .isLessThanOrEqualTo(memory.path("cohort_members").path("p50_us").asDouble());
    assertThat(memory.path("disagreements_with_compiled").asInt()).isZero();
    for (String target :
        List.of(
            "count_ms",
            "count_with_attrition_ms",
            "compiled_over_best_hand_written",
            "memory_one_patient_p99_ms")) {
      assertThat(out.path("targets").path(target).path("met").isBoolean()).as(target).isTrue();
    }
  }

  @Test
  void reusesItsOwnFileAndRefusesAnyOtherCdr() throws Exception {
    Path file = dir.resolve("reused.duckdb");
    run(file, new ArrayList<>());
    List<String> progress = new ArrayList<>();
    JsonNode again = run(file, progress);
    assertThat(again.path("dataset").path("reused").asBoolean()).isTrue();
    assertThat(progress).noneMatch(line -> line.contains("loaded"));

    Path foreign = dir.resolve("foreign.duckdb");
    try (CdrStore store =
            CdrStore.open(
                StoreConfig.duckdb(
                    foreign, "a-key-of-sixteen-bytes".getBytes(StandardCharsets.UTF_8)));
        var writer = store.writer("someone-else", "his")) {
      new SyntheticHospital(new SynthConfig(7, 10, CohortDataset.AS_OF))
          .stream().forEach(p -> writer.add(p.record()));
      writer.commit();
    }
    assertThatThrownBy(() -> run(foreign, new ArrayList<>()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not make");
  }

  private static JsonNode run(Path file, List<String> progress) throws Exception {
    Map<String, Object> result =
        CohortBenchmark.run(new CohortBenchmark.Options(PATIENTS, 42, file, 2, 200), progress::add);
    // Through text, as the command prints it.
    return JSON.readTree(JSON.writeValueAsString(result));
  }
}
