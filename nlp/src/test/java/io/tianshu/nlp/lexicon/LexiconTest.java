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
  void latinTermsDoNotMatchInsideEnglishWords() {
    assertThat(BUNDLED.longestMatches("呼吸机PEEP 5cmH2O，WHITE")).isEmpty();
    assertThat(BUNDLED.longestMatches("PE待排，考虑HIT"))
        .extracting(m -> m.entry().preferred())
        .containsExactly("肺栓塞", "肝素诱导的血小板减少症");
    assertThat(BUNDLED.longestMatches("hba1c 7.5%，pH7.35")).hasSize(2);
  }

  /** The concepts the VTE risk models read: each its own, none shadowed by another concept. */
  static final List<String> VTE_CONCEPTS =
      List.of(
          "卧床",
          "下肢肿胀",
          "石膏固定",
          "下肢静脉曲张",
          "深静脉血栓形成",
          "肺栓塞",
          "静脉血栓栓塞症",
          "恶性肿瘤",
          "中心静脉置管",
          "口服避孕药",
          "激素替代治疗",
          "妊娠",
          "产后",
          "脑卒中",
          "髋部骨折",
          "股骨骨折",
          "骨盆骨折",
          "下肢骨折",
          "脊髓损伤",
          "多发伤",
          "易栓症",
          "肝素诱导的血小板减少症",
          "活动性出血",
          "消化性溃疡",
          "V因子Leiden突变",
          "凝血酶原G20210A突变",
          "狼疮抗凝物",
          "抗心磷脂抗体",
          "炎症性肠病",
          "下肢水肿",
          "复发性流产",
          "不明原因死胎",
          "心力衰竭",
          "呼吸衰竭",
          "慢性阻塞性肺疾病",
          "脑梗死",
          "脑出血");

  @Test
  void vteConceptsOwnAllTheirSurfaceForms() {
    for (String preferred : VTE_CONCEPTS) {
      List<LexiconEntry> forms =
          BUNDLED.entries().stream().filter(e -> e.preferred().equals(preferred)).toList();
      assertThat(forms).as(preferred).isNotEmpty();
      for (LexiconEntry form : forms) {
        List<LexiconMatch> found = BUNDLED.longestMatches(form.term());
        assertThat(found).as(form.term()).hasSize(1);
        assertThat(found.get(0).entry().preferred()).as(form.term()).isEqualTo(preferred);
        assertThat(found.get(0).end()).as(form.term()).isEqualTo(form.term().length());
      }
    }
  }

  @Test
  void deepVeinThrombosisPulmonaryEmbolismAndVteAreDistinctConcepts() {
    assertThat(preferredAndCode("深静脉血栓")).isEqualTo("深静脉血栓形成 I80.2");
    assertThat(preferredAndCode("肺动脉栓塞")).isEqualTo("肺栓塞 I26.9");
    assertThat(preferredAndCode("VTE")).isEqualTo("静脉血栓栓塞症 null");
    assertThat(preferredAndCode("血栓")).isEqualTo("静脉血栓栓塞症 null");
    assertThat(preferredAndCode("静脉曲张")).isEqualTo("下肢静脉曲张 I83.9");
    assertThat(preferredAndCode("癌症")).isEqualTo("恶性肿瘤 C80.9");
    assertThat(preferredAndCode("肿瘤")).as("not every tumour is malignant").isEqualTo("肿瘤 null");
    assertThat(BUNDLED.longestMatches("石膏固定").get(0).entry().type()).isEqualTo("operation");
  }

  /** The cancer concepts a risk model may count as malignancy. */
  static final List<String> CANCERS =
      List.of(
          "恶性肿瘤", "肺癌", "食管癌", "胃癌", "结肠癌", "直肠癌", "肝癌", "胰腺癌", "胆管癌", "前列腺癌", "膀胱癌", "肾癌", "乳腺癌",
          "甲状腺癌", "宫颈癌", "子宫内膜癌", "卵巢癌", "鼻咽癌", "淋巴瘤", "白血病", "多发性骨髓瘤", "软组织肉瘤", "神经胶质瘤");

  @Test
  void benignAndPremalignantLesionsAreNoCancer() {
    for (String benign :
        List.of(
            "肿瘤", "良性肿瘤", "肺占位", "胰腺占位", "膀胱肿瘤", "卵巢囊肿", "卵巢畸胎瘤", "卵巢肿瘤", "子宫内膜息肉", "子宫内膜增生", "CIN",
            "宫颈上皮内瘤变", "脑膜瘤", "垂体瘤", "听神经瘤", "颅内占位")) {
      assertThat(BUNDLED.longestMatches(benign))
          .as(benign)
          .singleElement()
          .satisfies(m -> assertThat(CANCERS).doesNotContain(m.entry().preferred()));
    }
  }

  private static String preferredAndCode(String term) {
    List<LexiconMatch> found = BUNDLED.longestMatches(term);
    assertThat(found).as(term).hasSize(1);
    return found.get(0).entry().preferred() + " " + found.get(0).entry().code();
  }

  @Test
  void emptyAndOddInputsGiveNoMatches() {
    assertThat(BUNDLED.longestMatches("")).isEmpty();
    assertThat(BUNDLED.longestMatches("\uD83D\uDE00\u0000\uFFFF")).isEmpty();
  }
}
