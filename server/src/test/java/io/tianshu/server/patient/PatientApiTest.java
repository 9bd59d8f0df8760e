package io.tianshu.server.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.WorkbenchClient.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Patient search, the 360 record, the timeline, auditing and the researchers' de-identified view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientApiTest extends ServerTestSupport {

  private static final String CLINICIAN = "dr.wang";
  private static final String RESEARCHER = "researcher.zhao";
  private static final String PASSWORD = "Clinical-Passw0rd!";

  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired io.tianshu.store.CdrStore store;

  @BeforeAll
  void accounts() {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    admin.post(
        "/api/admin/users",
        Map.of("username", CLINICIAN, "password", PASSWORD, "roles", List.of("CLINICIAN")));
    admin.post(
        "/api/admin/users",
        Map.of("username", RESEARCHER, "password", PASSWORD, "roles", List.of("RESEARCHER")));
  }

  private WorkbenchClient as(String user) {
    WorkbenchClient client = new WorkbenchClient(port);
    assertThat(client.login(user, PASSWORD).status()).isEqualTo(200);
    return client;
  }

  @Test
  void searchFindsPatientsByNameMrnAndDepartment() {
    WorkbenchClient doctor = as(CLINICIAN);
    Reply all = doctor.get("/api/patients?size=50");
    assertThat(all.status()).isEqualTo(200);
    // The synthetic hospital, plus the patients other test classes of this shared server added
    // (e.g. the VTE tests' current inpatient).
    assertThat(all.body().get("total").asLong()).isEqualTo(store.counts().patients());
    assertThat(store.counts().patients()).isGreaterThanOrEqualTo(PATIENTS);
    JsonNode first = all.body().get("items").get(0);

    Reply byMrn = doctor.get("/api/patients?q=" + first.get("mrn").asText());
    assertThat(byMrn.body().get("items").get(0).get("id").asText())
        .isEqualTo(first.get("id").asText());

    String name = first.get("name").asText();
    Reply byName =
        doctor.get(
            "/api/patients?q="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(byName.body().get("items").findValuesAsText("id"))
        .contains(first.get("id").asText());

    Reply departments = doctor.get("/api/departments");
    String department = departments.body().get(0).asText();
    Reply byDepartment =
        doctor.get(
            "/api/patients?size=50&department="
                + java.net.URLEncoder.encode(department, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(byDepartment.body().get("total").asLong())
        .isPositive()
        .isLessThanOrEqualTo(store.counts().patients());
  }

  /**
   * A patient of the synthetic hospital (ids P0000001…), whose records have documents; other tests
   * of the same server add patients through the HL7 v2 connector (ids such as HIS:MR|0077777).
   */
  private static JsonNode syntheticPatient(WorkbenchClient client) {
    for (JsonNode p : client.get("/api/patients?size=100").body().get("items")) {
      if (p.get("id").asText().matches("P\\d+")) {
        return p;
      }
    }
    throw new AssertionError("no synthetic patient in the first page");
  }

  @Test
  void theWholeRecordAndTimelineAreServedAndEveryReadIsAudited() {
    WorkbenchClient doctor = as(CLINICIAN);
    String id = syntheticPatient(doctor).get("id").asText();
    Reply record = doctor.get("/api/patients/" + id);
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.body().get("patient").get("id").asText()).isEqualTo(id);
    assertThat(record.body().get("encounters").size()).isPositive();
    assertThat(record.body().get("documents").size()).isPositive();
    // Note facts carry the value their note gives (10余年, T 36.8℃), for the document viewer's hover.
    assertThat(record.body().get("noteFacts"))
        .anySatisfy(
            f -> {
              assertThat(f.get("value").isTextual()).isTrue();
              assertThat(f.get("numericValue").isNumber()).isTrue();
              assertThat(f.get("unit").isTextual()).isTrue();
            });
    // and a coded one how its code was matched, with what confidence, for the hover too.
    assertThat(record.body().get("noteFacts"))
        .anySatisfy(
            f -> {
              assertThat(f.get("code").isObject()).isTrue();
              assertThat(f.get("codeMatch").asText()).isIn("EXACT", "SYNONYM", "FUZZY");
              assertThat(f.get("codeConfidence").asDouble()).isBetween(0.0, 1.0);
            })
        .allSatisfy(
            f ->
                assertThat(f.path("codeMatch").isNull() || f.path("codeMatch").isMissingNode())
                    .isEqualTo(f.path("code").isNull() || f.path("code").isMissingNode()));

    Reply timeline = doctor.get("/api/patients/" + id + "/timeline");
    assertThat(timeline.status()).isEqualTo(200);
    List<String> times = timeline.body().findValuesAsText("at");
    assertThat(times).isSortedAccordingTo(String::compareTo);

    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    JsonNode audit = admin.get("/api/audit?user=" + CLINICIAN + "&patientId=" + id).body();
    assertThat(audit.get("items").findValuesAsText("action"))
        .contains("READ_PATIENT", "READ_TIMELINE");
    assertThat(admin.get("/api/audit/verify").body().get("valid").asBoolean()).isTrue();
  }

  @Test
  void unknownPatientIsA404ProblemDetail() {
    Reply reply = as(CLINICIAN).get("/api/patients/P9999999");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().get("code").asText()).isEqualTo("TS-CORE-404");
  }

  @Test
  void researchersSeeDeidentifiedRecords() {
    WorkbenchClient doctor = as(CLINICIAN);
    JsonNode identified = syntheticPatient(doctor);
    String id = identified.get("id").asText();
    String fullName = doctor.get("/api/patients/" + id).body().get("patient").get("name").asText();

    WorkbenchClient researcher = as(RESEARCHER);
    JsonNode row = researcher.get("/api/patients?size=50").body().get("items").findValue("name");
    assertThat(row.asText()).contains("*");
    JsonNode patient = researcher.get("/api/patients/" + id).body();
    assertThat(patient.get("patient").get("name").asText()).isNotEqualTo(fullName).contains("*");
    assertThat(patient.get("patient").get("idNumber").isNull()).isTrue();
    assertThat(patient.get("patient").get("phone").isNull()).isTrue();
    for (JsonNode doc : patient.get("documents")) {
      assertThat(doc.get("text").asText()).doesNotContain(fullName);
    }
  }
}
