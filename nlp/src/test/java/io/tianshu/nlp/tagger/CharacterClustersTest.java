package io.tianshu.nlp.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharacterClustersTest {

  private static final String SITES = "头胸腹腰背颈肩臂腿膝踝足手肘腕髋肋眼耳鼻";
  private static final String KINDS = "胀刺钝绞酸灼隐剧闷麻抽跳撕压牵放阵持轻重";

  /** 患者X部Y痛。 for every site X and kind Y: each site in the same contexts, each kind too. */
  private static List<String> notes() {
    List<String> out = new ArrayList<>();
    for (char site : SITES.toCharArray()) {
      for (char kind : KINDS.toCharArray()) {
        out.add("患者" + site + "部" + kind + "痛。");
      }
    }
    return out;
  }

  @Test
  void charactersInTheSameContextsShareAClusterAndOthersDoNot() {
    CharacterClusters c = CharacterClusters.learn(notes(), 42);

    // 45 characters into 32 clusters (the coarsest level): the 20 sites are one point of the
    // embedding, the 20 kinds another.
    assertThat(c.size(0)).isLessThanOrEqualTo(32);
    for (char site : SITES.toCharArray()) {
      assertThat(c.of(0, site)).isEqualTo(c.of(0, '头'));
    }
    for (char kind : KINDS.toCharArray()) {
      assertThat(c.of(0, kind)).isEqualTo(c.of(0, '胀'));
    }
    assertThat(c.of(0, '头')).isNotEqualTo(c.of(0, '胀')).isNotNegative();
    assertThat(c.of(0, '癌')).as("never seen").isEqualTo(-1);
  }

  @Test
  void learningIsRepeatableAndSurvivesAModelFile() throws Exception {
    List<String> notes = new ArrayList<>(notes());
    notes.add("患者右下腹痛3天，伴发热。诊断：急性阑尾炎。行腹腔镜阑尾切除术。".repeat(3));
    CharacterClusters first = CharacterClusters.learn(notes, 7);
    CharacterClusters again = CharacterClusters.learn(notes, 7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      first.write(out);
    }
    CharacterClusters read =
        CharacterClusters.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    for (int level = 0; level < first.levels(); level++) {
      for (char ch = 0; ch < Character.MAX_VALUE; ch++) {
        assertThat(again.of(level, ch)).isEqualTo(first.of(level, ch));
        assertThat(read.of(level, ch)).isEqualTo(first.of(level, ch));
      }
      assertThat(read.size(level)).isEqualTo(first.size(level));
    }
  }

  @Test
  void noTextGivesNoClusters() {
    CharacterClusters c = CharacterClusters.learn(List.of("", "甲乙"), 1);

    assertThat(c.of(0, '甲')).isEqualTo(-1);
    assertThat(c.size(0)).isZero();
  }
}
