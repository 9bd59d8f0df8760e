package io.tianshu.server.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.WorkbenchClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cohort counts over the API: attrition, precise errors, and small-cell suppression for
 * researchers.
 */
class CohortApiTest extends ServerTestSupport {

  @LocalServerPort int port;

  private static JsonNode definition() throws Exception {
    return new ObjectMapper()
        .readTree(
            Files.readString(
                Path.of("src/test/resources/cohorts/elderly-inpatients-with-surgery.json")));
  }

  @Test
  void countsWithAttritionAndRejectsABadDefinitionByPointer() throws Exception {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    Reply reply = admin.post("/api/cohorts/count", definition());
    assertThat(reply.status()).isEqualTo(200);
    JsonNode attrition = reply.body().get("attrition");
    assertThat(attrition.findValuesAsText("rule"))
        .containsExactly("aged 65 or more", "during an inpatient stay");
    assertThat(reply.body().get("count").asLong())
        .isEqualTo(attrition.get(1).get("remaining").asLong());
    assertThat(reply.body().get("suppressed_below").isNull()).isTrue();

    Reply bad =
        admin.post("/api/cohorts/count", Map.of("version", 1, "name", "x", "rules", "not a list"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("code").asText()).isEqualTo("TS-QUERY-001");
    assertThat(bad.body().get("detail").asText()).startsWith("/");
  }

  @Test
  void savesVersionsAndListsMembersWithTheirEvidence() throws Exception {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    Reply created =
        admin.post(
            "/api/cohorts",
            Map.of("name", "Elderly surgical inpatients", "definition", definition()));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    assertThat(created.body().get("version").asInt()).isEqualTo(1);

    JsonNode count = admin.get("/api/cohorts/" + id + "/count").body();
    long total = count.get("count").asLong();
    assertThat(total).as("the fixture hospital has such patients").isPositive();
    long bySex = 0;
    for (JsonNode cell : count.get("demographics").get("sex")) {
      bySex += cell.asLong();
    }
    long byBand = 0;
    for (JsonNode cell : count.get("demographics").get("age_bands")) {
      byBand += cell.asLong();
    }
    assertThat(bySex).isEqualTo(total);
    assertThat(byBand).isEqualTo(total);
    assertThat(count.get("demographics").get("age_bands").get("0-17").asLong()).isZero();

    int seen = 0;
    for (int page = 0; seen < total; page++) {
      JsonNode body = admin.get("/api/cohorts/" + id + "/patients?size=3&page=" + page).body();
      assertThat(body.get("total").asLong()).isEqualTo(total);
      JsonNode patients = body.get("patients");
      assertThat(patients.size()).isBetween(1, 3);
      for (JsonNode p : patients) {
        assertThat(p.get("age_at_index").asInt()).isGreaterThanOrEqualTo(65);
        assertThat(p.get("index").get("domain").asText()).isEqualTo("operation");
        assertThat(p.get("evidence").findValuesAsText("rule"))
            .containsExactly("aged 65 or more", "during an inpatient stay");
        for (JsonNode rule : p.get("evidence")) {
          assertThat(rule.get("satisfied").asBoolean()).isTrue();
        }
        assertThat(p.get("evidence").get(1).get("facts").get(0).get("domain").asText())
            .isEqualTo("encounter");
      }
      seen += patients.size();
    }
    assertThat(seen).isEqualTo(total);

    Reply second =
        admin.post(
            "/api/cohorts/" + id + "/versions",
            Map.of(
                "name",
                "Elderly surgical inpatients, first rule only",
                "definition",
                Map.of(
                    "version",
                    1,
                    "index",
                    definition().get("index"),
                    "rules",
                    List.of(definition().get("rules").get(0)))));
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.body().get("version").asInt()).isEqualTo(2);
    JsonNode got = admin.get("/api/cohorts/" + id).body();
    assertThat(got.get("version").asInt()).isEqualTo(2);
    assertThat(got.get("versions").findValuesAsText("name"))
        .containsExactly(
            "Elderly surgical inpatients", "Elderly surgical inpatients, first rule only");
    assertThat(admin.get("/api/cohorts/" + id + "?version=1").body().get("definition"))
        .isEqualTo(definition());
    assertThat(admin.get("/api/cohorts").body().findValuesAsText("id")).contains(id);

    // A definition can name the saved cohort; membership of version 1 equals its count.
    Reply referenced =
        admin.post(
            "/api/cohorts/count",
            Map.of(
                "version",
                1,
                "index",
                definition().get("index"),
                "rules",
                List.of(
                    Map.of(
                        "name",
                        "in the saved cohort",
                        "criterion",
                        Map.of("type", "cohort", "id", id, "version", 1)))));
    assertThat(referenced.body().get("count").asLong()).isEqualTo(total);

    JsonNode preview = admin.post("/api/cohorts/preview", definition()).body();
    assertThat(preview.get("count").asLong()).isEqualTo(total);
    assertThat(preview.get("rules").get(1).get("remaining").asLong()).isEqualTo(total);
    assertThat(preview.get("rules").get(0).get("alone").asLong())
        .isLessThanOrEqualTo(preview.get("index").asLong());

    JsonNode picked = admin.get("/api/cohorts/codes?domain=diagnosis&q=i").body();
    assertThat(picked.size()).isPositive();
    for (JsonNode code : picked) {
      assertThat(code.get("code").asText().toLowerCase() + code.get("display").asText())
          .contains("i");
    }
    assertThat(admin.get("/api/cohorts/codes?domain=noteFact").body().size()).isPositive();
    assertThat(admin.get("/api/cohorts/codes?domain=nothing").status()).isEqualTo(400);

    // The cohort as a dataset: identified for the admin who asks, de-identified otherwise.
    Map<String, Object> dataset =
        Map.of(
            "version",
            1,
            "name",
            "elderly surgery",
            "variables",
            List.of(
                Map.of("name", "age", "demographic", "AGE"),
                Map.of(
                    "name",
                    "first_operation",
                    "aggregate",
                    "FIRST_TIME",
                    "criterion",
                    Map.of("type", "operation", "codes", Map.of("include", List.of("*"))))));
    Reply identified =
        admin.post("/api/cohorts/" + id + "/export?version=1&identified=true", dataset);
    assertThat(identified.status()).isEqualTo(200);
    List<String> lines = identified.text().lines().toList();
    assertThat(lines.get(0))
        .startsWith("patient_id,mrn,index_at")
        .contains("age", "first_operation");
    assertThat(lines).hasSize((int) total + 1);
    Reply deidentified = admin.post("/api/cohorts/" + id + "/export?version=1", dataset);
    List<String> shifted = deidentified.text().lines().toList();
    assertThat(shifted.get(0)).startsWith("subject_id,index_at").doesNotContain("mrn");
    assertThat(shifted).hasSize((int) total + 1);
    for (String row : lines.subList(1, lines.size())) {
      String mrn = row.split(",")[1];
      assertThat(deidentified.text()).doesNotContain(mrn);
    }
    Reply badSpec = admin.post("/api/cohorts/" + id + "/export", Map.of("version", 1));
    assertThat(badSpec.status()).isEqualTo(400);

    Reply missing = admin.get("/api/cohorts/coh-nothing/patients");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(admin.get("/api/cohorts/" + id + "/patients?size=1000").status()).isEqualTo(400);
  }

