package io.tianshu.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code tianshu nlp train|eval|bench|annotate} from the packaged jar, as a user would. */
class NlpCommandIT {

  @TempDir Path temp;

  record Run(int exit, String out, String err) {}

  private Run tianshu(String stdin, String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "tianshu.jar").toAbsolutePath();
    assertThat(jar).exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    Path out = temp.resolve("out.txt");
    Path err = temp.resolve("err.txt");
    Path in = Files.writeString(temp.resolve("in.txt"), stdin, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(command)
            .directory(temp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(in.toFile())
            .start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("tianshu %s finished", List.of(args)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(NlpCommandIT.class.getResource("/nlp/" + name).toURI());
  }

  @Test
  void benchPrintsOneJsonObjectWithTheLexiconAndModelRuns() throws Exception {
    Path notes = resource("notes.jsonl");
    Path model = temp.resolve("model.bin");
    Run train =
        tianshu(
            "",
            "nlp",
            "train",
            "--corpus",
            notes.toString(),
            "--epochs",
            "3",
            "--unlabeled",
            notes.toString(),
            "--out",
            model.toString());
    assertThat(train.exit()).as("stderr: %s", train.err()).isZero();
    assertThat(new ObjectMapper().readTree(train.out()).get("unlabeled_notes").asInt())
        .isEqualTo(6);

    Run run =
        tianshu(
            "",
            "nlp",
            "bench",
            "--input",
            notes.toString(),
            "--model",
            model.toString(),
            "--warmup-seconds",
            "0.1",
            "--seconds",
            "0.3");

    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    List<String> lines = run.out().strip().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode r = new ObjectMapper().readTree(lines.get(0));
    assertThat(r.get("docs").asInt()).isEqualTo(6);
    assertThat(r.get("threads").asInt()).isEqualTo(1);
    for (String name : List.of("lexicon_matcher", "lexicon_pipeline", "tagger", "model_pipeline")) {
      JsonNode timed = r.get("runs").get(name);
      assertThat(timed).as(name).isNotNull();
      assertThat(timed.get("chars_per_s").asLong()).as(name).isPositive();
      assertThat(timed.get("seconds").asDouble()).as(name).isGreaterThan(0.2);
    }
    assertThat(r.get("heap").get("peak_used_mb").asDouble()).isPositive();
    assertThat(r.get("machine").get("java").asText()).isNotBlank();
  }

  @Test
  void benchOfAFileWithoutNotesIsOneSentence() throws Exception {
    Path bad = Files.writeString(temp.resolve("bad.jsonl"), "{\"note\":\"发热\"}\n");

    Run run = tianshu("", "nlp", "bench", "--input", bad.toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).doesNotContain("\tat ").contains("TS-NLP-020").contains("bad.jsonl:1");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void annotateWithAVocabularyCodesDiagnosesAndOperations() throws Exception {
    Run run =
        tianshu(
            "诊断：右股骨颈骨折。行右侧全髋关节置换术。",
            "nlp",
            "annotate",
            "--vocabulary",
            resource("vocabulary.tsv").toString());

    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    List<String> codes = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(run.out()).get("concepts")) {
      JsonNode m = c.get("match");
      codes.add(
          c.get("surface").asText() + "=" + m.get("code").asText() + " " + m.get("kind").asText());
    }
    // The lexicon finds 右股骨颈骨折, which the vocabulary writes 股骨颈骨折, and 全髋关节置换术 without 右侧.
    assertThat(codes).containsExactly("右股骨颈骨折=S72.0 FUZZY", "全髋关节置换术=81.51 EXACT");
  }

  @Test
  void annotateWithAVocabularyFindsItsTermsWithTheirTypeAndCode() throws Exception {
    Run run =
        tianshu(
            "诊断：肝豆状核变性，结节性硬化症。急性阑尾炎伴局限性腹膜炎。行经皮肾镜碎石取石术。",
            "nlp",
            "annotate",
            "--vocabulary",
            resource("hospital-vocabulary.tsv").toString());

    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(run.out());
    List<String> entities = new ArrayList<>();
    for (JsonNode e : out.get("entities")) {
      if (!e.get("type").asText().equals("anatomy")) {
        entities.add(e.get("surface").asText() + "/" + e.get("type").asText());
      }
    }
    // The longest match wins: the vocabulary's 急性阑尾炎伴局限性腹膜炎, not the lexicon's 急性阑尾炎 and 腹膜炎.
    assertThat(entities)
        .containsExactly(
            "肝豆状核变性/disease", "结节性硬化症/disease", "急性阑尾炎伴局限性腹膜炎/disease", "经皮肾镜碎石取石术/operation");
    List<String> codes = new ArrayList<>();
    for (JsonNode c : out.get("concepts")) {
      JsonNode m = c.get("match");
      codes.add(
          c.get("surface").asText() + "=" + m.get("code").asText() + " " + m.get("kind").asText());
    }
    assertThat(codes)
        .containsExactly(
            "肝豆状核变性=E83.0 EXACT",
            "结节性硬化症=Q85.1 EXACT",
            "急性阑尾炎伴局限性腹膜炎=K35.3 EXACT",
            "经皮肾镜碎石取石术=55.04 EXACT");
  }

  @Test
  void annotateWithAUserDictionaryFindsItsTerms() throws Exception {
    String note = "行右侧全髋关节置换术。";
    Run plain = tianshu(note, "nlp", "annotate");
    Run withDictionary =
        tianshu(
            note,
            "nlp",
            "annotate",
            "--lexicon",
            "operation=" + resource("hospital-operations.tsv"));

    assertThat(withDictionary.exit()).as("stderr: %s", withDictionary.err()).isZero();
    assertThat(operations(plain.out())).containsExactly("全髋关节置换术");
    assertThat(operations(withDictionary.out())).containsExactly("右侧全髋关节置换术");

    Run bad = tianshu(note, "nlp", "annotate", "--lexicon", "hospital-operations.tsv");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("TYPE=FILE").doesNotContain("\tat ");
  }

  private static List<String> operations(String annotation) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode e : new ObjectMapper().readTree(annotation).get("entities")) {
      if (e.get("type").asText().equals("operation")) {
        out.add(e.get("surface").asText());
      }
    }
    return out;
  }

