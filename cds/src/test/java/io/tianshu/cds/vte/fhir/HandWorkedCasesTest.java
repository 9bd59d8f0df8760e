package io.tianshu.cds.vte.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.cds.vte.assess.AssessmentJson;
import io.tianshu.cds.vte.assess.ItemResult;
import io.tianshu.cds.vte.assess.ModelResult;
import io.tianshu.cds.vte.assess.Outcome;
import io.tianshu.cds.vte.assess.VteAssessment;
import io.tianshu.cds.vte.assess.VteAssessor;
import io.tianshu.cds.vte.knowledge.VteKnowledge;
import io.tianshu.nlp.NoteStructurer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-worked cases in {@code src/test/resources/vte-cases}: each file holds a FHIR R4 Bundle
 * written by hand (Chinese notes included), the assessment time, and the expected result worked out
 * item by item from the knowledge files' sources (the working is in the file). See {@code
 * docs/knowledge/vte.md} for the case format.
 */
class HandWorkedCasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BundleAssessment ASSESS =
      new BundleAssessment(new VteAssessor(VteKnowledge.bundled()), new NoteStructurer());

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path dir = Paths.get(HandWorkedCasesTest.class.getResource("/vte-cases").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void case_matches_its_hand_worked_result(Path file) throws IOException {
    JsonNode c;
    try (InputStream in = Files.newInputStream(file)) {
      c = JSON.readTree(in);
    }
    Map<String, Boolean> answers = new HashMap<>();
    c.path("answers")
        .fields()
        .forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asBoolean()));
    VteAssessment a =
        ASSESS.assess(
            c.get("bundle").toString(),
            c.hasNonNull("at") ? LocalDateTime.parse(c.get("at").asText()) : null,
            c.hasNonNull("encounter") ? c.get("encounter").asText() : null,
            answers);
    JsonNode expected = c.get("expected");
    SoftAssertions soft = new SoftAssertions();
    for (String model :
        List.of(
            "caprini-2005", "caprini-cn2018", "padua", "improve-bleeding", "surgical-bleeding")) {
      JsonNode e = expected.get(model);
      if (e == null) {
        continue;
      }
      ModelResult m = a.models().get(model);
      Map<String, Double> wantItems = new TreeMap<>();
      e.path("items")
          .fields()
          .forEachRemaining(x -> wantItems.put(x.getKey(), x.getValue().asDouble()));
      soft.assertThat(new TreeMap<>(AssessmentJson.countedItems(m)))
          .as("%s counted items (evidence: %s)", model, evidence(m))
          .isEqualTo(wantItems);
      if (e.has("score")) {
        soft.assertThat(m.score()).as(model + " score").isEqualTo(e.get("score").asDouble());
      }
      if (e.has("band")) {
        soft.assertThat(m.band().id()).as(model + " band").isEqualTo(e.get("band").asText());
      }
      if (e.has("unknown")) {
        TreeSet<String> want = new TreeSet<>();
        e.get("unknown").forEach(x -> want.add(x.asText()));
        TreeSet<String> got = new TreeSet<>();
        m.unknown().forEach(i -> got.add(i.id()));
        soft.assertThat(got).as(model + " unknown items").isEqualTo(want);
      }
    }
    if (expected.has("model")) {
      soft.assertThat(a.riskModel())
          .as("chosen risk model")
          .isEqualTo(expected.get("model").asText());
    }
    if (expected.has("recommendation")) {
      soft.assertThat(a.recommendation().prophylaxis())
          .as("recommendation (reasons %s)", a.recommendation().reasons())
          .isEqualTo(expected.get("recommendation").asText());
    }
    if (expected.has("contraindications")) {
      TreeSet<String> want = new TreeSet<>();
      expected.get("contraindications").forEach(x -> want.add(x.asText()));
      TreeSet<String> got = new TreeSet<>();
      a.contraindications().stream()
          .filter(x -> x.status() == Outcome.Status.PRESENT)
          .forEach(x -> got.add(x.contraindication().id()));
      soft.assertThat(got).as("contraindications present").isEqualTo(want);
    }
    soft.assertAll();
  }

  @Test
  void there_are_at_least_forty_cases() throws Exception {
    assertThat(cases().count()).isGreaterThanOrEqualTo(40);
  }

  private static Map<String, String> evidence(ModelResult m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ItemResult i : m.items()) {
      if (i.status() != Outcome.Status.ABSENT) {
        out.put(
            i.id(), i.status() + " " + i.evidence() + (i.reason() == null ? "" : " " + i.reason()));
      }
    }
    return out;
  }
}
