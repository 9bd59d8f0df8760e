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
