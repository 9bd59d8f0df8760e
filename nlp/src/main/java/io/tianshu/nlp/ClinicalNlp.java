package io.tianshu.nlp;

import io.tianshu.nlp.concept.ConceptNormalizer;
import io.tianshu.nlp.concept.ConceptStage;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.context.ContextStage;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconStage;
import io.tianshu.nlp.normalize.NormalizationStage;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Pipeline;
import io.tianshu.nlp.pipeline.Stage;
import io.tianshu.nlp.section.SectionDetector;
import io.tianshu.nlp.sentence.SentenceSplitter;
import io.tianshu.nlp.tagger.PerceptronTagger;
import io.tianshu.nlp.tagger.TaggerStage;
import io.tianshu.nlp.value.Value;
import io.tianshu.nlp.value.ValueStage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The entry point of the NLP module: annotates a Chinese clinical note with sections, sentences,
 * entities in context (negated, uncertain, historical, family), values and, given a hospital's
 * vocabulary, the codes of disease and operation mentions. Thread-safe.
 */
public final class ClinicalNlp {

  private final Pipeline pipeline;
  private final Lexicon lexicon;

  private ClinicalNlp(Pipeline pipeline, Lexicon lexicon) {
    this.pipeline = pipeline;
    this.lexicon = lexicon;
  }

  /** Lexicon-only annotation with Tianshu's own lexicon. */
  public static ClinicalNlp lexiconOnly() {
    return withLexicon(Lexicon.bundled());
  }

  /**
   * Lexicon-only annotation with {@code lexicon} (e.g. the bundled one plus a hospital's
   * dictionaries).
   */
  public static ClinicalNlp withLexicon(Lexicon lexicon) {
    return new ClinicalNlp(standard(lexicon, null), lexicon);
  }

  /** Annotation with a trained model; lexicon entities fill in where the model found nothing. */
  public static ClinicalNlp withModel(Lexicon lexicon, PerceptronTagger tagger) {
    return new ClinicalNlp(standard(lexicon, Objects.requireNonNull(tagger, "tagger")), lexicon);
  }

  /**
   * Annotation with Tianshu's lexicon and a model file written by {@link PerceptronTagger#save}.
   */
  public static ClinicalNlp withModel(Path modelFile) {
    return withModel(Lexicon.bundled(), PerceptronTagger.load(modelFile));
  }

  /** The pipeline this instance runs. */
  public Pipeline pipeline() {
    return pipeline;
  }

  /**
   * The lexicon its lexicon stage matches (with a vocabulary's terms, see {@link #withVocabulary}).
   */
  public Lexicon lexicon() {
    return lexicon;
  }

  /**
   * The same annotation without values (temperatures, lab results, doses), for callers that read
   * entities and sections only: on inpatient notes the value stage takes about two thirds of the
   * time.
   *
   * @throws io.tianshu.nlp.pipeline.PipelineException if a remaining stage needs the values
   */
  public ClinicalNlp withoutValues() {
    Pipeline.Builder b = Pipeline.builder();
    for (Stage stage : pipeline.stages()) {
      if (!stage.produces().contains(Value.LAYER)) {
        b.add(stage);
      }
    }
    return new ClinicalNlp(b.build(), lexicon);
  }

  /**
   * The same annotation plus a last stage that codes disease mentions in ICD-10 and operation
   * mentions in ICD-9-CM-3 ({@link io.tianshu.nlp.concept.NormalizedConcept#LAYER}) from {@code
   * vocabulary} together with this pipeline's lexicon (its coded concepts and its synonyms of the
   * vocabulary's displays, see {@link ConceptVocabulary#withLexicon}). Replaces an earlier concept
   * stage. It codes only the entities the pipeline finds; {@link #withVocabulary} finds the
   * vocabulary's terms too.
   */
  public ClinicalNlp withConcepts(ConceptVocabulary vocabulary) {
    return withConcepts(new ConceptNormalizer(vocabulary.withLexicon(lexicon)));
  }

  /**
   * The same annotation with a hospital's vocabulary used to find entities as well as to code them:
   * its ICD-10 terms join the lexicon matcher as diseases and its ICD-9-CM-3 terms as operations
   * ({@link ConceptVocabulary#lexiconEntries}; the longest match still wins), and the concept stage
   * codes them as {@link #withConcepts(ConceptVocabulary)} does. Without a vocabulary term in a
   * text the entities are the same as without the vocabulary, except that a vocabulary term may be
   * the longest match where the lexicon found a shorter one inside it.
   */
  public ClinicalNlp withVocabulary(ConceptVocabulary vocabulary) {
    Lexicon found = lexicon.plus(vocabulary.lexiconEntries(lexicon));
    Pipeline.Builder b = Pipeline.builder();
    for (Stage stage : pipeline.stages()) {
      b.add(stage instanceof LexiconStage ? new LexiconStage(found) : stage);
    }
    return new ClinicalNlp(b.build(), found)
        .withConcepts(new ConceptNormalizer(vocabulary.withLexicon(lexicon)));
  }

  /** As {@link #withConcepts(ConceptVocabulary)} with a normaliser as given (no lexicon added). */
  public ClinicalNlp withConcepts(ConceptNormalizer normalizer) {
    Pipeline.Builder b = Pipeline.builder();
    for (Stage stage : pipeline.stages()) {
      if (!(stage instanceof ConceptStage)) {
        b.add(stage);
      }
    }
    return new ClinicalNlp(b.add(new ConceptStage(normalizer)).build(), lexicon);
  }

  /**
   * Annotates {@code text}; never fails on odd input (empty, control characters, surrogate pairs).
   */
  public AnnotatedDocument annotate(String text) {
    return pipeline.run(Objects.requireNonNull(text, "text"));
  }

  private static Pipeline standard(Lexicon lexicon, PerceptronTagger tagger) {
    Pipeline.Builder b =
        Pipeline.builder()
            .add(new NormalizationStage())
            .add(new SectionDetector())
            .add(new SentenceSplitter())
            .add(new LexiconStage(lexicon));
    if (tagger != null) {
      b.add(new TaggerStage(tagger));
    }
    return b.add(new ContextStage()).add(new ValueStage()).build();
  }
}
