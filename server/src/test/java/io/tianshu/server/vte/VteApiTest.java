package io.tianshu.server.vte;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.cds.vte.ward.VteWard;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.WorkbenchClient.Reply;
import io.tianshu.store.CdrStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The VTE API and CDS Hooks over a running server: bundle assessment, the ward list of patients in
 * hospital with their alerts, audited acknowledgement, metrics with drill-down, and who may call
 * what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VteApiTest extends ServerTestSupport {

  @LocalServerPort int port;
  @Autowired CdrStore store;
  @Autowired VteWard ward;
  @Autowired Clock clock;

  private WorkbenchClient admin;

  @BeforeAll
  void setUp() {
    CurrentInpatients.ensure(store, ward, clock);
    admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    admin.post(
        "/api/admin/users",
        Map.of(
            "username",
            "vte.researcher",
            "password",
            "Research-Passw0rd!",
            "roles",
            List.of("RESEARCHER")));
  }

  @Test
  void aPostedBundleIsAssessedWithEvidenceAndUnknowns() throws Exception {
    JsonNode bundle =
        new ObjectMapper()
            .readTree(Files.readString(Path.of("src/test/resources/vte/hip-fracture-bundle.json")));
    Reply reply = admin.post("/api/vte/assess?at=2026-03-10T10:00", bundle);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    JsonNode caprini = reply.body().get("caprini");
    // Worked by hand: age 78 (3) + hip fracture the day before (5) + 卧床 (1) + 父亲患肺栓塞 (3).
    assertThat(caprini.get("score").asInt()).isEqualTo(12);
    assertThat(caprini.get("band").asText()).isEqualTo("highest");
    JsonNode bedRest = null;
    for (JsonNode i : caprini.get("items")) {
      bedRest = i.get("id").asText().equals("medical_bed_rest") ? i : bedRest;
    }
    assertThat(bedRest).isNotNull();
    JsonNode note = bedRest.get("evidence").get(0);
    assertThat(note.get("kind").asText()).isEqualTo("note");
    assertThat(note.get("display").asText()).isEqualTo("卧床");
    assertThat(note.get("end").asInt() - note.get("start").asInt()).isEqualTo(2);
    assertThat(caprini.get("unknown").findValuesAsText("id")).contains("obesity_bmi_gt_25");
    assertThat(reply.body().get("recommendation").get("prophylaxis").asText()).isEqualTo("both");
  }

  @Test
  void aBundleWithoutPatientIsAClearProblem() {
    Reply reply = admin.post("/api/vte/assess", Map.of("resourceType", "Bundle", "type", "batch"));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body().get("code").asText()).isEqualTo("TS-CDS-010");
  }

  @Test
  void theWardListShowsThePatientInHospitalAtRiskWithHisAlerts() {
    Reply reply = admin.get("/api/vte/ward");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode r : reply.body().get("patients")) {
      row = r.get("patientId").asText().equals(CurrentInpatients.PATIENT_ID) ? r : row;
    }
    assertThat(row).as("ward list %s", reply.body()).isNotNull();
    assertThat(row.get("assessment").get("riskModel").asText()).isEqualTo("caprini-2005");
    assertThat(row.get("assessment").get("atRisk").asBoolean()).isTrue();
    assertThat(row.get("assessment").get("riskVersion").asText()).isEqualTo("caprini-2005@1");
    assertThat(reply.body().get("atRisk").asLong()).isPositive();
  }

  @Test
  void anAlertIsAcknowledgedOnlyWithAReasonAndTheAcknowledgementIsAudited() {
    String id = CurrentInpatients.ENCOUNTER_ID + ":ASSESSMENT_OVERDUE";
    List<String> open = new ArrayList<>();
    admin.get("/api/vte/alerts?status=ALL").body().forEach(a -> open.add(a.get("id").asText()));
    assertThat(open).contains(id);
    Reply noReason = admin.post("/api/vte/alerts/" + id + "/acknowledge", Map.of("reason", " "));
    assertThat(noReason.status()).isEqualTo(400);
    Reply ok =
        admin.post("/api/vte/alerts/" + id + "/acknowledge", Map.of("reason", "已电话通知主管医师补记评估"));
    assertThat(ok.status()).as("%s", ok.body()).isEqualTo(200);
    assertThat(ok.body().get("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(ok.body().get("acknowledgedBy").asText()).isEqualTo(ADMIN);
    Reply again = admin.post("/api/vte/alerts/" + id + "/acknowledge", Map.of("reason", "x"));
    assertThat(again.status()).isEqualTo(404);
    JsonNode audit = admin.get("/api/audit?patientId=" + CurrentInpatients.PATIENT_ID).body();
    assertThat(audit.toString()).contains("ACK_VTE_ALERT").contains("已电话通知主管医师补记评估");
  }

  @Test
  void metricsHaveNumeratorsAndDenominatorsThatDrillDownToStays() {
    Reply reply = admin.get("/api/vte/metrics?byDepartment=false");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode rows = reply.body().get("rows");
    assertThat(rows.size()).isPositive();
    JsonNode rate = null;
    for (JsonNode r : rows) {
      if (r.get("metric").asText().equals("risk_assessment_rate")
          && r.get("denominator").asLong() > 0) {
        rate = r;
      }
    }
    assertThat(rate).isNotNull();
    assertThat(rate.get("numerator").asLong())
        .isLessThanOrEqualTo(rate.get("denominator").asLong());
    Reply stays =
        admin.get(
            "/api/vte/metrics/risk_assessment_rate/stays?denominator=true&month="
                + rate.get("month").asText());
    assertThat(stays.status()).isEqualTo(200);
    assertThat((long) stays.body().size()).isEqualTo(rate.get("denominator").asLong());
  }

  @Test
  void cdsHooksDiscoveryAndAPatientViewCard() {
    Reply discovery = admin.get("/cds-services");
    assertThat(discovery.body().get("services").findValuesAsText("hook"))
        .containsExactlyInAnyOrder("patient-view", "order-sign");
    Reply card =
        admin.post(
            "/cds-services/tianshu-vte-risk",
            Map.of(
                "hook", "patient-view",
                "hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                "context",
                    Map.of("patientId", CurrentInpatients.PATIENT_ID, "userId", "Practitioner/1")));
    assertThat(card.status()).isEqualTo(200);
    JsonNode c = card.body().get("cards").get(0);
    assertThat(c.get("summary").asText()).contains("VTE风险").contains("Caprini");
    assertThat(c.get("summary").asText().length()).isLessThan(140);
    assertThat(c.get("indicator").asText()).isEqualTo("warning");
    assertThat(c.get("source").get("label").asText()).isNotBlank();
  }

  @Test
  void orderSignWarnsOnAnAnticoagulantOnlyWhenSomethingSpeaksAgainstIt() {
    // The test inpatient has no contraindication and a low surgical bleeding risk: no card.
    Map<String, Object> draft =
        Map.of(
            "resourceType",
            "Bundle",
            "entry",
            List.of(
                Map.of(
                    "resource",
                    Map.of(
                        "resourceType",
                        "MedicationRequest",
                        "medicationCodeableConcept",
                        Map.of("text", "依诺肝素钠注射液 40mg"),
                        "dosageInstruction",
                        List.of(
                            Map.of(
                                "doseAndRate",
                                List.of(
                                    Map.of(
                                        "doseQuantity", Map.of("value", 40, "unit", "mg")))))))));
    Reply reply =
        admin.post(
            "/cds-services/tianshu-vte-anticoagulant-safety",
            Map.of(
                "hook",
                "order-sign",
                "hookInstance",
                "0b7c1c44-3a2f-4f39-9d2a-5f0c9a1e2b11",
                "context",
                Map.of("patientId", CurrentInpatients.PATIENT_ID, "draftOrders", draft)));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("cards").size()).isZero();
  }

  /** A patient in hospital now with an upper GI bleed: anticoagulants are contraindicated. */
  private static final String BLEEDER = CurrentInpatients.PREFIX + "P0002";

  private void ensureBleeder() {
    if (store.readPatient(BLEEDER).isPresent()) {
      return;
    }
    java.time.LocalDateTime admitted =
        java.time.LocalDateTime.now(clock)
            .minusHours(20)
            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    String encounter = CurrentInpatients.PREFIX + "E0002";
    var prov = new io.tianshu.core.record.Provenance("test", BLEEDER, "test-vte-bleeder");
    var record =
        new io.tianshu.core.record.PatientRecord(
            new io.tianshu.core.record.Patient(
                BLEEDER,
                CurrentInpatients.PREFIX + "MRN0002",
                "测试血",
                io.tianshu.core.record.Sex.FEMALE,
                admitted.toLocalDate().minusYears(80),
                null,
                null,
                null,
                List.of(),
                prov),
            List.of(
                new io.tianshu.core.record.Encounter(
                    encounter,
                    BLEEDER,
                    io.tianshu.core.record.EncounterType.INPATIENT,
                    "消化内科",
                    "消化内科一病区",
                    admitted,
                    null,
                    null,
                    "测试医生",
                    List.of(),
                    prov)),
            List.of(
                new io.tianshu.core.record.Diagnosis(
                    CurrentInpatients.PREFIX + "DX0002",
                    BLEEDER,
                    encounter,
                    io.tianshu.core.record.DiagnosisKind.ADMISSION,
                    true,
                    io.tianshu.core.code.MappedCode.standard(
                        io.tianshu.core.code.Code.of(
                            io.tianshu.core.code.CodeSystem.ICD10, "K92.2", "上消化道出血")),
                    admitted.plusMinutes(20),
                    prov)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    try (var writer = store.writer("test-vte-bleeder", "test")) {
      writer.add(record);
      writer.commit();
    }
  }

  @Test
  void orderSignWarnsWhenADraftAnticoagulantMeetsAContraindication() {
    ensureBleeder();
    Map<String, Object> draft =
        Map.of(
            "resourceType",
            "Bundle",
            "entry",
            List.of(
                Map.of(
                    "resource",
                    Map.of(
                        "resourceType",
                        "MedicationRequest",
                        "medicationCodeableConcept",
                        Map.of("text", "依诺肝素钠注射液 40mg"))),
                Map.of(
                    "resource",
                    Map.of(
                        "resourceType",
                        "MedicationRequest",
                        "medicationCodeableConcept",
                        Map.of("text", "奥美拉唑肠溶胶囊")))));
    Reply reply =
        admin.post(
            "/cds-services/tianshu-vte-anticoagulant-safety",
            Map.of(
                "hook", "order-sign",
                "hookInstance", "5f1d2c3b-0a9e-4c1f-8a7d-6b5e4c3d2a10",
                "context", Map.of("patientId", BLEEDER, "draftOrders", draft)));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode cards = reply.body().get("cards");
    // One card, for the anticoagulant only; the proton-pump inhibitor raises nothing.
    assertThat(cards.size()).isEqualTo(1);
    assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
    assertThat(cards.get(0).get("summary").asText()).contains("依诺肝素").contains("活动性出血");
    assertThat(cards.get(0).get("overrideReasons").size()).isPositive();
  }

  @Test
  void researchersMayNotSeeTheWardOrCallTheHooks() {
    WorkbenchClient researcher = new WorkbenchClient(port);
    assertThat(researcher.login("vte.researcher", "Research-Passw0rd!").status()).isEqualTo(200);
    assertThat(researcher.get("/api/vte/ward").status()).isEqualTo(403);
    assertThat(researcher.get("/cds-services").status()).isEqualTo(403);
    assertThat(researcher.get("/api/vte/metrics").status()).isEqualTo(403);
  }
}