  @Test
  void evalPrintsOneJsonLineWithStrictRelaxedAndPerTypeFigures() throws Exception {
    List<String> notes = Files.readAllLines(resource("notes.jsonl"), StandardCharsets.UTF_8);
    Path train = Files.write(temp.resolve("train.jsonl"), notes.subList(0, 4));
    Path test = Files.write(temp.resolve("test.jsonl"), notes.subList(4, 6));
    Path model = temp.resolve("model.bin");
    Run trained =
        tianshu(
            "",
            "nlp",
            "train",
            "--corpus",
            train.toString(),
            "--epochs",
            "2",
            "--no-clusters",
            "--out",
            model.toString());
    assertThat(trained.exit()).as("stderr: %s", trained.err()).isZero();

    Run run = tianshu("", "nlp", "eval", "--test", test.toString(), "--model", model.toString());

    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    List<String> lines = run.out().strip().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode r = new ObjectMapper().readTree(lines.get(0));
    assertThat(r.fieldNames())
        .toIterable()
        .containsExactly("strict", "relaxed", "per_type", "docs", "entities");
    assertThat(r.get("docs").asInt()).isEqualTo(2);
    assertThat(r.get("entities").asInt()).isEqualTo(8);
    for (String kind : List.of("strict", "relaxed")) {
      for (String figure : List.of("p", "r", "f1")) {
        assertThat(r.get(kind).get(figure).asDouble()).as(kind + "." + figure).isBetween(0.0, 1.0);
      }
    }
    assertThat(r.get("relaxed").get("f1").asDouble())
        .isGreaterThanOrEqualTo(r.get("strict").get("f1").asDouble());
    assertThat(r.get("per_type").fieldNames()).toIterable().isNotEmpty();
  }

  @Test
  void evalOfTheLexiconTakesAUserDictionary() throws Exception {
    String test = resource("notes.jsonl").toString();
    Run plain = tianshu("", "nlp", "eval", "--test", test);
    Run withDictionary =
        tianshu(
            "",
            "nlp",
            "eval",
            "--test",
            test,
            "--lexicon",
            "operation=" + resource("hospital-operations.tsv"));

    assertThat(withDictionary.exit()).as("stderr: %s", withDictionary.err()).isZero();
    assertThat(withDictionary.out().strip().lines()).hasSize(1);
    // 右侧全髋关节置换术 is annotated whole; Tianshu's lexicon alone finds 全髋关节置换术 only.
    assertThat(operationRecall(withDictionary.out())).isGreaterThan(operationRecall(plain.out()));
  }

  private static double operationRecall(String evaluation) throws IOException {
    return new ObjectMapper().readTree(evaluation).get("per_type").get("手术").get("r").asDouble();
  }
}
