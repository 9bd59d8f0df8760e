package io.tianshu.nlp.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.nlp.eval.CcksEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

class BracketPairsTest {

  private static String surface(String text, CcksEntity e) {
    return text.substring(e.start(), e.end());
  }

  @Test
  void closesABracketWhosePartnerFollows() {
    String text = "行腹腔镜直肠癌根治术（DIXON术），术后";
    CcksEntity open = new CcksEntity("手术", 1, text.indexOf('）'));

    List<CcksEntity> closed = BracketPairs.close(text, List.of(open));

    assertThat(surface(text, closed.get(0))).isEqualTo("腹腔镜直肠癌根治术（DIXON术）");
  }

  @Test
  void opensABracketWhosePartnerPrecedes() {
    String text = "、(右锁骨下)淋巴结0/4个";
    CcksEntity half = new CcksEntity("解剖部位", 2, 10);

    assertThat(surface(text, half)).isEqualTo("右锁骨下)淋巴结");
    assertThat(BracketPairs.close(text, List.of(half)))
        .singleElement()
        .satisfies(e -> assertThat(surface(text, e)).isEqualTo("(右锁骨下)淋巴结"));
  }

  @Test
  void leavesBalancedAndUnpairableSpansAlone() {
    String text = "（胃角）高级别上皮内瘤变（重度异型增生，胃窦";
    CcksEntity balanced = new CcksEntity("解剖部位", 0, 4);
    // Open, but the next character is not its partner: nothing to close.
    CcksEntity unpairable = new CcksEntity("疾病和诊断", 4, text.indexOf('，'));

    assertThat(BracketPairs.close(text, List.of(balanced, unpairable)))
        .containsExactly(balanced, unpairable);
  }

  @Test
  void neverGrowsOntoTheNextEntity() {
    String text = "胃癌（腺癌）";
    CcksEntity first = new CcksEntity("疾病和诊断", 0, 5); // 胃癌（腺癌
    CcksEntity next = new CcksEntity("疾病和诊断", 5, 6); // ）, however unlikely

    assertThat(BracketPairs.close(text, List.of(first, next))).containsExactly(first, next);
    assertThat(BracketPairs.close(text, List.of(first)))
        .singleElement()
        .satisfies(e -> assertThat(e.end()).isEqualTo(6));
  }

  @Test
  void pairsAreMatchedByKindNotByAnyBracket() {
    String text = "（直肠>腺癌";
    CcksEntity e = new CcksEntity("疾病和诊断", 1, 6); // 直肠>腺癌: a > without its <

    assertThat(BracketPairs.close(text, List.of(e))).containsExactly(e);
    assertThat(BracketPairs.close("<直肠>腺癌", List.of(e)))
        .singleElement()
        .satisfies(x -> assertThat(x.start()).isZero());
  }
}
