package io.tianshu.server.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.error.TianshuException;
import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.eval.CcksCorpus;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.tagger.PerceptronTagger;
import io.tianshu.nlp.tagger.TrainOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NlpBenchmarkTest {

  private static final NlpBenchmark.Options QUICK =
      new NlpBenchmark.Options(Duration.ZERO, Duration.ofMillis(50));

  static Path resource(String name) throws Exception {
    return Path.of(NlpBenchmarkTest.class.getResource("/nlp/" + name).toURI());
  }

  @Test
  void timesEveryRunAndCountsWhatThePipelinesFind() throws Exception {
    List<String> texts = NlpBenchmark.readTexts(resource("notes.jsonl"));
    Lexicon lexicon = Lexicon.bundled();
    PerceptronTagger tagger =
        PerceptronTagger.train(
            CcksCorpus.read(resource("notes.jsonl")),
            TrainOptions.defaults().withEpochs(5).withHashBits(16));

    JsonNode r =
        new ObjectMapper()
            .valueToTree(NlpBenchmark.run(texts, "notes.jsonl", lexicon, tagger, null, QUICK));

    assertThat(r.get("docs").asInt()).isEqualTo(6);
    assertThat(r.get("characters").asLong())
        .isEqualTo(texts.stream().mapToLong(String::length).sum());
    JsonNode runs = r.get("runs");
    assertThat(runs.fieldNames())
        .toIterable()
        .containsExactly("lexicon_matcher", "lexicon_pipeline", "tagger", "model_pipeline");
    for (JsonNode run : runs) {
      assertThat(run.get("passes").asInt()).isPositive();
      assertThat(run.get("chars_per_s").asLong()).isPositive();
      assertThat(run.get("docs_per_s").asLong()).isPositive();
      assertThat(run.get("best_pass_chars_per_s").asLong())
          .isGreaterThanOrEqualTo(run.get("median_pass_chars_per_s").asLong());
      assertThat(run.get("peak_heap_used_mb").asDouble()).isPositive();
    }
    for (String pipeline : List.of("lexicon_pipeline", "model_pipeline")) {
      assertThat(runs.get(pipeline).get("stage_share").fieldNames())
          .toIterable()
          .contains("normalize", "lexicon", "context", "values");
    }
    ClinicalNlp model = ClinicalNlp.withModel(lexicon, tagger);
    long modelEntities =
        texts.stream().mapToLong(t -> model.annotate(t).get(Entity.LAYER).size()).sum();
    long lexiconMatches = texts.stream().mapToLong(t -> lexicon.longestMatches(t).size()).sum();
    assertThat(runs.get("model_pipeline").get("found_per_pass").asLong()).isEqualTo(modelEntities);
    assertThat(runs.get("lexicon_matcher").get("found_per_pass").asLong())
        .isEqualTo(lexiconMatches);
    JsonNode heap = r.get("heap");
    assertThat(heap.get("peak_used_mb").asDouble())
        .isGreaterThanOrEqualTo(heap.get("retained_after_gc_mb").asDouble() / 2)
        .isLessThanOrEqualTo(heap.get("max_mb").asDouble());
    assertThat(r.get("targets").get("model_pipeline_chars_per_s").get("target_at_least").asLong())
        .isEqualTo(300_000);
    assertThat(r.get("machine").get("cores").asInt()).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void withoutAModelOnlyTheLexiconRunsAndAVocabularyAddsTheConceptStage() throws Exception {
    List<String> texts = NlpBenchmark.readTexts(resource("notes.jsonl"));

    Map<String, Object> r =
        NlpBenchmark.run(
            texts,
            "notes.jsonl",
            Lexicon.bundled(),
            null,
            ConceptVocabulary.read(resource("vocabulary.tsv")),
            QUICK);

    assertThat((Map<String, Object>) r.get("runs"))
        .containsOnlyKeys("lexicon_matcher", "lexicon_pipeline");
    assertThat(r.get("concepts")).isEqualTo(true);
    assertThat((Map<String, Object>) r.get("targets"))
        .doesNotContainKey("model_pipeline_chars_per_s");
  }

  @Test
  void aLineWithoutTextIsRefusedWithItsNumber(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(dir.resolve("bad.jsonl"), "{\"text\":\"发热3天\"}\n\n{\"note\":\"x\"}\n");

    assertThatThrownBy(() -> NlpBenchmark.readTexts(file))
        .isInstanceOf(TianshuException.class)
        .hasMessageContaining("bad.jsonl:3")
        .extracting(e -> ((TianshuException) e).errorCode().code())
        .isEqualTo("TS-NLP-020");
    assertThat(
            NlpBenchmark.readTexts(
                Files.writeString(dir.resolve("ok.jsonl"), "{\"text\":\"发热3天\"}\n")))
        .containsExactly("发热3天");
  }
}
