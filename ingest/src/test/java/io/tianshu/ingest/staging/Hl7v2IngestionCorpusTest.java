package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.SharedData;
import io.tianshu.ingest.hl7v2.Hl7v2Mapper;
import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every message of the shared HL7 v2 corpora (read in place from {@code shared/data}) through
 * ingestion. Each message not listed below must be accepted, or quarantined as an unsupported type
 * (VXU, ACK; ORM and OML lab orders without pharmacy segments).
 */
class Hl7v2IngestionCorpusTest {

  private static final Hl7v2Ingestion INGESTION = new Hl7v2Ingestion();

  /** CDC messages that are genuinely broken, with the code and reason they must get. */
  private static final Map<String, Expected> CDC_BROKEN =
      Map.ofEntries(
          quarantined("CA/002_CA_ORU_R01.hl7", "TS-INGEST-012", "PID-3 missing"),
          quarantined("Epic/002_Epic_ORU_R01.hl7", "TS-INGEST-040", "invalid date in PID-7: 'DOB'"),
          quarantined(
              "MN/005_MN_ADT_A01.hl7",
              "TS-INGEST-022",
              "PV1-10 hospital service and PV1-3 location missing"),
          quarantined(
              "NewSTEPs/002_NewSTEPs_ORU_R01.hl7",
              "TS-INGEST-040",
              "invalid date in OBR-22: '20170229125200-0500'"),
          quarantined(
              "TN/001_TN_ORU_R01_LRI_annotated_for_transformation.hl7",
              "TS-INGEST-005",
              "HAPI could not parse"),
          quarantined("Test/Message/empty.hl7", "TS-INGEST-001", "does not start with MSH"),
          quarantined(
              "Test/Message/msh_present_but_missing_all_fields.hl7",
              "TS-INGEST-001",
              "MSH segment is truncated"),
          quarantined(
              "Test/Message/msh_present_but_missing_msh-2.hl7",
              "TS-INGEST-001",
              "MSH-2 encoding characters"),
          quarantined(
              "Test/Message/msh_present_but_missing_msh-9.hl7",
              "TS-INGEST-003",
              "MSH-9 message type missing"),
          quarantined(
              "Test/Results/005_AL_ORU_R01_NBS_Simplified_0_initial_message.hl7",
              "TS-INGEST-006",
              "batch envelope (FHS/BHS)"));

  /** Aidbox's deliberately broken fixtures and the other messages this mapper rejects. */
  private static final Map<String, Expected> AIDBOX_BROKEN =
      Map.ofEntries(
          quarantined(
              "adt-a01/error/invalid-patient-class.hl7",
              "TS-INGEST-021",
              "invalid patient class in PV1-2: '99'"),
          quarantined("adt-a01/error/missing-pid.hl7", "TS-INGEST-010", "PID segment missing"),
          quarantined("adt-a01/error/missing-pv1.hl7", "TS-INGEST-020", "PV1 segment missing"),
          // HL7 makes PV1 required in ADT^A01; Aidbox tolerates its absence, Tianshu does not.
          quarantined("adt-a01/no-pv1-with-conditions.hl7", "TS-INGEST-020", "PV1 segment missing"),
          quarantined("oru-r01/error/missing-msh3.hl7", "TS-INGEST-003", "MSH-3"),
          quarantined("oru-r01/error/missing-msh4.hl7", "TS-INGEST-003", "MSH-4"),
          quarantined(
              "oru-r01/error/missing-obr-ids.hl7",
              "TS-INGEST-031",
              "OBR-2 placer and OBR-3 filler order number both missing"),
          quarantined("oru-r01/error/missing-obr.hl7", "TS-INGEST-030", "OBR segment missing"),
          quarantined(
              "oru-r01/error/missing-obr25.hl7", "TS-INGEST-032", "OBR-25 result status missing"),
          quarantined(
              "oru-r01/error/missing-obx11.hl7",
              "TS-INGEST-033",
              "OBX-11 observation status missing"),
          quarantined("oru-r01/error/obr25-y.hl7", "TS-INGEST-032", "OBR-25: 'Y'"),
          quarantined("oru-r01/error/obr25-z.hl7", "TS-INGEST-032", "OBR-25: 'Z'"),
          quarantined("oru-r01/error/obx11-n.hl7", "TS-INGEST-033", "OBX-11: 'N'"),
          quarantined("oru-r01/status/obr25-invalid.hl7", "TS-INGEST-032", "OBR-25: 'Y'"),
          quarantined("oru-r01/status/obx11-n-and-local-loinc.hl7", "TS-INGEST-033", "'N'"),
          // PID-3 is present but its ID component is empty (^^^^XX, and empty in empty-pid).
          quarantined("oru-r01/identity-system/no-match.hl7", "TS-INGEST-012", "PID-3 missing"),
          quarantined("oru-r01/patient/empty-pid.hl7", "TS-INGEST-012", "PID-3 missing"),
          quarantined("oru-r01/patient/without-pid.hl7", "TS-INGEST-010", "PID segment missing"));

