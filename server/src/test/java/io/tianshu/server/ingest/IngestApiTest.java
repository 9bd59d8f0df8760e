package io.tianshu.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.WorkbenchClient.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The quarantine review over the API: a data steward reads a quarantined HL7 v2 message with its
 * code, reason and payload (audited), replays it corrected, and sees the source's activity; a
 * clinician may not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestApiTest extends ServerTestSupport {

  private static final String STEWARD = "steward-ingest";
  private static final String CLINICIAN = "clinician-ingest";
  private static final String PASSWORD = "Ingest-Test-Passw0rd!";

  @LocalServerPort int port;

  @Autowired IngestFeed feed;

  @BeforeAll
  void accounts() {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    admin.post(
        "/api/admin/users",
        Map.of("username", STEWARD, "password", PASSWORD, "roles", List.of("DATA_STEWARD")));
    admin.post(
        "/api/admin/users",
        Map.of("username", CLINICIAN, "password", PASSWORD, "roles", List.of("CLINICIAN")));
  }

  private WorkbenchClient as(String user) {
    WorkbenchClient client = new WorkbenchClient(port);
    assertThat(client.login(user, PASSWORD).status()).isEqualTo(200);
    return client;
  }

  @Test
  void aStewardReadsTheQuarantineReplaysACorrectionAndSeesTheSource() throws Exception {
    byte[] broken =
        Files.readAllBytes(Path.of("src/test/resources/ingest/adt-a01-invalid-admit-date.hl7"));
    feed.stage(List.of(new IncomingMessage("api-test", broken, Instant.now())));
    feed.applyPending();
    WorkbenchClient steward = as(STEWARD);

    JsonNode page = steward.get("/api/ingest/quarantine?size=50").body();
    JsonNode item = null;
    for (JsonNode i : page.get("items")) {
      if ("HIS-20261120-0099".equals(i.get("source_id").asText())) {
        item = i;
      }
    }
    assertThat(item).as(page.toString()).isNotNull();
    assertThat(item.get("code").asText()).isEqualTo("TS-INGEST-040");
    assertThat(item.get("reason").asText()).contains("PV1-44").contains("2023-13-40");
    assertThat(item.get("source").asText()).isEqualTo("HIS/市第一人民医院");
    assertThat(item.get("payload").asText()).contains("李^娜");
    assertThat(item.get("arrived_at").asText()).isNotBlank();

    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    JsonNode audit = admin.get("/api/audit?user=" + STEWARD).body();
    assertThat(audit.get("items").findValuesAsText("action")).contains("INGEST_QUARANTINE_READ");

    String corrected =
        new String(broken, StandardCharsets.UTF_8).replace("2023-13-40", "20261120080000");
    Reply replay =
        steward.post(
            "/api/ingest/quarantine/" + item.get("id").asLong() + "/replay",
            Map.of("payload", corrected));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body().get("status").asText()).isEqualTo("applied");
    assertThat(replay.body().get("replay_of").asLong()).isEqualTo(item.get("id").asLong());
    assertThat(
            steward
                .post("/api/ingest/quarantine/" + item.get("id").asLong() + "/replay", Map.of())
                .status())
        .as("the original is superseded, no longer in quarantine")
        .isEqualTo(404);

    JsonNode sources = steward.get("/api/ingest/sources").body();
    JsonNode his = null;
    for (JsonNode s : sources) {
      if (s.get("source").asText().equals("HIS/市第一人民医院")) {
        his = s;
      }
    }
    assertThat(his).isNotNull();
    assertThat(his.get("messages").get("applied").asLong()).isPositive();
    assertThat(his.get("messages").get("superseded").asLong()).isPositive();
    assertThat(his.get("per_hour")).hasSize(24);
    long lastHours = 0;
    for (JsonNode h : his.get("per_hour")) {
      lastHours += h.get("messages").asLong();
    }
    assertThat(lastHours).isEqualTo(his.get("total").asLong());
  }

  @Test
  void aStewardUploadsAFeedFileAndTheCountsReconcile() throws Exception {
    byte[] file =
        Files.readAllBytes(Path.of("src/test/resources/ingest/feed/09-adt-a04-zhao-liu.hl7"));
    WorkbenchClient steward = as(STEWARD);
    Reply first =
        steward.postBytes(
            "/api/ingest/upload?format=hl7v2&filename=../09-adt-a04.hl7",
            file,
            "application/octet-stream");
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    JsonNode c = first.body();
    assertThat(c.get("received").asLong()).isEqualTo(1);
    assertThat(
            c.get("accepted").asLong()
                + c.get("updated").asLong()
                + c.get("duplicates").asLong()
                + c.get("quarantined").asLong()
                + c.get("held").asLong())
        .isEqualTo(1);
    Reply again =
        steward.postBytes(
            "/api/ingest/upload?format=hl7v2&filename=again.hl7", file, "application/octet-stream");
    assertThat(again.body().get("duplicates").asLong()).isEqualTo(1);

    assertThat(
            steward
                .postBytes("/api/ingest/upload?format=x12", file, "application/octet-stream")
                .status())
        .isEqualTo(400);
    assertThat(steward.get("/api/ingest/formats").body().toString()).contains("hl7v2");
    assertThat(
            as(CLINICIAN)
                .postBytes("/api/ingest/upload?format=hl7v2", file, "application/octet-stream")
                .status())
        .isEqualTo(403);
  }

  /**
   * A document that arrives through a connector is read into note facts as it is written: the
   * hand-written FHIR bundle's admission note denies hypertension and reports a femoral-neck
   * fracture.
   */
  @Test
  void anUploadedDocumentIsReadIntoNoteFacts() throws Exception {
    byte[] bundle =
        Files.readAllBytes(Path.of("../ingest/src/test/resources/fhir/zhang-san-dvt-bundle.json"));
    Reply upload =
        as(STEWARD)
            .postBytes(
                "/api/ingest/upload?format=fhir&filename=zhang-san.json",
                bundle,
                "application/json");
    assertThat(upload.status()).as(upload.text()).isEqualTo(200);
    assertThat(upload.body().get("quarantined").asLong()).isZero();

    Reply record = as(CLINICIAN).get("/api/patients/zhangsan-001");
    assertThat(record.status()).as(record.text()).isEqualTo(200);
    JsonNode facts = record.body().get("noteFacts");
    assertThat(facts).isNotEmpty();
    assertThat(facts)
        .allSatisfy(f -> assertThat(f.get("documentId").asText()).isNotBlank())
        .anySatisfy(
            f -> {
              assertThat(f.get("surface").asText()).isEqualTo("高血压");
              assertThat(f.get("negated").asBoolean()).isTrue();
            })
        .anySatisfy(f -> assertThat(f.get("surface").asText()).contains("股骨颈骨折"));
  }

  @Test
  void aClinicianMayNotReadTheQuarantine() {
    assertThat(as(CLINICIAN).get("/api/ingest/quarantine").status()).isEqualTo(403);
    assertThat(as(CLINICIAN).get("/api/ingest/sources").status()).isEqualTo(403);
  }
}
