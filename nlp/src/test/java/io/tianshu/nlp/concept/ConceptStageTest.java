package io.tianshu.nlp.concept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.normalize.NormalizationStage;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Pipeline;
import io.tianshu.nlp.pipeline.PipelineException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptStageTest {

  private static Map<String, String> codes(AnnotatedDocument doc) {
    Map<String, String> out = new LinkedHashMap<>();
    for (NormalizedConcept c : doc.get(NormalizedConcept.LAYER)) {
      assertThat(doc.text().substring(c.start(), c.end())).isEqualTo(c.surface());
      out.put(c.surface(), c.match().code() + " " + c.match().kind());
    }
    return out;
  }

  @Test
  void codesDiseasesAndOperationsOfANote() throws Exception {
    ClinicalNlp nlp = ClinicalNlp.lexiconOnly().withConcepts(ConceptNormalizerTest.vocabulary());

    AnnotatedDocument doc =
        nlp.annotate("诊断：１．冠心病　２．慢阻肺。否认高血压病史。于2024-03-02行腹腔镜下阑尾切除术，术后予头孢呋辛抗感染。");

    // 冠心病 and 慢阻肺 are written as synonyms; the negated 高血压病 (the lexicon's longest match, a
    // synonym of its 高血压, the vocabulary's I10) is still a mention and coded; drugs are not coded.
    assertThat(codes(doc))
        .containsEntry("冠心病", "I25.1 SYNONYM")
        .containsEntry("慢阻肺", "J44.9 SYNONYM")
        .containsEntry("高血压病", "I10 SYNONYM")
        .containsEntry("腹腔镜下阑尾切除术", "47.01 EXACT")
        .doesNotContainKey("头孢呋辛");
  }

  @Test
  void aPipelineWithoutEntitiesCannotCode() throws Exception {
    Pipeline.Builder b =
        Pipeline.builder()
            .add(new NormalizationStage())
            .add(new ConceptStage(new ConceptNormalizer(ConceptNormalizerTest.vocabulary())));

    assertThatThrownBy(b::build)
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("TS-NLP-001")
        .hasMessageContaining("'concepts' needs layer 'entities'");
  }

  @Test
  void aSecondConceptStageReplacesTheFirst() throws Exception {
    ClinicalNlp once = ClinicalNlp.lexiconOnly().withConcepts(ConceptNormalizerTest.vocabulary());
    ClinicalNlp twice = once.withConcepts(ConceptVocabulary.of(java.util.List.of()));

    assertThat(twice.pipeline().stages()).hasSameSizeAs(once.pipeline().stages());
    assertThat(twice.annotate("冠心病").get(NormalizedConcept.LAYER)).isEmpty();
    assertThat(twice.withoutValues().pipeline().stages()).anyMatch(s -> s instanceof ConceptStage);
  }

  @Test
  void oddTextGivesNoConceptsAndNoError() throws Exception {
    ClinicalNlp nlp = ClinicalNlp.lexiconOnly().withConcepts(ConceptNormalizerTest.vocabulary());

    assertThat(nlp.annotate("").get(NormalizedConcept.LAYER)).isEmpty();
    assertThat(nlp.annotate("\u0000\uD83D\uDE00冠心病\uD800").get(NormalizedConcept.LAYER))
        .extracting(NormalizedConcept::surface)
        .containsExactly("冠心病");
  }
}
