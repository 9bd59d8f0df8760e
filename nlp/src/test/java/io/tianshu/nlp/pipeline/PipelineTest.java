package io.tianshu.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.context.ContextStage;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconStage;
import io.tianshu.nlp.normalize.NormalizationStage;
import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.section.Section;
import io.tianshu.nlp.section.SectionDetector;
import io.tianshu.nlp.sentence.Sentence;
import io.tianshu.nlp.sentence.SentenceSplitter;
import io.tianshu.nlp.value.Value;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineTest {

  @Test
  void refusesAStageWhoseNeedNoEarlierStageProduces() {
    Pipeline.Builder builder = Pipeline.builder().add(new SectionDetector());

    assertThatThrownBy(builder::build)
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("TS-NLP-001")
        .hasMessageContaining("stage 'sections'")
        .hasMessageContaining("layer 'normalized'");
  }

  @Test
  void refusesContextBeforeEntities() {
    Pipeline.Builder builder =
        Pipeline.builder()
            .add(new NormalizationStage())
            .add(new SectionDetector())
            .add(new SentenceSplitter())
            .add(new ContextStage())
            .add(new LexiconStage(Lexicon.of(List.of())));

    assertThatThrownBy(builder::build)
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("stage 'context'")
        .hasMessageContaining("layer 'entities'");
  }

  @Test
  void refusesAStageThatDoesNotProduceWhatItDeclared() {
    Stage liar =
        new Stage() {
          @Override
          public String name() {
            return "liar";
          }

          @Override
          public Set<Layer<?>> needs() {
            return Set.of();
          }

          @Override
          public Set<Layer<?>> produces() {
            return Set.of(Sentence.LAYER);
          }

          @Override
          public AnnotatedDocument apply(AnnotatedDocument document) {
            return document;
          }
        };
    Pipeline pipeline = Pipeline.builder().add(liar).build();

    assertThatThrownBy(() -> pipeline.run("咳嗽"))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("TS-NLP-003")
        .hasMessageContaining("liar");
  }

  @Test
  void standardPipelineProducesEveryLayer() {
    AnnotatedDocument doc = ClinicalNlp.lexiconOnly().annotate("主诉：咳嗽3天。");

    assertThat(doc.layers())
        .contains(NormalizedText.LAYER, Section.LAYER, Sentence.LAYER, Entity.LAYER, Value.LAYER);
    assertThat(doc.get(Entity.LAYER)).extracting(Entity::surface).contains("咳嗽");
  }

  @Test
  void documentsAreImmutable() {
    AnnotatedDocument empty = AnnotatedDocument.of("咳嗽");
    AnnotatedDocument withSentences = empty.with(Sentence.LAYER, List.of(new Sentence(0, 2)));

    assertThat(empty.has(Sentence.LAYER)).isFalse();
    assertThat(withSentences.get(Sentence.LAYER)).hasSize(1);
    assertThatThrownBy(() -> withSentences.get(Sentence.LAYER).add(new Sentence(0, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> empty.get(Entity.LAYER)).hasMessageContaining("TS-NLP-002");
  }
}
