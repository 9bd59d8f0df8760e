package io.tianshu.nlp.concept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.nlp.Fixtures;
import io.tianshu.nlp.lexicon.Lexicon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ConceptNormalizerTest {

  public static ConceptVocabulary vocabulary() throws Exception {
    return ConceptVocabulary.read(
        Path.of(ConceptNormalizerTest.class.getResource("/concept/vocabulary.tsv").toURI()));
  }

  /** One row of {@code concept/mentions.tsv}. */
  record Case(String mention, String system, String code, String kind, String confidence) {}

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (String line : Fixtures.text("/concept/mentions.tsv").lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] c = line.split("\t");
      out.add(new Case(c[0], c[1], c[2], c[3], c[4]));
    }
    return out;
  }

  @Test
  void everyHandWorkedMentionGetsItsCodeKindAndConfidence() throws Exception {
    ConceptNormalizer normalizer = new ConceptNormalizer(vocabulary());
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      Optional<ConceptMatch> m = normalizer.normalize(c.mention(), c.system());
      String got =
          m.map(x -> x.code() + " " + x.kind() + " " + Math.round(x.confidence() * 1e4) / 1e4)
              .orElse("- - -");
      String want =
          c.code().equals("-")
              ? "- - -"
              : c.code() + " " + c.kind() + " " + Double.parseDouble(c.confidence());
      if (!got.equals(want)) {
        wrong.add(c.mention() + ": want " + want + ", got " + got);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aMatchKeepsTheCodesDisplayAndTheTermItMatched() throws Exception {
    ConceptNormalizer normalizer = new ConceptNormalizer(vocabulary());

    ConceptMatch synonym = normalizer.normalize("冠心病", "icd10").orElseThrow();
    ConceptMatch fuzzy = normalizer.normalize("右侧全髋关节置换术", "icd9cm3").orElseThrow();

    assertThat(synonym.display()).isEqualTo("冠状动脉粥样硬化性心脏病");
    assertThat(synonym.matched()).isEqualTo("冠心病");
    assertThat(synonym.system()).isEqualTo("icd10");
    assertThat(fuzzy.display()).isEqualTo("全髋关节置换术");
    assertThat(fuzzy.matched()).isEqualTo("全髋关节置换术");
  }

  @Test
  void theThresholdDecidesAFuzzyMatch() throws Exception {
    // 右股骨颈骨折 vs 股骨颈骨折: Dice 10/13 = 0.769.
    assertThat(new ConceptNormalizer(vocabulary(), 0.76).normalize("右股骨颈骨折", "icd10")).isPresent();
    assertThat(new ConceptNormalizer(vocabulary(), 0.77).normalize("右股骨颈骨折", "icd10")).isEmpty();
    // 高血压危象 vs 高血压: 0.6.
    assertThat(new ConceptNormalizer(vocabulary(), 0.6).normalize("高血压危象", "icd10"))
        .map(ConceptMatch::code)
        .contains("I10");
    assertThatThrownBy(() -> new ConceptNormalizer(vocabulary(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFirstCodeOfATextWins() {
    ConceptVocabulary v =
        ConceptVocabulary.of(
            List.of(
                new VocabularyTerm("icd10", "E14.9", "糖尿病", true),
                new VocabularyTerm("icd10", "E11.9", "糖 尿 病", true),
                new VocabularyTerm("icd10", "E11.9", "2型糖尿病", true)));

    assertThat(v.size()).isEqualTo(2);
    assertThat(new ConceptNormalizer(v).normalize("糖尿病", "icd10").orElseThrow().code())
        .isEqualTo("E14.9");
    assertThat(v.display("icd10", "E11.9")).isEqualTo("2型糖尿病");
    assertThat(v.display("icd10", "X99")).isNull();
  }

  @Test
  void theLexiconAddsItsSynonymsOfADisplayButNotOfANarrowerSynonym() throws Exception {
    ConceptVocabulary v = vocabulary().withLexicon(Lexicon.bundled());
    ConceptNormalizer normalizer = new ConceptNormalizer(v);

    // 慢性阻塞性肺疾病 is the lexicon concept's preferred term and the vocabulary's J44.9 display.
    ConceptMatch copd = normalizer.normalize("慢阻肺", "icd10").orElseThrow();
    // The lexicon's own codes come with it: I26.9 is not in the vocabulary file.
    ConceptMatch pe = normalizer.normalize("肺动脉栓塞", "icd10").orElseThrow();
    // 急性阑尾炎 is a synonym under the lexicon's 阑尾炎, which the vocabulary lacks: no link from
    // 阑尾炎's other synonyms to K35.9.
    Optional<ConceptMatch> chronic = normalizer.normalize("慢性阑尾炎", "icd10");

    assertThat(copd.code()).isEqualTo("J44.9");
    assertThat(copd.kind()).isEqualTo(MatchKind.SYNONYM);
    assertThat(pe.code()).isEqualTo("I26.9");
    assertThat(pe.display()).isEqualTo("肺栓塞");
    assertThat(chronic).isEmpty();
    // The hospital's terms win over the lexicon's: 冠心病 stays the vocabulary's synonym of I25.1.
    assertThat(normalizer.normalize("冠心病", "icd10").orElseThrow().code()).isEqualTo("I25.1");
  }

  @Test
  void aVocabularyLineWithoutDisplayIsRefusedWithItsLineNumber(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(dir.resolve("v.tsv"), "# header\nicd10\tI10\t高血压\nicd10\tE11.9\n");

    assertThatThrownBy(() -> ConceptVocabulary.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TS-NLP-030")
        .hasMessageContaining("v.tsv:3");
  }

  @Test
  void keysFoldWidthCaseRomanNumeralsAndPunctuation() {
    assertThat(ConceptVocabulary.key("Ⅱ型 糖尿病（ＤＭ）")).isEqualTo("2型糖尿病dm");
    assertThat(ConceptVocabulary.key("HER2+乳腺癌")).isEqualTo("her2+乳腺癌");
    assertThat(ConceptVocabulary.key("，。、")).isEmpty();
  }
}
