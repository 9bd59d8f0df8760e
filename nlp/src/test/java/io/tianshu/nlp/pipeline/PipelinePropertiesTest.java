package io.tianshu.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.concept.ConceptNormalizerTest;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.concept.NormalizedConcept;
import io.tianshu.nlp.eval.CcksCorpus;
import io.tianshu.nlp.eval.CcksDocument;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.section.Section;
import io.tianshu.nlp.sentence.Sentence;
import io.tianshu.nlp.tagger.PerceptronTagger;
import io.tianshu.nlp.tagger.TrainOptions;
import io.tianshu.nlp.value.Value;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the pipeline returns and every span points into the original text. */
class PipelinePropertiesTest {

  // With the concept stage and the hand-written test vocabulary, so that coding runs too.
  private static final ClinicalNlp NLP = ClinicalNlp.lexiconOnly().withConcepts(testVocabulary());

  // A tiny model trained on Tianshu's toy documents: enough to exercise the tagger's offset
  // mapping.
  private static final ClinicalNlp WITH_MODEL =
      ClinicalNlp.withModel(
              Lexicon.bundled(),
              PerceptronTagger.train(toy(), TrainOptions.defaults().withEpochs(3).withHashBits(12)))
          .withConcepts(testVocabulary());

  private static ConceptVocabulary testVocabulary() {
    try {
      return ConceptNormalizerTest.vocabulary();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<CcksDocument> toy() {
    try {
      return CcksCorpus.read(
          Path.of(PipelinePropertiesTest.class.getResource("/ccks/toy.jsonl").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 300)
  void anyUnicodeStringGivesSpansInsideTheText(@ForAll("anyText") String text) {
    checkSpans(text);
  }

  @Property(tries = 300)
  void clinicalLookingTextGivesSpansInsideTheText(@ForAll("noteLike") String text) {
    checkSpans(text);
  }

  @Property(tries = 200)
  void taggerPipelineGivesSpansInsideTheText(
      @ForAll("noteLike") String note, @ForAll("anyText") String any) {
    checkSpans(WITH_MODEL, note + any);
  }

  @Example
  void emptyAndLongInputs() {
    checkSpans("");
    checkSpans("患者无发热，T 36.5℃，WBC 12×10^9/L。\n".repeat(5_000));
    checkSpans(WITH_MODEL, "");
    checkSpans(WITH_MODEL, "既往史：胆囊结石行腹腔镜胆囊切除术，T 36.5℃。\n".repeat(5_000));
  }

  @Provide
  Arbitrary<String> anyText() {
    // All of the BMP and beyond, so surrogate pairs, lone surrogates and control characters all
    // occur.
    return Arbitraries.strings().all().ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> noteLike() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "主诉：",
            "既往史：",
            "家族史：",
            "无",
            "否认",
            "发热",
            "咳嗽",
            "高血压",
            "、",
            "及",
            "，",
            "。",
            "？",
            "\n",
            "T 36.5℃",
            "BP 120/80mmHg",
            "×10^9/L",
            "ＣＴ",
            "３６．５",
            "℃",
            "\uD83D\uDE00",
            "\u0000",
            "待排",
            "(-)",
            "父亲",
            "10年前",
            "0.4ml",
            "qd",
            " ",
            "\uD800",
            "阑尾切除术",
            "右股骨颈骨折",
            "腰椎间盘突出",
            "Ⅱ型糖尿病");
    return piece.list().ofMaxSize(60).map(l -> String.join("", l));
  }

  private static void checkSpans(String text) {
    checkSpans(NLP, text);
  }

  private static void checkSpans(ClinicalNlp nlp, String text) {
    AnnotatedDocument doc = nlp.annotate(text);
    for (Entity e : doc.get(Entity.LAYER)) {
      assertThat(e.end()).isLessThanOrEqualTo(text.length());
      assertThat(text.substring(e.start(), e.end())).isEqualTo(e.surface());
    }
    for (Value v : doc.get(Value.LAYER)) {
      assertThat(v.end()).isLessThanOrEqualTo(text.length());
      assertThat(text.substring(v.start(), v.end())).isEqualTo(v.surface());
    }
    for (NormalizedConcept c : doc.get(NormalizedConcept.LAYER)) {
      assertThat(text.substring(c.start(), c.end())).isEqualTo(c.surface());
      assertThat(c.match().confidence()).isBetween(0.0, 1.0);
    }
    for (Sentence s : doc.get(Sentence.LAYER)) {
      assertThat(s.end()).isLessThanOrEqualTo(text.length());
    }
    for (Section s : doc.get(Section.LAYER)) {
      assertThat(s.end()).isLessThanOrEqualTo(text.length());
      assertThat(text.substring(s.start(), s.end())).startsWith(s.heading());
    }
  }
}