  @TestFactory
  Stream<DynamicTest> cdcTrustedIntermediary() {
    Path dir = SharedData.dir("ingest/hl7v2/cdc-trusted-intermediary");
    return corpus(dir, CDC_BROKEN);
  }

  @TestFactory
  Stream<DynamicTest> aidboxFixtures() {
    Path dir = SharedData.dir("ingest/hl7v2/aidbox-fixtures/test/fixtures/hl7v2");
    return corpus(dir, AIDBOX_BROKEN);
  }

  @Test
  void corporaHaveTheExpectedSize() {
    Path cdc = SharedData.dir("ingest/hl7v2/cdc-trusted-intermediary");
    Path aidbox = SharedData.dir("ingest/hl7v2/aidbox-fixtures/test/fixtures/hl7v2");
    assertThat(SharedData.hl7Files(cdc)).hasSize(132);
    assertThat(SharedData.hl7Files(aidbox)).hasSize(69);
    for (String name : CDC_BROKEN.keySet()) {
      assertThat(cdc.resolve(name)).exists();
    }
    for (String name : AIDBOX_BROKEN.keySet()) {
      assertThat(aidbox.resolve(name)).exists();
    }
  }

  private static Stream<DynamicTest> corpus(Path dir, Map<String, Expected> broken) {
    List<Path> files = SharedData.hl7Files(dir);
    return files.stream()
        .map(
            file -> {
              String name = dir.relativize(file).toString().replace('\\', '/');
              return DynamicTest.dynamicTest(name, () -> check(file, name, broken.get(name)));
            });
  }

  private static void check(Path file, String name, Expected expected) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    StagedMessage staged = StagedMessage.of("corpus", name, Instant.EPOCH, raw);
    MessageOutcome outcome = INGESTION.ingest(staged, "test-batch");
    if (expected != null) {
      assertThat(outcome).isInstanceOf(MessageOutcome.Quarantined.class);
      MessageOutcome.Quarantined q = (MessageOutcome.Quarantined) outcome;
      assertThat(q.code().code()).as(q.describe()).isEqualTo(expected.code());
      assertThat(q.reason()).contains(expected.reasonPart());
      return;
    }
    if (!Hl7v2Mapper.supports(new Hl7v2Parser().readHeader(raw).typeAndTrigger())
        || labOrderOnly(outcome)) {
      assertThat(outcome)
          .isInstanceOfSatisfying(
              MessageOutcome.Quarantined.class,
              q -> assertThat(q.code()).isEqualTo(IngestErrorCode.UNSUPPORTED_MESSAGE_TYPE));
      return;
    }
    assertThat(outcome)
        .as(
            () ->
                outcome instanceof MessageOutcome.Quarantined q
                    ? name + " quarantined: " + q.describe()
                    : name)
        .isInstanceOf(MessageOutcome.Accepted.class);
    MessageOutcome.Accepted accepted = (MessageOutcome.Accepted) outcome;
    assertThat(accepted.message().recordCount()).isPositive();
    assertThat(accepted.message().patientIdentifiers()).isNotEmpty();
  }

  /** An order message without pharmacy segments: no CDR record type fits it yet (TS-INGEST-002). */
  static boolean labOrderOnly(MessageOutcome outcome) {
    return outcome instanceof MessageOutcome.Quarantined q
        && q.code() == IngestErrorCode.UNSUPPORTED_MESSAGE_TYPE
        && q.reason().contains("without RXO/RXE");
  }

  private record Expected(String code, String reasonPart) {}

  private static Map.Entry<String, Expected> quarantined(String file, String code, String reason) {
    return Map.entry(file, new Expected(code, reason));
  }
}
