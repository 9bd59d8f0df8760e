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
  void aBatchOfNoUnitsIsOneSentence() throws Exception {
    Run run =
        tianshu(
            "ingest",
            "hl7v2",
            "--batch-units",
            "0",
            "--data-dir",
            temp.resolve("batch").toString(),
            temp.toString());
    assertOneSentenceNoStackTrace(run);
    assertThat(run.err()).contains("--batch-units must be at least 1");
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
    // Through the table-extract connector: every staged unit applied, every patient's notes read.
    assertThat(json.get("rows").asLong()).isGreaterThan(json.get("facts").asLong() / 2);
    assertThat(json.get("received").asLong()).isPositive();
    assertThat(json.get("accepted").asLong() + json.get("updated").asLong())
        .isEqualTo(json.get("received").asLong());
    assertThat(json.get("quarantined").asLong()).isZero();
    assertThat(json.get("held").asLong()).isZero();
    assertThat(json.get("structured").asLong()).isEqualTo(30);

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

  /**
   * A hand-written bundle: a woman of 78 with a hip fracture, bed rest and denied varicose veins.
   */
  static String hipFractureBundle() {
    String note =
        "入院记录\n主诉：跌倒致右髋部疼痛、活动受限1天。\n现病史：患者1天前跌倒，右髋着地，伤后卧床，不能行走。\n"
            + "既往史：否认下肢静脉曲张，否认静脉血栓病史。\n家族史：父亲患肺栓塞。\n";
    String data =
        java.util.Base64.getEncoder().encodeToString(note.getBytes(StandardCharsets.UTF_8));
    return """
        {"resourceType":"Bundle","type":"collection","entry":[
         {"fullUrl":"Patient/p1","resource":{"resourceType":"Patient","id":"p1",
           "name":[{"family":"王","given":["秀英"]}],"gender":"female","birthDate":"1947-05-02"}},
         {"fullUrl":"Encounter/e1","resource":{"resourceType":"Encounter","id":"e1","status":"in-progress",
           "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
           "serviceType":{"text":"骨科"},"subject":{"reference":"Patient/p1"},
           "period":{"start":"2026-03-09T10:00:00+08:00"}}},
         {"fullUrl":"Condition/c1","resource":{"resourceType":"Condition","id":"c1",
           "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"S72.0","display":"股骨颈骨折"}]},
           "subject":{"reference":"Patient/p1"},"encounter":{"reference":"Encounter/e1"},
           "recordedDate":"2026-03-09T11:00:00+08:00"}},
         {"fullUrl":"DocumentReference/d1","resource":{"resourceType":"DocumentReference","id":"d1","status":"current",
           "type":{"text":"入院记录"},"subject":{"reference":"Patient/p1"},"date":"2026-03-09T14:00:00+08:00",
           "context":{"encounter":[{"reference":"Encounter/e1"}]},
           "content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"%s"}}]}}]}
        """
        .formatted(data);
  }

  @Test
  void vteAssessPrintsOneJsonObjectWithEvidence() throws Exception {
    Path bundle = Files.writeString(temp.resolve("bundle.json"), hipFractureBundle());
    Run run = tianshu("vte", "assess", "--bundle", bundle.toString(), "--at", "2026-03-10T10:00");
    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out().strip().lines().count()).isEqualTo(1);
    JsonNode a = new ObjectMapper().readTree(run.out());
    JsonNode caprini = a.get("caprini");
    assertThat(caprini.get("version").asText()).isEqualTo("caprini-2005@1");
    // Age 78 (3) + hip fracture < 1 month (5) + bed rest (1) + family history (3) = 12;
    // varicose veins denied, no BMI data (unknown, not 0).
    assertThat(caprini.get("score").asInt()).isEqualTo(12);
    assertThat(caprini.get("band").asText()).isEqualTo("highest");
    List<String> items = new ArrayList<>();
    caprini.get("items").forEach(i -> items.add(i.get("id").asText()));
    assertThat(items)
        .containsExactlyInAnyOrder(
            "age_ge_75",
            "fracture_hip_pelvis_leg_1m",
            "medical_bed_rest",
            "family_history_thrombosis");
    List<String> unknown = new ArrayList<>();
    caprini.get("unknown").forEach(i -> unknown.add(i.get("id").asText()));
    assertThat(unknown).contains("obesity_bmi_gt_25");
    assertThat(a.get("padua")).isNotNull();
    assertThat(a.get("bleeding").get("model").asText()).isNotBlank();
    assertThat(a.get("recommendation").get("prophylaxis").asText()).isEqualTo("both");
  }

  @Test
  void vteAssessOfABundleWithoutPatientIsOneSentence() throws Exception {
    Path bundle =
        Files.writeString(
            temp.resolve("empty.json"), "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");
    Run run = tianshu("vte", "assess", "--bundle", bundle.toString());
    assertOneSentenceNoStackTrace(run);
    assertThat(run.err()).contains("TS-CDS-010");
  }
}
