package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.eval.CcksCorpus;
import io.tianshu.nlp.eval.CcksDocument;
import io.tianshu.nlp.eval.EntityRecognizer;
import io.tianshu.nlp.eval.Evaluation;
import io.tianshu.nlp.eval.LabelMapping;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.tagger.PerceptronTagger;
import io.tianshu.nlp.tagger.TrainOptions;
import io.tianshu.nlp.tagger.UnlabeledNotes;
import io.tianshu.server.nlp.AnnotationJson;
import io.tianshu.server.nlp.NlpBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tianshu nlp}: annotate text, train a tagger on annotated notes, evaluate a recogniser. */
@Command(
    name = "nlp",
    mixinStandardHelpOptions = true,
    description = "Chinese clinical NLP: annotate, train, eval, bench, structure the CDR's notes.",
    subcommands = {
      NlpCommand.Annotate.class,
      NlpCommand.Train.class,
      NlpCommand.Eval.class,
      NlpCommand.Bench.class,
      NlpStructureCommand.class
    })
final class NlpCommand implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static final String LEXICON_HELP =
      "A user dictionary: TYPE=FILE, TYPE the entity type of its terms (disease, symptom, drug,"
          + " operation, lab, exam, anatomy, or your own), FILE in the bundled lexicon's format:"
          + " preferred<TAB>synonym|synonym…[<TAB>code] per line, # for comments; repeat for several."
          + " Its terms are found with Tianshu's lexicon (longest match; Tianshu's entry wins an"
          + " identical term).";

  /** Tianshu's lexicon plus the user dictionaries given as {@code TYPE=FILE}. */
  static Lexicon lexicon(List<String> dictionaries) {
    Lexicon lexicon = Lexicon.bundled();
    for (String d : dictionaries) {
      int eq = d.indexOf('=');
      if (eq <= 0 || eq == d.length() - 1) {
        throw new IllegalArgumentException(
            "--lexicon must be TYPE=FILE (e.g. disease=my-diseases.tsv), was " + d);
      }
      Path file = Path.of(d.substring(eq + 1));
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--lexicon " + d + ": no such file " + file);
      }
      lexicon = lexicon.plusFile(file, d.substring(0, eq).strip());
    }
    return lexicon;
  }

  private static void checkFormat(String format) {
    if (!"ccks".equals(format)) {
      throw new IllegalArgumentException(
          "--format must be ccks (the only corpus format supported)");
    }
  }

  /** Text on stdin, one JSON object with sections, sentences, entities and values on stdout. */
  @Command(
      name = "annotate",
      mixinStandardHelpOptions = true,
      description = "Annotate text read from stdin.")
  static final class Annotate implements Callable<Integer> {

    @Option(
        names = "--model",
        description = "A model trained with 'tianshu nlp train'; default: lexicon only.")
    Path model;

    @Option(
        names = "--vocabulary",
        description =
            "Code list (system<TAB>code<TAB>display[<TAB>synonym|…] per line): its icd10 terms are"
                + " found as diseases and its icd9cm3 terms as operations, and diseases and"
                + " operations are coded with it.")
    Path vocabulary;

    @Option(names = "--lexicon", paramLabel = "TYPE=FILE", description = LEXICON_HELP)
    List<String> dictionaries = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      Lexicon lexicon = lexicon(dictionaries);
      ClinicalNlp nlp =
          model == null
              ? ClinicalNlp.withLexicon(lexicon)
              : ClinicalNlp.withModel(lexicon, PerceptronTagger.load(model));
      if (vocabulary != null) {
        nlp = nlp.withVocabulary(ConceptVocabulary.read(vocabulary));
      }
      System.out.println(JSON.writeValueAsString(AnnotationJson.of(nlp.annotate(text))));
      return 0;
    }
  }

  /** Trains the averaged-perceptron tagger on annotated corpora and writes the model file. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Train a tagger on annotated notes.")
  static final class Train implements Callable<Integer> {

    @Option(
        names = "--format",
        defaultValue = "ccks",
        description = "Corpus format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--corpus",
        required = true,
        description = "Annotated JSONL file; repeat for several.")
    List<Path> corpora;

    @Option(
        names = "--epochs",
        defaultValue = "10",
        description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", required = true, description = "Model file to write.")
    Path out;

    @Option(
        names = "--unlabeled",
        description =
            "JSONL notes without annotations (every string field a note) for the character"
                + " clusters; repeat for several.")
    List<Path> unlabeled = new ArrayList<>();

    @Option(names = "--no-clusters", description = "Train without character clusters.")
    boolean noClusters;

    @Override
    public Integer call() throws IOException {
      checkFormat(format);
      List<CcksDocument> docs = new ArrayList<>();
      for (Path corpus : corpora) {
        docs.addAll(CcksCorpus.read(corpus));
      }
      long started = System.nanoTime();
      List<String> notes = new ArrayList<>();
      for (Path file : unlabeled) {
        notes.addAll(UnlabeledNotes.read(file));
      }
      PerceptronTagger tagger =
          PerceptronTagger.train(
              docs,
              TrainOptions.defaults()
                  .withEpochs(epochs)
                  .withClusters(!noClusters)
                  .withUnlabeled(notes));
      tagger.save(out);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("docs", docs.size());
      line.put("unlabeled_notes", notes.size());
      line.put("labels", tagger.labels());
      line.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
      line.put("model", out.toAbsolutePath().toString());
      System.out.println(JSON.writeValueAsString(line));
      return 0;
    }
  }

  /**
   * Strict and relaxed micro P/R/F1 of a model, or of the lexicon alone, on an annotated test file.
   */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = "Evaluate on an annotated test file.")
  static final class Eval implements Callable<Integer> {

    @Option(
        names = "--format",
        defaultValue = "ccks",
        description = "Corpus format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--test", required = true, description = "Annotated JSONL test file.")
    Path test;

    @Option(
        names = "--model",
        description = "Model file; without it the lexicon alone is evaluated.")
    Path model;

    @Option(
        names = "--labels",
        description =
            "Label set for the lexicon-only run: ccks2019 or ccks2017"
                + " (default: guessed from the test file's labels).")
    String labels;

    @Option(
        names = "--lexicon",
        paramLabel = "TYPE=FILE",
        description = LEXICON_HELP + " Lexicon-only runs; a model keeps its own dictionaries.")
    List<String> dictionaries = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      checkFormat(format);
      List<CcksDocument> gold = CcksCorpus.read(test);
      EntityRecognizer recognizer =
          model != null
              ? PerceptronTagger.load(model)
              : mapping(gold).recognizer(lexicon(dictionaries));
      System.out.println(JSON.writeValueAsString(Evaluation.run(gold, recognizer)));
      return 0;
    }

    private LabelMapping mapping(List<CcksDocument> gold) {
      if (labels != null) {
        return switch (labels) {
          case "ccks2019" -> LabelMapping.CCKS_2019;
          case "ccks2017" -> LabelMapping.CCKS_2017;
          default -> throw new IllegalArgumentException("--labels must be ccks2019 or ccks2017");
        };
      }
      boolean has2017 =
          gold.stream()
              .flatMap(d -> d.entities().stream())
              .anyMatch(e -> e.label().equals("症状和体征"));
      return has2017 ? LabelMapping.CCKS_2017 : LabelMapping.CCKS_2019;
    }
  }

  /**
   * Characters and documents per second of the lexicon pipeline and, with a model, the model
   * pipeline on one thread, with the peak heap and the machine, as one JSON object.
   */
  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description = "Time the pipeline on the notes of a JSONL file, single-threaded.")
  static final class Bench implements Callable<Integer> {

    @Option(
        names = "--input",
        required = true,
        description = "JSONL file, one note per line under originalText (CCKS) or text.")
    Path input;

    @Option(names = "--model", description = "A model trained with 'tianshu nlp train'.")
    Path model;

    @Option(
        names = "--vocabulary",
        description =
            "Code list whose terms the pipelines find and code (see 'nlp annotate'); the matcher"
                + " run then matches them too.")
    Path vocabulary;

    @Option(names = "--lexicon", paramLabel = "TYPE=FILE", description = LEXICON_HELP)
    List<String> dictionaries = new ArrayList<>();

    @Option(
        names = "--warmup-seconds",
        defaultValue = "5",
        description = "Untimed passes for at least this long (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(
        names = "--seconds",
        defaultValue = "10",
        description = "Timed passes for at least this long, per run (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() throws IOException {
      List<String> texts = NlpBenchmark.readTexts(input);
      Map<String, Object> report =
          NlpBenchmark.run(
              texts,
              input.toString(),
              lexicon(dictionaries),
              model == null ? null : PerceptronTagger.load(model),
              vocabulary == null ? null : ConceptVocabulary.read(vocabulary),
              new NlpBenchmark.Options(duration(warmupSeconds), duration(seconds)));
      System.out.println(JSON.writeValueAsString(report));
      return 0;
    }

    private static Duration duration(double seconds) {
      if (!(seconds >= 0) || seconds > 3600) {
        throw new IllegalArgumentException("durations must be 0..3600 seconds, was " + seconds);
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    }
  }
}
