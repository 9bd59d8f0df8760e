package io.tianshu.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VocabularyTest {
  private final Vocabulary v = Vocabulary.load();

  @Test
  void loadsAStarterVocabularyOfUsefulSize() {
    assertThat(v.departments).hasSize(20);
    assertThat(v.diseases).hasSizeGreaterThan(200);
    assertThat(v.operations).hasSizeGreaterThan(80);
    assertThat(v.drugs).hasSizeGreaterThan(100);
    assertThat(v.labs).hasSizeGreaterThan(30);
    v.departments.forEach(d -> assertThat(d.cases().isEmpty()).as(d.name()).isFalse());
  }

  @Test
  void codesLookLikeTheirStandards() {
    v.diseases.values().forEach(d -> assertThat(d.icd10()).matches("[A-Z]\\d{2}(\\.\\d{1,2})?"));
    v.operations.values().forEach(o -> assertThat(o.icd9()).matches("\\d{2}(\\.\\d{1,2})?"));
    v.labs.values().forEach(l -> assertThat(l.lowM()).isLessThan(l.highM()));
    assertThat(v.disease("I80.2").code().standard().code()).isEqualTo("I80.2");
    assertThat(v.disease("I80.2").legacyCode().standard()).isNull();
  }

  @Test
  void prophylaxisItemsAreOrderable() {
    assertThat(v.drug("enoxaparin").name()).contains("依诺肝素钠注射液");
    assertThat(v.drug("rivaroxaban_10").dose()).isEqualTo(10.0);
    assertThat(v.drug("ipc").category()).isEqualTo("DEVICE");
    assertThat(v.drug("gcs").category()).isEqualTo("DEVICE");
  }
}
