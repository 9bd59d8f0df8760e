package io.tianshu.nlp.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconTest {

  private static final Lexicon BUNDLED = Lexicon.bundled();

  @Test
  void bundledLexiconIsLargeAndCoversEveryType() {
    assertThat(BUNDLED.size()).isGreaterThanOrEqualTo(1500);
    assertThat(BUNDLED.entries()).extracting(LexiconEntry::type).containsAll(Lexicon.BUNDLED_TYPES);
  }

  @Test
  void everyBundledFileSaysItIsTianshusOwnList() throws IOException {
    for (String type : Lexicon.BUNDLED_TYPES) {
      try (InputStream in = Lexicon.class.getResourceAsStream("/lexicon/" + type + ".tsv")) {
        String first =
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        assertThat(first).as(type).startsWith("# Tianshu's own clinical lexicon");
      }
    }
  }

  @Test
  void longestMatchWins() {
    List<LexiconMatch> matches = BUNDLED.longestMatches("考虑急性结石性胆囊炎，行腹腔镜胆囊切除术");

    assertThat(matches).extracting(m -> m.entry().term()).contains("腹腔镜胆囊切除术");
    assertThat(matches).extracting(m -> m.entry().term()).doesNotContain("胆囊");
  }

  @Test
  void synonymsCarryThePreferredTerm() {
    LexiconMatch m = BUNDLED.longestMatches("慢阻肺急性加重").get(0);

    assertThat(m.entry().preferred()).isEqualTo("慢性阻塞性肺疾病");
    assertThat(m.entry().type()).isEqualTo("disease");
  }

  @Test
  void matchingFoldsFullWidthAndCase() {
    assertThat(BUNDLED.longestMatches("行ＣＴ检查"))
        .extracting(LexiconMatch::start, LexiconMatch::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 5));
    assertThat(BUNDLED.longestMatches("hba1c 7.5%"))
        .extracting(m -> m.entry().preferred())
        .containsExactly("血糖");
  }

  @Test
  void allMatchesIncludesNestedTerms() {
    assertThat(BUNDLED.allMatches("胆囊结石")).extracting(m -> m.entry().term()).contains("胆囊", "胆囊结石");
  }

  @Test
  void hospitalDictionaryCanBeAddedAtRunTime(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("local.tsv");
    Files.writeString(file, "# 本院自定义\n天枢综合征\t天枢征\tLOCAL-001\n", StandardCharsets.UTF_8);

    Lexicon extended = BUNDLED.plusFile(file, "disease");

    assertThat(BUNDLED.longestMatches("考虑天枢征")).isEmpty();
    LexiconMatch m = extended.longestMatches("考虑天枢征").get(0);
    assertThat(m.entry().code()).isEqualTo("LOCAL-001");
    assertThat(m.entry().preferred()).isEqualTo("天枢综合征");
  }

  @Test
  void emptyAndOddInputsGiveNoMatches() {
    assertThat(BUNDLED.longestMatches("")).isEmpty();
    assertThat(BUNDLED.longestMatches("\uD83D\uDE00\u0000\uFFFF")).isEmpty();
  }
}
