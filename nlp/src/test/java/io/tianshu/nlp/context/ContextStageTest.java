package io.tianshu.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.nlp.Fixtures;
import io.tianshu.nlp.normalize.NormalizationStage;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.EntityFlag;
import io.tianshu.nlp.pipeline.Pipeline;
import io.tianshu.nlp.section.SectionDetector;
import io.tianshu.nlp.sentence.SentenceSplitter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs the context stage over Tianshu's own test set of note-style sentences. The target mention is
 * placed by hand, so the figures measure context rules alone, not lexicon coverage.
 */
class ContextStageTest {

  private static final Pipeline BEFORE =
      Pipeline.builder()
          .add(new NormalizationStage())
          .add(new SectionDetector())
          .add(new SentenceSplitter())
          .build();
  private static final ContextStage CONTEXT = new ContextStage();

  record Case(String text, String target, Set<EntityFlag> expected) {}

  static List<Case> cases(String resource) {
    List<Case> cases = new ArrayList<>();
    for (String line : Fixtures.text(resource).lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      EnumSet<EntityFlag> flags = EnumSet.noneOf(EntityFlag.class);
      for (String f : cols[2].split(",")) {
        switch (f.strip()) {
          case "N" -> flags.add(EntityFlag.NEGATED);
          case "U" -> flags.add(EntityFlag.UNCERTAIN);
          case "H" -> flags.add(EntityFlag.HISTORICAL);
          case "F" -> flags.add(EntityFlag.FAMILY);
          case "-" -> {}
          default -> throw new IllegalArgumentException("bad flag in " + line);
        }
      }
      cases.add(new Case(cols[0], cols[1], flags));
    }
    return cases;
  }

  static Set<EntityFlag> assess(String text, String target) {
    int start = text.indexOf(target);
    assertThat(start).as("target '%s' in '%s'", target, text).isGreaterThanOrEqualTo(0);
    AnnotatedDocument doc = BEFORE.run(text);
    Entity e = Entity.of(text, start, start + target.length(), "test", "test", null);
    AnnotatedDocument out = CONTEXT.apply(doc.with(Entity.LAYER, List.of(e)));
    return out.get(Entity.LAYER).get(0).flags();
  }

  /** Per-flag and exact-match accuracy over one test file. */
  record Score(int cases, double exact, Map<EntityFlag, Double> perFlag) {}

  static Score score(String resource) {
    List<Case> cases = cases(resource);
    Map<EntityFlag, Integer> correct = new EnumMap<>(EntityFlag.class);
    List<String> errors = new ArrayList<>();
    int exact = 0;
    for (Case c : cases) {
      Set<EntityFlag> got = assess(c.text(), c.target());
      if (got.equals(c.expected())) {
        exact++;
      } else {
        errors.add(c.text() + " [" + c.target() + "] expected " + c.expected() + " got " + got);
      }
      for (EntityFlag f : EntityFlag.values()) {
        if (got.contains(f) == c.expected().contains(f)) {
          correct.merge(f, 1, Integer::sum);
        }
      }
    }
    Map<EntityFlag, Double> perFlag = new EnumMap<>(EntityFlag.class);
    for (EntityFlag f : EntityFlag.values()) {
      perFlag.put(f, correct.getOrDefault(f, 0) / (double) cases.size());
    }
    Score score = new Score(cases.size(), exact / (double) cases.size(), perFlag);
    System.out.printf("%s: %s%n  errors:%n  %s%n", resource, score, String.join("\n  ", errors));
    return score;
  }

  @Test
  void accuracyOnTheTuningSet() {
    Score s = score("/context/assertions.tsv");

    assertThat(s.cases()).isGreaterThanOrEqualTo(140);
    assertThat(s.perFlag().values()).allSatisfy(a -> assertThat(a).isGreaterThanOrEqualTo(0.97));
    assertThat(s.exact()).isGreaterThanOrEqualTo(0.95);
  }

  /**
   * The second batch was scored before the rules saw it; its floor is what was observed, minus a
   * margin.
   */
  @Test
  void accuracyOnTheUnseenSet() {
    Score s = score("/context/assertions-unseen.tsv");

    assertThat(s.cases()).isGreaterThanOrEqualTo(150);
    assertThat(s.perFlag().values())
        .allSatisfy(a -> assertThat(a).isGreaterThanOrEqualTo(UNSEEN_FLAG_FLOOR));
    assertThat(s.exact()).isGreaterThanOrEqualTo(UNSEEN_EXACT_FLOOR);
  }

  /**
   * The third batch (2026-11-26), also scored before the rules saw it: negation scopes that end
   * before the target, uncertainty, history and, mostly, family members as the experiencer.
   */
  @Test
  void accuracyOnTheThirdBatch() {
    Score s = score("/context/assertions-more.tsv");

    assertThat(s.cases()).isGreaterThanOrEqualTo(80);
    assertThat(s.perFlag().values())
        .allSatisfy(a -> assertThat(a).isGreaterThanOrEqualTo(UNSEEN_FLAG_FLOOR));
    assertThat(s.exact()).isGreaterThanOrEqualTo(UNSEEN_EXACT_FLOOR);
  }

  @Test
  void theSetsHoldAtLeast300DistinctSentences() {
    Set<String> sentences = new java.util.HashSet<>();
    for (String file : List.of("assertions.tsv", "assertions-unseen.tsv", "assertions-more.tsv")) {
      cases("/context/" + file).forEach(c -> sentences.add(c.text()));
    }
    assertThat(sentences).hasSizeGreaterThanOrEqualTo(300);
  }

  // First scoring, before the rules changed (2026-11-25): exact 0.978 (89/91), NEGATED 0.978,
  // others 1.0.
  // The two misses (未再出现…, 肝脾肋下未及) were then fixed. The floors for sentences the rules were not
  // fitted to are the issue's target, 0.95.
  static final double UNSEEN_FLAG_FLOOR = 0.95;
  static final double UNSEEN_EXACT_FLOOR = 0.95;

  @Test
  void negatedListContinuesOverEnumerationCommaAndJi() {
    assertThat(assess("否认高血压、糖尿病及冠心病病史。", "冠心病")).contains(EntityFlag.NEGATED);
  }

  @Test
  void butAndCommaStopNegation() {
    assertThat(assess("无发热，咳嗽明显。", "咳嗽")).doesNotContain(EntityFlag.NEGATED);
    assertThat(assess("无发热但咳嗽明显。", "咳嗽")).doesNotContain(EntityFlag.NEGATED);
    assertThat(assess("无发热伴咳嗽。", "咳嗽")).doesNotContain(EntityFlag.NEGATED);
  }

  @Test
  void sentenceEndStopsNegation() {
    assertThat(assess("无发热。咳嗽明显。", "咳嗽")).isEmpty();
  }
}
