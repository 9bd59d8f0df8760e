package io.tianshu.nlp.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.nlp.lexicon.Lexicon;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  private static final CcksDocument GOLD =
      new CcksDocument(
          "胆囊结石行胆囊切除术", List.of(new CcksEntity("疾病和诊断", 0, 4), new CcksEntity("手术", 5, 10)));

  @Test
  void strictNeedsExactSpanAndLabelRelaxedNeedsOverlap() {
    EntityRecognizer guess =
        text ->
            List.of(
                new CcksEntity("疾病和诊断", 0, 4),
                new CcksEntity("手术", 7, 10),
                new CcksEntity("药物", 5, 7));

    EvaluationResult r = Evaluation.run(List.of(GOLD), guess);

    assertThat(r.strict()).isEqualTo(new Prf(0.3333, 0.5, 0.4));
    assertThat(r.relaxed()).isEqualTo(new Prf(0.6667, 1.0, 0.8));
    assertThat(r.perType().get("手术")).isEqualTo(new Prf(0, 0, 0));
    assertThat(r.perType().get("疾病和诊断")).isEqualTo(new Prf(1, 1, 1));
    assertThat(r.docs()).isEqualTo(1);
    assertThat(r.entities()).isEqualTo(2);
  }

  @Test
  void serialisesToTheAgreedJsonShape() throws Exception {
    EvaluationResult r = Evaluation.run(List.of(GOLD), text -> GOLD.entities());

    JsonNode json = new ObjectMapper().valueToTree(r);

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("strict", "relaxed", "per_type", "docs", "entities");
    assertThat(json.at("/strict/f1").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/per_type/手术/p").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/strict").fieldNames()).toIterable().containsExactly("p", "r", "f1");
  }

  @Test
  void lexiconRecognizerReportsCorpusLabels() {
    List<CcksEntity> found =
        LabelMapping.CCKS_2019.recognizer(Lexicon.bundled()).recognize("胆囊结石行胆囊切除术");

    assertThat(found).containsExactlyElementsOf(GOLD.entities());
  }

  @Test
  void ccks2019MappingLeavesSymptomsOutSoBodyPartsInsideThemAreFound() {
    List<CcksEntity> found = LabelMapping.CCKS_2019.recognizer(Lexicon.bundled()).recognize("右下腹痛");

    assertThat(found).containsExactly(new CcksEntity("解剖部位", 0, 3));
    assertThat(LabelMapping.CCKS_2017.recognizer(Lexicon.bundled()).recognize("右下腹痛"))
        .containsExactly(new CcksEntity("症状和体征", 0, 4));
  }
}
