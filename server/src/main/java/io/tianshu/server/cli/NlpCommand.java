package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.eval.CcksCorpus;
import io.tianshu.nlp.eval.CcksDocument;
import io.tianshu.nlp.eval.EntityRecognizer;
import io.tianshu.nlp.eval.Evaluation;
import io.tianshu.nlp.eval.LabelMapping;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.tagger.PerceptronTagger;
import io.tianshu.nlp.tagger.TrainOptions;
import io.tianshu.server.nlp.AnnotationJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    description = "Chinese clinical NLP: annotate, train, eval.",
    subcommands = {NlpCommand.Annotate.class, NlpCommand.Train.class, NlpCommand.Eval.class})
final class NlpCommand implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
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

    @Override
    public Integer call() throws IOException {
      String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      ClinicalNlp nlp = model == null ? ClinicalNlp.lexiconOnly() : ClinicalNlp.withModel(model);
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

    @Override
    public Integer call() throws IOException {
      checkFormat(format);
      List<CcksDocument> docs = new ArrayList<>();
      for (Path corpus : corpora) {
        docs.addAll(CcksCorpus.read(corpus));
      }
      long started = System.nanoTime();
      PerceptronTagger tagger =
          PerceptronTagger.train(docs, TrainOptions.defaults().withEpochs(epochs));
      tagger.save(out);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("docs", docs.size());
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

    @Override
    public Integer call() throws IOException {
      checkFormat(format);
      List<CcksDocument> gold = CcksCorpus.read(test);
      EntityRecognizer recognizer =
          model != null
              ? PerceptronTagger.load(model)
              : mapping(gold).recognizer(Lexicon.bundled());
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
}
