package io.tianshu.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code tianshu.jar} as a user would and checks what reaches the console: one
 * clear sentence and a non-zero exit code for bad input, never a stack trace; and the demo's JSON
 * line.
 */
class CommandLineIT {

  @TempDir Path temp;

  record Run(int exit, String out, String err) {}

  private Run tianshu(String... args) throws IOException, InterruptedException {
    return tianshuWithInput(null, args);
  }

  private Run tianshuWithInput(String stdin, String... args)
      throws IOException, InterruptedException {
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
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(temp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // Standard input comes from a file (empty unless given), so a command reading it always sees
    // its end.
    Path in =
        Files.writeString(
            temp.resolve("in.txt"), stdin == null ? "" : stdin, StandardCharsets.UTF_8);
    Process p = builder.redirectInput(in.toFile()).start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("tianshu %s finished", List.of(args)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void assertOneSentenceNoStackTrace(Run run) {
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    assertThat(run.err().strip().lines().count()).as("stderr: %s", run.err()).isEqualTo(1);
  }

  @Test
  void unknownFlagIsOneSentence() throws Exception {
    Run run = tianshu("demo", "--no-such-flag");
    assertOneSentenceNoStackTrace(run);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--no-such-flag");
  }

  @Test
  void missingDataDirectoryIsOneSentence() throws Exception {
    Run run = tianshu("serve", "--data-dir", temp.resolve("nowhere").toString());
    assertOneSentenceNoStackTrace(run);
    assertThat(run.err()).contains("does not exist");
  }

  @Test
  void unwritableDataDirectoryIsOneSentence() throws Exception {
    Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
    Run run =
        tianshu(
            "demo", "--no-serve", "--patients", "5", "--data-dir", file.resolve("data").toString());
    assertOneSentenceNoStackTrace(run);
    assertThat(run.err()).contains("cannot be created");
  }

  @Test
  void corruptDatabaseFileIsOneSentence() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("corrupt"));
    Files.write(
        dir.resolve("tianshu.duckdb"),
        "this is not a DuckDB database file at all".repeat(200).getBytes(StandardCharsets.UTF_8));
    Run run = tianshu("demo", "--no-serve", "--patients", "5", "--data-dir", dir.toString());
    assertOneSentenceNoStackTrace(run);
    assertThat(run.err()).contains("TS-STORE-002");
  }

  @Test
  void unreachablePostgresIsOneSentence() throws Exception {
    Run run =
        tianshu(
            "demo",
            "--no-serve",
            "--patients",
            "5",
            "--data-dir",
            temp.resolve("pg").toString(),
            "--store",
            "postgresql",
            "--store-url",
            "jdbc:postgresql://127.0.0.1:1/tianshu",
            "--store-user",
            "nobody");
    assertOneSentenceNoStackTrace(run);
    assertThat(run.err()).contains("TS-STORE-003");
  }

  @Test
  void portInUseIsOneSentence() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("served"));
    try (ServerSocket taken = new ServerSocket(0)) {
      Run run =
          tianshu(
              "serve",
              "--data-dir",
              dir.toString(),
              "--port",
              Integer.toString(taken.getLocalPort()));
      assertOneSentenceNoStackTrace(run);
      assertThat(run.err()).contains("already in use");
    }
  }

  @Test
  void demoWithoutServingPrintsExactlyOneJsonLine() throws Exception {
    Run run =
        tianshu(
            "demo",
            "--no-serve",
            "--patients",
            "30",
            "--data-dir",
            temp.resolve("demo").toString());
    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    List<String> lines = run.out().strip().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(lines.get(0));
    assertThat(json.get("patients").asLong()).isEqualTo(30);
    assertThat(json.get("encounters").asLong()).isGreaterThanOrEqualTo(30);
    assertThat(json.get("documents").asLong()).isPositive();
    assertThat(json.get("facts").asLong()).isGreaterThan(json.get("encounters").asLong());
    assertThat(json.has("seconds")).isTrue();

    Run again =
        tianshu(
            "demo",
            "--no-serve",
            "--patients",
            "30",
            "--data-dir",
            temp.resolve("demo").toString());
    assertThat(again.exit()).isZero();
    assertThat(new ObjectMapper().readTree(again.out().strip()).get("facts"))
        .isEqualTo(json.get("facts"));
  }

  @Test
  void demoServesOnTheChosenPortFromTheChosenDataDirectory() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path dataDir = temp.resolve("served-demo");
    Path jar = Path.of("target", "tianshu.jar").toAbsolutePath();
    Path out = temp.resolve("serve-out.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "demo",
                "--patients",
                "20",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString())
            .directory(temp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(temp.resolve("serve-err.txt").toFile())
            .start();
    try {
      String password = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline
          && (password == null || !Files.readString(out).contains("workbench:"))) {
        assertThat(p.isAlive())
            .as("demo is running; stderr: %s", Files.readString(temp.resolve("serve-err.txt")))
            .isTrue();
        var m = java.util.regex.Pattern.compile("password: (\\S+)").matcher(Files.readString(out));
        password = m.find() ? m.group(1) : null;
        Thread.sleep(250);
      }
      assertThat(password).as("the first admin password is printed once").isNotNull();
      io.tianshu.server.WorkbenchClient client = new io.tianshu.server.WorkbenchClient(port);
      assertThat(client.login("admin", password).status()).isEqualTo(200);
      JsonNode overview = client.get("/api/stats/overview").body();
      assertThat(overview.get("counts").get("patients").asLong()).isEqualTo(20);
      assertThat(dataDir.resolve("tianshu.duckdb")).exists();
      assertThat(temp.resolve("data")).doesNotExist();
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void nlpAnnotateReadsStdinAndMarksNegationAndFamilyHistory() throws Exception {
    Run run = tianshuWithInput("既往史：否认高血压病史。家族史：父亲有脑梗死病史。", "nlp", "annotate");
    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    JsonNode entities = new ObjectMapper().readTree(run.out()).get("entities");
    JsonNode hypertension = null;
    JsonNode stroke = null;
    for (JsonNode e : entities) {
      hypertension = e.get("surface").asText().startsWith("高血压") ? e : hypertension;
      stroke = e.get("surface").asText().equals("脑梗死") ? e : stroke;
    }
    assertThat(hypertension).isNotNull();
    assertThat(hypertension.get("flags").toString()).contains("NEGATED");
    assertThat(stroke).isNotNull();
    assertThat(stroke.get("flags").toString()).contains("FAMILY").doesNotContain("NEGATED");
  }
}
