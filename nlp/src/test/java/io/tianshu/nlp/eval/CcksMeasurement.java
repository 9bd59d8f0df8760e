package io.tianshu.nlp.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.tagger.PerceptronTagger;
import io.tianshu.nlp.tagger.TrainOptions;
import io.tianshu.nlp.tagger.UnlabeledNotes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: measures full-corpus held-out F1, training time and tagging speed on the shared CCKS
 * corpora and prints JSON. Run with {@code java -cp ... io.tianshu.nlp.eval.CcksMeasurement
 * [epochs] [gazetteer] [lexicon] [only corpus] [hash bits] [clusters] [seed] [runs]}.
 *
 * <p>The character clusters learn from the training part plus unlabeled text that is not the
 * held-out part: for CCKS 2019 the CCKS 2017 training texts and the EMR records; for CCKS 2017 the
 * CCKS 2019 training texts (not the EMR records, which are the 2017 corpus's own source notes).
 */
public final class CcksMeasurement {

  /** Sorts gold entities the model missed (strictly) into error kinds, for the error analysis. */
  static Map<String, Integer> errorKinds(List<CcksDocument> gold, EntityRecognizer recognizer) {
    Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (CcksDocument d : gold) {
      List<CcksEntity> found = recognizer.recognize(d.text());
      for (CcksEntity g : d.entities()) {
        String kind;
        if (found.contains(g)) {
          kind = "0 exact";
        } else if (found.stream().anyMatch(p -> p.start() == g.start() && p.end() == g.end())) {
          kind = "1 right span, wrong label";
        } else if (found.stream().anyMatch(p -> p.overlaps(g) && p.label().equals(g.label()))) {
          kind = "2 boundary (overlap, same label)";
          if (kinds.getOrDefault(kind, 0) % 20 == 0) {
            CcksEntity p = found.stream().filter(x -> x.overlaps(g)).findFirst().orElseThrow();
            System.err.println(
                "boundary: gold "
                    + g.label()
                    + " ["
                    + d.text().substring(g.start(), g.end())
                    + "] predicted ["
                    + d.text().substring(p.start(), p.end())
                    + "]");
          }
        } else if (found.stream().anyMatch(p -> p.overlaps(g))) {
          kind = "3 overlap, other label";
        } else {
          kind = "4 missed entirely";
        }
        kinds.merge(kind, 1, Integer::sum);
      }
    }
    return kinds;
  }

  static List<String> unlabeled(Path shared, String corpus) {
    List<String> texts = new java.util.ArrayList<>();
    if (corpus.equals("ccks2019")) {
      texts.addAll(UnlabeledNotes.read(shared.resolve("data/nlp/ccks2017/train.jsonl")));
      texts.addAll(
          UnlabeledNotes.read(shared.resolve("data/nlp/emr-records/ccks2017-records.jsonl")));
    } else {
      texts.addAll(UnlabeledNotes.read(shared.resolve("data/nlp/ccks2019/train.jsonl")));
    }
    return texts;
  }

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    boolean gaz = args.length <= 1 || Boolean.parseBoolean(args[1]);
    boolean lex = args.length <= 2 || Boolean.parseBoolean(args[2]);
    String only = args.length > 3 ? args[3] : "";
    int bits = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    boolean clusters = args.length <= 5 || Boolean.parseBoolean(args[5]);
    long seed = args.length > 6 ? Long.parseLong(args[6]) : 42L;
    int runs = args.length > 7 ? Integer.parseInt(args[7]) : TrainOptions.defaults().runs();
    Path shared = SharedData.dir();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Lexicon lexicon = Lexicon.bundled();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("lexicon_terms", lexicon.size());
    report.put("split", "every 5th document by index (i % 5 == 4) held out");
    report.put("clusters", clusters);
    report.put("seed", seed);
    report.put("runs", runs);
    for (var corpus :
        List.of(
            Map.entry("ccks2019", LabelMapping.CCKS_2019),
            Map.entry("ccks2017", LabelMapping.CCKS_2017))) {
      if (!only.isEmpty() && !only.equals(corpus.getKey())) {
        continue;
      }
      List<CcksDocument> docs =
          CcksCorpus.read(shared.resolve("data/nlp/" + corpus.getKey() + "/train.jsonl"));
      CcksCorpus.Split split = CcksCorpus.split(docs, 5);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("train_docs", split.train().size());
      r.put("held_out_docs", split.heldOut().size());
      r.put("lexicon_only", Evaluation.run(split.heldOut(), corpus.getValue().recognizer(lexicon)));
      TrainOptions opts =
          TrainOptions.defaults()
              .withEpochs(epochs)
              .withTrainingGazetteer(gaz)
              .withLexicon(lex ? lexicon : null)
              .withHashBits(bits)
              .withSeed(seed)
              .withClusters(clusters)
              .withRuns(runs)
              .withUnlabeled(clusters ? unlabeled(shared, corpus.getKey()) : List.of());
      long t0 = System.nanoTime();
      PerceptronTagger tagger = PerceptronTagger.train(split.train(), opts);
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      r.put("train_seconds", Math.round(trainSeconds * 10) / 10.0);
      Path model = Files.createTempFile("tianshu-model", ".bin");
      tagger.save(model);
      r.put("model_bytes", Files.size(model));
      PerceptronTagger loaded = PerceptronTagger.load(model);
      Files.delete(model);
      r.put("model", Evaluation.run(split.heldOut(), loaded));
      r.put("model_gold_errors", errorKinds(split.heldOut(), loaded));
      long chars = split.heldOut().stream().mapToLong(d -> d.text().length()).sum();
      for (int warm = 0; warm < 3; warm++) {
        split.heldOut().forEach(d -> loaded.recognize(d.text()));
      }
      long t1 = System.nanoTime();
      int reps = 5;
      for (int rep = 0; rep < reps; rep++) {
        split.heldOut().forEach(d -> loaded.recognize(d.text()));
      }
      double secs = (System.nanoTime() - t1) / 1e9;
      r.put("tagging_chars_per_second_1_thread", Math.round(chars * reps / secs));
      report.put(corpus.getKey(), r);
      System.err.println(corpus.getKey() + " done");
    }
    System.out.println(json.writeValueAsString(report));
  }
}
