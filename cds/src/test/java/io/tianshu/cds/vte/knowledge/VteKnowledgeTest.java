package io.tianshu.cds.vte.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VteKnowledgeTest {

  @Test
  void shipped_knowledge_loads_with_every_model_versioned_and_sourced() {
    VteKnowledge k = VteKnowledge.bundled();
    assertThat(k.models().keySet())
        .containsExactlyInAnyOrder(
            "caprini-2005", "caprini-cn2018", "padua", "improve-bleeding", "surgical-bleeding");
    for (RiskModel m : k.models().values()) {
      assertThat(m.version()).as(m.id()).matches("[a-z0-9-]+@\\d+");
      assertThat(m.source()).as(m.id()).isNotBlank();
      assertThat(m.items()).as(m.id()).allSatisfy(i -> assertThat(i.label().zh()).isNotBlank());
    }
    assertThat(k.model("caprini-2005").items()).hasSize(39);
    assertThat(k.model("padua").items()).hasSize(11);
    assertThat(k.model("improve-bleeding").items()).hasSize(13);
    assertThat(k.versions()).containsEntry("caprini-2005", "caprini-2005@1");
  }

  @Test
  void bands_follow_the_sources() {
    VteKnowledge k = VteKnowledge.bundled();
    RiskModel caprini = k.model("caprini-2005");
    assertThat(caprini.band(0).id()).isEqualTo("low");
    assertThat(caprini.band(1).id()).isEqualTo("low");
    assertThat(caprini.band(2).id()).isEqualTo("moderate");
    assertThat(caprini.band(4).id()).isEqualTo("high");
    assertThat(caprini.band(5).id()).isEqualTo("highest");
    assertThat(k.model("caprini-cn2018").band(0).id()).isEqualTo("very_low");
    assertThat(k.model("caprini-cn2018").band(2).id()).isEqualTo("low");
    assertThat(k.model("caprini-cn2018").band(3).id()).isEqualTo("moderate");
    assertThat(k.model("padua").band(3).id()).isEqualTo("low");
    assertThat(k.model("padua").band(4).id()).isEqualTo("high");
    assertThat(k.model("improve-bleeding").band(6.5).id()).isEqualTo("low");
    assertThat(k.model("improve-bleeding").band(7).id()).isEqualTo("high");
  }

  @Test
  void a_hospital_file_replaces_the_shipped_one(@TempDir Path dir) throws IOException {
    String padua =
        new String(
                VteKnowledgeTest.class
                    .getResourceAsStream("/knowledge/vte/padua.yaml")
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("version: padua-2010@1", "version: padua-2010-local@2")
            .replace("{id: high, min: 4,", "{id: high, min: 5,")
            .replace("{id: low, min: 0, max: 3,", "{id: low, min: 0, max: 4,");
    Files.writeString(dir.resolve("padua.yaml"), padua);
    VteKnowledge k = VteKnowledge.withOverrides(dir);
    assertThat(k.model("padua").version()).isEqualTo("padua-2010-local@2");
    assertThat(k.model("padua").band(4).id()).isEqualTo("low");
    assertThat(k.model("caprini-2005").version()).isEqualTo("caprini-2005@1");
  }

  @Test
  void a_typo_in_a_finding_is_refused_with_its_place(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("findings.yaml"),
        "version: t@1\nfindings:\n  varicose_veins:\n    diagnosis: {codes: [\"I83*\"], withn: 30d}\n");
    assertThatThrownBy(() -> VteKnowledge.withOverrides(dir))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageContaining("findings.yaml findings.varicose_veins")
        .hasMessageContaining("unknown field withn");
  }

  @Test
  void a_model_naming_a_missing_finding_is_refused(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("padua.yaml"),
        "model: padua\nversion: p@1\ntitle: {zh: x}\nsource: s\nkind: risk\nscoring: sum\n"
            + "items:\n  - {id: a, finding: no_such_finding, points: 1, label: {zh: a}}\n"
            + "bands:\n  - {id: low, min: 0}\n");
    assertThatThrownBy(() -> VteKnowledge.withOverrides(dir))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageContaining("no_such_finding");
  }

  @Test
  void a_score_without_a_band_is_refused(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("padua.yaml"),
        "model: padua\nversion: p@1\ntitle: {zh: x}\nsource: s\nkind: risk\nscoring: sum\n"
            + "items:\n  - {id: a, finding: male, points: 1, label: {zh: a}}\n"
            + "bands:\n  - {id: low, min: 0, max: 0}\n");
    assertThatThrownBy(() -> VteKnowledge.withOverrides(dir))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageContaining("no band for score 1");
  }

  @Test
  void code_sets_match_by_prefix() {
    CodeSet s = new CodeSet(java.util.List.of("I83*", "I80.2", "L01"));
    assertThat(s.matches("I83.9")).isTrue();
    assertThat(s.matches("i80.21")).isTrue();
    assertThat(s.matches("I80.1")).isFalse();
    assertThat(s.matches("L01BC06")).isTrue();
    assertThat(s.matches(null)).isFalse();
  }
}
