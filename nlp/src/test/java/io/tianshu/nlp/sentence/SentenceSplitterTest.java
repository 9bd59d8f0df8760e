package io.tianshu.nlp.sentence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.Fixtures;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  private final ClinicalNlp nlp = ClinicalNlp.lexiconOnly();

  private List<String> sentences(String text) {
    AnnotatedDocument doc = nlp.annotate(text);
    return doc.get(Sentence.LAYER).stream().map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  void splitsAtChineseSentenceEndsAndLineBreaks() {
    assertThat(sentences("患者无发热。咳嗽3天；无咯血！胰腺癌？\n既往体健"))
        .containsExactly("患者无发热。", "咳嗽3天；", "无咯血！", "胰腺癌？", "既往体健");
  }

  @Test
  void keepsDecimalNumbersAndEnumeratorsWhole() {
    assertThat(sentences("T 36.5℃，体重62.5kg。诊断：1.肺炎 2.高血压病"))
        .containsExactly("T 36.5℃，体重62.5kg。", "诊断：1.肺炎 2.高血压病");
  }

  @Test
  void keepsRunsOfClosingMarksTogether() {
    assertThat(sentences("肺癌？？待排。")).containsExactly("肺癌？？", "待排。");
  }

  @Test
  void skipsBlankLinesAndTrimsWhitespace() {
    assertThat(sentences("\n\n  咳嗽  \r\n\n")).containsExactly("咳嗽");
    assertThat(sentences("")).isEmpty();
  }

  @Test
  void sentencesOfTheAdmissionNoteLieInsideTheText() {
    String text = Fixtures.text("/notes/admission-note.txt");
    List<String> all = sentences(text);

    assertThat(all)
        .contains("主诉：反复胸闷、气促3年，加重伴双下肢水肿1周。", "体格检查：T 36.5℃，P 96次/分，R 22次/分，BP 150/90mmHg。");
    assertThat(all).allSatisfy(s -> assertThat(s).isNotBlank());
  }
}
