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

/** Runs {@code tianshu nlp train|bench|annotate} from the packaged jar, as a user would. */
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
}
