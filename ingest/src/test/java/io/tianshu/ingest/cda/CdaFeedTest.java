package io.tianshu.ingest.cda;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Sex;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.StoredMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every WS/T 500-2016 skeleton of the shared template directory, filled with sample values, through
 * the staging feed into a DuckDB CDR: the 22 supported templates land as documents of their type
 * with their sections, the other 31 are quarantined TS-INGEST-305; re-delivery, correction, patient
 * registration and the refusals (broken XML, XXE, missing patient id, invalid time).
 */
class CdaFeedTest {

  static final Instant START = Instant.parse("2026-03-02T04:00:00Z");

  /** The mapping docs/cda.md documents, written out independently of the knowledge file. */
  static final Map<Integer, DocumentType> SUPPORTED =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(2, DocumentType.OUTPATIENT_NOTE),
              Map.entry(3, DocumentType.OUTPATIENT_NOTE),
              Map.entry(9, DocumentType.OPERATION_NOTE),
              Map.entry(34, DocumentType.ADMISSION_NOTE),
              Map.entry(35, DocumentType.DISCHARGE_SUMMARY),
              Map.entry(36, DocumentType.DEATH_RECORD),
              Map.entry(37, DocumentType.FIRST_PROGRESS_NOTE),
              Map.entry(38, DocumentType.PROGRESS_NOTE),
              Map.entry(39, DocumentType.ATTENDING_ROUND_NOTE),
              Map.entry(40, DocumentType.PROGRESS_NOTE),
              Map.entry(41, DocumentType.PROGRESS_NOTE),
              Map.entry(42, DocumentType.TRANSFER_IN_NOTE),
              Map.entry(43, DocumentType.PROGRESS_NOTE),
              Map.entry(44, DocumentType.PROGRESS_NOTE),
              Map.entry(45, DocumentType.PROGRESS_NOTE),
              Map.entry(46, DocumentType.PROGRESS_NOTE),
              Map.entry(47, DocumentType.PROGRESS_NOTE),
              Map.entry(48, DocumentType.POSTOPERATIVE_NOTE),
              Map.entry(49, DocumentType.DISCHARGE_SUMMARY),
              Map.entry(50, DocumentType.DEATH_RECORD),
              Map.entry(51, DocumentType.DEATH_DISCUSSION),
              Map.entry(53, DocumentType.DISCHARGE_SUMMARY)));

  static IngestFeed feed(TestStores.Opened opened) {
    return new IngestFeed(opened.store(), IngestSettings.defaults(), new TestClock(START));
  }

  static IngestCounts ingest(IngestFeed feed, List<byte[]> documents) {
    IngestRun run = feed.newRun();
    List<IncomingMessage> in = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      in.add(new IncomingMessage("test:" + i, documents.get(i), START, Wst500Skeletons.ORG));
    }
    run.stage(in);
    run.applyPending();
    return run.counts();
  }

  static String docId(int template) {
    return String.format("cda:2.16.156.10011.1.1|DOC-C%04d", template);
  }

  static String patientOf(int template) {
    return template == 2 || template == 3 ? Wst500Skeletons.OUTPATIENT : Wst500Skeletons.INPATIENT;
  }

  @Test
  void everySupportedTemplateLandsAndEveryOtherIsQuarantinedAsUnsupported() {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      List<byte[]> all = IntStream.rangeClosed(1, 53).mapToObj(Wst500Skeletons::bytes).toList();

      IngestCounts counts = ingest(feed, all);

      assertThat(counts.reconciles()).isTrue();
      assertThat(counts.received()).isEqualTo(53);
      assertThat(counts.quarantined()).as("31 unsupported templates").isEqualTo(31);
      assertThat(counts.held()).as("documents without birthTime wait for no one").isZero();
      assertThat(counts.accepted() + counts.updated()).isEqualTo(22);
      List<StoredMessage> quarantined = feed.quarantine(null, 0, 100).items();
      assertThat(quarantined).allSatisfy(m -> assertThat(m.errorCode()).isEqualTo("TS-INGEST-305"));
      assertThat(quarantined.stream().map(StoredMessage::messageType).collect(Collectors.toSet()))
          .hasSize(31)
          .doesNotContainAnyElementsOf(
              SUPPORTED.keySet().stream().map(n -> String.format("CDA^C%04d", n)).toList());

      PatientRecord inpatient = opened.store().readPatient(Wst500Skeletons.INPATIENT).orElseThrow();
      PatientRecord outpatient =
          opened.store().readPatient(Wst500Skeletons.OUTPATIENT).orElseThrow();
      assertThat(inpatient.patient().name()).isEqualTo("张三");
      assertThat(inpatient.patient().sex()).isEqualTo(Sex.MALE);
      assertThat(inpatient.patient().birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
      assertThat(inpatient.encounters()).as("skeletons carry no visit id").isEmpty();
      for (var e : SUPPORTED.entrySet()) {
        PatientRecord r =
            patientOf(e.getKey()).equals(Wst500Skeletons.INPATIENT) ? inpatient : outpatient;
        ClinicalDocument d =
            r.documents().stream()
                .filter(x -> x.id().equals(docId(e.getKey())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("template " + e.getKey() + " missing"));
        assertThat(d.type()).as("template %d", e.getKey()).isEqualTo(e.getValue());
        assertThat(d.createdAt()).isEqualTo(LocalDateTime.of(2026, 3, 1, 8, 30));
        assertThat(d.encounterId()).isEqualTo("unlinked:" + patientOf(e.getKey()));
        assertThat(d.provenance().sourceSystem()).isEqualTo(Wst500Skeletons.ORG);
        assertThat(d.text()).as("template %d has sample values", e.getKey()).contains("样例");
      }
    }
  }

  @Test
  void admissionRecordKeepsItsSectionsAsHeadingLines() {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      ingest(feed, List.of(Wst500Skeletons.bytes(53), Wst500Skeletons.bytes(34)));

      ClinicalDocument d = document(opened, 34);
      List<String> lines = Arrays.asList(d.text().split("\n"));
      for (String heading : List.of("主诉", "现病史", "既往史", "个人史", "月经史", "家族史", "体格检查", "治疗计划")) {
        assertThat(lines).as(heading).contains(heading);
      }
      assertThat(lines.get(lines.indexOf("主诉") + 1)).isEqualTo("样例主诉");
      assertThat(lines.get(lines.indexOf("现病史") + 1)).isEqualTo("样例现病史");
      assertThat(lines).contains("过敏史：样例过敏史", "一般健康状况标志：是");
      assertThat(d.title()).isEqualTo("入院记录");
    }
  }

  @Test
  void dischargeRecordCodesItsDiagnosesInIcd10() {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      ingest(feed, List.of(Wst500Skeletons.bytes(53), Wst500Skeletons.bytes(49)));

      PatientRecord r = opened.store().readPatient(Wst500Skeletons.INPATIENT).orElseThrow();
      List<Diagnosis> fromC0049 =
          r.diagnoses().stream().filter(x -> x.id().startsWith(docId(49) + "#")).toList();
      assertThat(fromC0049)
          .extracting(Diagnosis::kind)
          .containsExactly(DiagnosisKind.ADMISSION, DiagnosisKind.DISCHARGE);
      Diagnosis discharge = fromC0049.get(1);
      assertThat(discharge.code().standard().system()).isEqualTo(CodeSystem.ICD10);
      assertThat(discharge.code().standard().code()).isEqualTo("J18.900");
      assertThat(discharge.main()).isTrue();
      assertThat(document(opened, 49).eventAt())
          .as("出院日期时间")
          .isEqualTo(LocalDateTime.of(2026, 3, 1, 8, 30));
      assertThat(document(opened, 49).text().split("\n")).contains("出院诊断", "诊疗经过");
    }
  }

  @Test
  void operationRecordWithAnIcd9Cm3CodeGivesAnOperation() {
    // The skeleton writes the data-element code DE05.01.024.00 where the procedure code belongs;
    // a real document carries the ICD-9-CM-3 code there.
    String c0009 =
        Wst500Skeletons.filled(9)
            .replace(
                "<code code=\"DE05.01.024.00\"\n                          codeSystem=\"2.16.156.10011.2.3.3.12\"",
                "<code code=\"81.5100\" displayName=\"全髋关节置换术\"\n                          codeSystem=\"2.16.156.10011.2.3.3.12\"");
    assertThat(c0009).contains("81.5100");
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      ingest(feed, List.of(c0009.getBytes(StandardCharsets.UTF_8)));

      PatientRecord r = opened.store().readPatient(Wst500Skeletons.INPATIENT).orElseThrow();
      assertThat(r.operations()).hasSize(1);
      var op = r.operations().get(0);
      assertThat(op.code().standard().system()).isEqualTo(CodeSystem.ICD9CM3);
      assertThat(op.code().standard().code()).isEqualTo("81.5100");
      assertThat(op.startedAt()).isEqualTo(LocalDateTime.of(2026, 3, 1, 8, 30));
      assertThat(op.surgeon()).isEqualTo("样例手术者签名");
      assertThat(op.level()).isEqualTo(1);
      assertThat(r.documents().get(0).type()).isEqualTo(DocumentType.OPERATION_NOTE);
      assertThat(r.documents().get(0).text().split("\n"))
          .as("C0009 sections sit outside structuredBody in the skeleton")
          .contains("术前诊断", "手术经过", "麻醉");
    }
  }

  @Test
  void documentForAnUnknownPatientRegistersThemOrWaitsWithoutABirthDate() {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      IngestCounts withoutBirth = ingest(feed, List.of(Wst500Skeletons.bytes(34)));
      assertThat(withoutBirth.held()).as("C0034 has no birthTime").isEqualTo(1);
      assertThat(opened.store().readPatient(Wst500Skeletons.INPATIENT)).isEmpty();

      IngestCounts registering = ingest(feed, List.of(Wst500Skeletons.bytes(53)));

      assertThat(registering.accepted()).isEqualTo(1);
      assertThat(registering.released()).as("the held C0034").isEqualTo(1);
      PatientRecord r = opened.store().readPatient(Wst500Skeletons.INPATIENT).orElseThrow();
      assertThat(r.patient().mrn()).isEqualTo(Wst500Skeletons.PATIENT_NUMBER);
      assertThat(r.documents()).extracting(ClinicalDocument::id).contains(docId(34), docId(53));
    }
  }

  @Test
  void redeliveryIsADuplicateAndACorrectedDocumentReplaces() {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      ingest(feed, List.of(Wst500Skeletons.bytes(53)));
      var before = opened.store().counts();

      IngestCounts again = ingest(feed, List.of(Wst500Skeletons.bytes(53)));
      assertThat(again.duplicates()).isEqualTo(1);
      assertThat(opened.store().counts()).isEqualTo(before);

      byte[] corrected =
          Wst500Skeletons.filled(53)
              .replace("样例诊疗过程描述", "更正后的诊疗过程")
              .getBytes(StandardCharsets.UTF_8);
      IngestCounts correction = ingest(feed, List.of(corrected));

      assertThat(correction.updated()).isEqualTo(1);
      assertThat(opened.store().counts()).isEqualTo(before);
      ClinicalDocument d = document(opened, 53);
      assertThat(d.text()).contains("更正后的诊疗过程").doesNotContain("样例诊疗过程描述");
    }
  }

  @Test
  void gbkDocumentsAreDecodedByTheirDeclaration() {
    Charset gbk = Charset.forName("GBK");
    byte[] c0053 =
        Wst500Skeletons.filled(53)
            .replaceFirst("encoding=\"UTF-8\"", "encoding=\"GBK\"")
            .getBytes(gbk);
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestCounts counts = ingest(feed(opened), List.of(c0053));
      assertThat(counts.accepted()).isEqualTo(1);
      PatientRecord r = opened.store().readPatient(Wst500Skeletons.INPATIENT).orElseThrow();
      assertThat(r.patient().name()).isEqualTo("张三");
      assertThat(r.documents().get(0).text()).contains("样例诊疗过程描述");
    }
  }

  @Test
  void brokenDocumentsAreQuarantinedWithTheirCodes() {
    String good = Wst500Skeletons.filled(53);
    Map<String, String> cases = new TreeMap<>();
    cases.put("TS-INGEST-301", good.substring(0, good.length() / 2));
    cases.put(
        "TS-INGEST-302", good.replaceFirst("encoding=\"UTF-8\"", "encoding=\"X-NO-SUCH-CHARSET\""));
    cases.put(
        "TS-INGEST-304",
        "<?xml version=\"1.0\"?><ClinicalDocument xmlns=\"urn:example:other\"><id/></ClinicalDocument>");
    cases.put(
        "TS-INGEST-306",
        good.replace("<id root=\"2.16.156.10011.1.1\" extension=\"DOC-C0053\"/>", ""));
    cases.put(
        "TS-INGEST-307",
        good.replace("root=\"2.16.156.10011.1.12\"", "root=\"2.16.156.10011.1.99\"")
            .replace("root=\"2.16.156.10011.1.19\"", "root=\"2.16.156.10011.1.98\""));
    cases.put(
        "TS-INGEST-308",
        good.replaceFirst(
            "<effectiveTime value=\"20260301083000\"/>", "<effectiveTime value=\"2026-13-01\"/>"));
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      for (var c : cases.entrySet()) {
        assertThat(c.getValue()).isNotEqualTo(good);
        IngestCounts counts = ingest(feed, List.of(c.getValue().getBytes(StandardCharsets.UTF_8)));
        assertThat(counts.quarantined()).as(c.getKey()).isEqualTo(1);
      }
      assertThat(feed.quarantine(null, 0, 100).items())
          .extracting(StoredMessage::errorCode)
          .containsExactlyInAnyOrderElementsOf(cases.keySet());
      assertThat(opened.store().counts().patients()).isZero();
    }
  }

  @Test
  void externalEntitiesAreRefusedNeverResolved() throws Exception {
    java.nio.file.Path secret = java.nio.file.Files.createTempFile("tianshu-xxe", ".txt");
    java.nio.file.Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + Wst500Skeletons.filled(53)
                .substring(Wst500Skeletons.filled(53).indexOf("<ClinicalDocument"))
                .replace("样例诊疗过程描述", "&xxe;");
    CdaUnitFormat format = new CdaUnitFormat(java.time.ZoneId.of("Asia/Shanghai"));
    assertThat(format.recognises(xxe.getBytes(StandardCharsets.UTF_8))).isTrue();
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened);
      IngestCounts counts = ingest(feed, List.of(xxe.getBytes(StandardCharsets.UTF_8)));
      assertThat(counts.quarantined()).isEqualTo(1);
      StoredMessage m = feed.quarantine(null, 0, 10).items().get(0);
      assertThat(m.errorCode()).isEqualTo("TS-INGEST-303");
      assertThat(m.reason()).doesNotContain("TOP-SECRET");
      assertThat(opened.store().counts().patients()).isZero();
    } finally {
      java.nio.file.Files.deleteIfExists(secret);
    }
  }

  static ClinicalDocument document(TestStores.Opened opened, int template) {
    return opened.store().readPatient(patientOf(template)).orElseThrow().documents().stream()
        .filter(x -> x.id().equals(docId(template)))
        .findFirst()
        .orElseThrow();
  }
}
