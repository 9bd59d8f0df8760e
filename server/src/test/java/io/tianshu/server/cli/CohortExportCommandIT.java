package io.tianshu.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tianshu cohort export} run from the packaged jar against a demo data directory: one JSON
 * line on stdout, a de-identified dataset and manifest by default, the secret generated once into
 * the data directory and never shown, and one sentence for a bad spec.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortExportCommandIT {

  private static final String DEFINITION =
      """
      {"version": 1, "name": "Everyone from the first encounter",
       "index": {"criterion": {"type": "encounter"}}}
      """;

  private static final String DATASET =
      """
      {"version": 1, "variables": [
        {"name": "age", "demographic": "AGE"},
        {"name": "sex", "demographic": "SEX"},
        {"name": "department", "aggregate": "FIRST_VALUE", "field": "DEPARTMENT",
         "criterion": {"type": "encounter", "sameEncounter": true}},
        {"name": "last_lab_at", "aggregate": "LAST_TIME",
         "criterion": {"type": "lab", "codes": {"include": ["*"]}}},
        {"name": "documents", "aggregate": "COUNT", "criterion": {"type": "document"}},
        {"name": "first_note", "aggregate": "FIRST_VALUE", "field": "TEXT",
         "criterion": {"type": "document"}}
      ]}
      """;

  @TempDir Path temp;
  private Path data;
  private Path definition;
  private Path dataset;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  void demo(@TempDir Path shared) throws Exception {
    data = shared.resolve("data");
    Run run =
        tianshu(Map.of(), "demo", "--no-serve", "--patients", "25", "--data-dir", data.toString());
    assertThat(run.exit()).as("demo: %s", run.err()).isZero();
    definition = Files.writeString(shared.resolve("everyone.json"), DEFINITION);
    dataset = Files.writeString(shared.resolve("dataset.json"), DATASET);
  }

  private Run tianshu(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path jar = Path.of("target", "tianshu.jar").toAbsolutePath();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    Path dir = Files.createTempDirectory("tianshu-cli-");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectInput(
                ProcessBuilder.Redirect.from(Files.createFile(dir.resolve("in.txt")).toFile()));
    builder.environment().remove("TIANSHU_DEID_SECRET");
    builder.environment().putAll(env);
    Process p = builder.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("tianshu %s finished", List.of(args)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private Run export(Map<String, String> env, Path out, String... more)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "cohort",
                "export",
                "--definition",
                definition.toString(),
                "--dataset",
                dataset.toString(),
                "--out",
                out.toString(),
                "--data-dir",
                data.toString()));
    args.addAll(List.of(more));
    return tianshu(env, args.toArray(String[]::new));
  }

  /** The document search from the command line: affirmed mentions by default, all on request. */
  @Test
  void searchPrintsItsHitsAsJson() throws Exception {
    Run affirmed =
        tianshu(Map.of(), "search", "发热", "--limit", "200", "--data-dir", data.toString());
    assertThat(affirmed.exit()).as("search: %s", affirmed.err()).isZero();
    JsonNode own = new ObjectMapper().readTree(affirmed.out());
    Run all =
        tianshu(
            Map.of(),
            "search",
            "发热",
            "--mode",
            "ALL",
            "--limit",
            "200",
            "--data-dir",
            data.toString());
    JsonNode every = new ObjectMapper().readTree(all.out());
    assertThat(every.get("total").asLong()).isPositive();
    assertThat(every.get("total").asLong()).isGreaterThanOrEqualTo(own.get("total").asLong());
    assertThat(own.get("hits").size()).isEqualTo((int) Math.min(200, own.get("total").asLong()));
    for (JsonNode hit : own.get("hits")) {
      assertThat(hit.get("snippets").toString()).contains("发热");
    }
    Run bad = tianshu(Map.of(), "search", "发热 AND (", "--data-dir", data.toString());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).doesNotContain("\tat ");
  }

  @Test
  void deidentifiedByDefaultWithOneJsonLineAndTheSecretKeptInTheDataDirectory() throws Exception {
    Path out = temp.resolve("everyone.csv");
    Run run = export(Map.of(), out, "--format", "csv");

    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    List<String> lines = run.out().strip().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(lines.get(0));
    assertThat(json.get("rows").asLong()).isEqualTo(25);
    assertThat(json.get("columns").asInt()).isEqualTo(8);
    assertThat(json.get("deidentified").asBoolean()).isTrue();
    assertThat(json.get("seconds").asDouble()).isPositive();
    assertThat(Path.of(json.get("file").asText())).isEqualTo(out.toAbsolutePath());
    String csv = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(csv).startsWith("subject_id,index_at,age,sex,department,last_lab_at,documents");
    assertThat(csv).doesNotContain("patient_id").doesNotContain("P0000001");
    assertThat(Path.of(json.get("manifest").asText())).exists();

    Path secretFile = data.resolve("secrets").resolve("deid.key");
    assertThat(secretFile).exists();
    String secret = Files.readString(secretFile).strip();
    String manifest = Files.readString(Path.of(json.get("manifest").asText()));
    assertThat(run.out() + run.err() + csv + manifest).doesNotContain(secret);

    Run again = export(Map.of(), temp.resolve("again.csv"));
    assertThat(again.exit()).as("stderr: %s", again.err()).isZero();
    assertThat(Files.readString(temp.resolve("again.csv"), StandardCharsets.UTF_8))
        .as("the same secret, the same pseudonyms and shifts")
        .isEqualTo(csv);
    assertThat(Files.readString(secretFile).strip()).isEqualTo(secret);

    Run configured =
        export(
            Map.of("TIANSHU_DEID_SECRET", "a-configured-secret-for-this-test-only"),
            temp.resolve("configured.csv"));
    assertThat(configured.exit()).as("stderr: %s", configured.err()).isZero();
    String other = Files.readString(temp.resolve("configured.csv"), StandardCharsets.UTF_8);
    assertThat(other.lines().skip(1).findFirst().orElseThrow().split(",")[0])
        .as("another secret, other pseudonyms")
        .isNotIn(csv.lines().map(l -> l.split(",")[0]).toList());
    assertThat(configured.out() + configured.err()).doesNotContain("a-configured-secret");
  }

  @Test
  void identifiedParquetHasPatientIdsAndReadsBack() throws Exception {
    Path out = temp.resolve("everyone.parquet");
    Run run = export(Map.of(), out, "--identified");

    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out().strip());
    assertThat(json.get("deidentified").asBoolean()).isFalse();
    assertThat(json.get("columns").asInt()).isEqualTo(9);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*), count(DISTINCT patient_id), min(index_at) IS NOT NULL"
                    + " FROM read_parquet(?)")) {
      s.setString(1, out.toString());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(25);
        assertThat(rs.getLong(2)).isEqualTo(25);
        assertThat(rs.getBoolean(3)).isTrue();
      }
    }
  }

  @Test
  void aBadDatasetSpecIsOneSentenceWithItsPointer() throws Exception {
    Path bad =
        Files.writeString(
            temp.resolve("bad.json"),
            "{\"version\": 1, \"variables\": [{\"name\": \"age\", \"demographic\": \"AGES\"}]}");
    Run run =
        tianshu(
            Map.of(),
            "cohort",
            "export",
            "--definition",
            definition.toString(),
            "--dataset",
            bad.toString(),
            "--out",
            temp.resolve("x.csv").toString(),
            "--data-dir",
            data.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip().lines().count()).as("stderr: %s", run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("TS-QUERY-020", "/variables/0/demographic")
        .doesNotContain("\tat ");
    assertThat(temp.resolve("x.csv")).doesNotExist();
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    Run run = export(Map.of(), temp.resolve("x.xlsx"), "--format", "xlsx");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--format").doesNotContain("\tat ");
  }
}