  @Test
  void theDemoComesWithExampleCohortsThatSelectPatients() {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    JsonNode list = admin.get("/api/cohorts").body();
    List<String> examples = new java.util.ArrayList<>();
    for (JsonNode c : list) {
      if (c.get("created_by").asText().equals("demo")) {
        examples.add(c.get("id").asText());
      }
    }
    assertThat(examples).hasSize(4);
    for (String id : examples) {
      Reply count = admin.get("/api/cohorts/" + id + "/count");
      assertThat(count.status()).as(id).isEqualTo(200);
      assertThat(count.body().get("index").asLong()).as("index population of %s", id).isPositive();
    }
  }

  @Test
  void researchersSeeSmallCountsSuppressed() throws Exception {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    admin.post(
        "/api/admin/users",
        Map.of(
            "username",
            "cohort.researcher",
            "password",
            "Research-Passw0rd!",
            "roles",
            List.of("RESEARCHER")));
    WorkbenchClient researcher = new WorkbenchClient(port);
    assertThat(researcher.login("cohort.researcher", "Research-Passw0rd!").status()).isEqualTo(200);

    JsonNode identified = admin.post("/api/cohorts/count", definition()).body();
    JsonNode seen = researcher.post("/api/cohorts/count", definition()).body();
    assertThat(seen.get("suppressed_below").asInt()).isEqualTo(10);
    for (int i = 0; i < identified.get("attrition").size(); i++) {
      long real = identified.get("attrition").get(i).get("remaining").asLong();
      JsonNode shown = seen.get("attrition").get(i).get("remaining");
      if (real > 0 && real < 10) {
        assertThat(shown.isNull()).as("rule %d with %d patients", i, real).isTrue();
      } else {
        assertThat(shown.asLong()).isEqualTo(real);
      }
    }
    Reply saved =
        admin.post("/api/cohorts", Map.of("name", "for export", "definition", definition()));
    Reply refused =
        researcher.post(
            "/api/cohorts/" + saved.body().get("id").asText() + "/export?identified=true",
            Map.of(
                "version", 1, "variables", List.of(Map.of("name", "age", "demographic", "AGE"))));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(CohortController.shown(3, true)).isNull();
    assertThat(CohortController.shown(0, true)).isZero();
    assertThat(CohortController.shown(3, false)).isEqualTo(3);
  }

  @Test
  void annotatesTextOverTheApi() {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    Reply reply = admin.post("/api/nlp/annotate", Map.of("text", "患者无发热，否认糖尿病病史。"));
    assertThat(reply.status()).isEqualTo(200);
    List<String> surfaces = reply.body().get("entities").findValuesAsText("surface");
    assertThat(surfaces).contains("发热");
    assertThat(reply.body().get("entities").get(0).get("flags").toString()).contains("NEGATED");
  }
}
