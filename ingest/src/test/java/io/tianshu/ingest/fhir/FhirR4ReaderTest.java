package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.ExamKind;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import io.tianshu.ingest.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written bundle {@code fhir/zhang-san-dvt-bundle.json}: every mapped field. */
class FhirR4ReaderTest {

  private static final String SOURCE = "HIS-FHIR";
  private static final CodeSystem LOCAL = CodeSystem.local(SOURCE);
  private static final String INPATIENT = "enc-zy-001";
  private static final String PATIENT = "zhangsan-001";

  private static FhirReadResult result;
  private static PatientRecord record;

  @BeforeAll
  static void read() {
    String json =
        new String(Fixtures.bytes("fhir/zhang-san-dvt-bundle.json"), StandardCharsets.UTF_8);
    result = FhirR4Reader.shared().readBundle(json, SOURCE);
    assertThat(result.rejections()).isEmpty();
    assertThat(result.records()).hasSize(1);
    record = result.records().get(0);
  }

  @Test
  void accountsForEveryEntry() {
    assertThat(result.resourcesRead()).isEqualTo(20);
    assertThat(result.skipped())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Claim:not-mapped", 1,
                "DiagnosticReport:no-report-text", 1,
                "Location:reference-only", 1,
                "Observation:survey", 1));
  }

  @Test
  void patientWithChineseNameWithoutSpace() {
    assertThat(record.patient())
        .isEqualTo(
            new Patient(
                PATIENT,
                "MR20260001",
                "张三",
                Sex.MALE,
                LocalDate.of(1958, 3, 15),
                "330106195803150013",
                "13800138000",
                "浙江省杭州市西湖区文三路100号",
                List.of(
                    new PatientIdentifier("urn:oid:1.2.156.112604.1.2.1", "MR20260001"),
                    new PatientIdentifier("urn:oid:2.16.156.10011.1.1", "330106195803150013")),
                provenance("Patient/" + PATIENT)));
  }

  @Test
  void encountersWithDepartmentsDispositionAndTransfers() {
    Provenance inpatient = provenance("Encounter/" + INPATIENT);
    assertThat(record.encounters())
        .containsExactly(
            new Encounter(
                "enc-mz-001",
                PATIENT,
                EncounterType.OUTPATIENT,
                "骨科门诊", // from the Location resolved by a conditional reference
                null,
                at("2026-02-20T10:00"),
                at("2026-02-20T10:20"),
                null,
                null,
                List.of(),
                provenance("Encounter/enc-mz-001")),
            new Encounter(
                INPATIENT,
                PATIENT,
                EncounterType.INPATIENT,
                "骨科",
                null,
                at("2026-03-02T09:30"),
                at("2026-03-12T10:00"),
                DischargeDisposition.HOME,
                "李明",
                List.of(
                    new Transfer(
                        INPATIENT + "#transfer-1",
                        INPATIENT,
                        "骨科一病区",
                        null,
                        "血管外科病区",
                        null,
                        at("2026-03-05T14:00"),
                        inpatient)),
                inpatient));
  }

  @Test
  void diagnosesKeepChineseDisplayAndTextOnlyCodes() {
    assertThat(record.diagnoses())
        .containsExactly(
            new Diagnosis(
                "cond-fx-001",
                PATIENT,
                INPATIENT,
                DiagnosisKind.DISCHARGE,
                false,
                new MappedCode(Code.of(LOCAL, "右股骨颈骨折", "右股骨颈骨折"), null),
                at("2026-03-02T09:30"), // no recordedDate or onset: the encounter's start
                provenance("Condition/cond-fx-001")),
            new Diagnosis(
                "cond-dvt-001",
                PATIENT,
                INPATIENT,
                DiagnosisKind.DISCHARGE, // Encounter.diagnosis use DD, rank 1
                true,
                MappedCode.standard(Code.of(CodeSystem.ICD10, "I80.2", "下肢深静脉血栓形成")),
                at("2026-03-04T16:20"),
                provenance("Condition/cond-dvt-001")));
  }

  @Test
  void operationInIcd9Cm3WithSnomedKeptAsLocal() {
    assertThat(record.operations())
        .containsExactly(
            new Operation(
                "proc-thr-001",
                PATIENT,
                INPATIENT,
                new MappedCode(
                    Code.of(
                        CodeSystem.local("http://snomed.info/sct"),
                        "52734007",
                        "Total replacement of hip"),
                    Code.of(CodeSystem.ICD9CM3, "81.51", "全髋关节置换术")),
                at("2026-03-03T08:30"),
                at("2026-03-03T11:05"),
                "王建国",
                null,
                null,
                0,
                provenance("Procedure/proc-thr-001")));
  }

  @Test
  void labResultsWithPanelRangeFlagAndEncounterFoundByTime() {
    assertThat(record.labs())
        .containsExactly(
            new LabResult(
                "obs-4005",
                PATIENT,
                INPATIENT,
                "血常规", // from the DiagnosticReport that lists it
                new MappedCode(
                    Code.of(CodeSystem.local("urn:oid:1.2.156.112604.1.5"), "PLT", "血小板计数"),
                    Code.of(
                        CodeSystem.LOINC,
                        "777-3",
                        "Platelets [#/volume] in Blood by Automated count")),
                98.0,
                "98",
                "10*9/L",
                125.0,
                350.0,
                "125-350",
                AbnormalFlag.LOW,
                "静脉血",
                at("2026-03-04T07:00"),
                at("2026-03-04T09:12"),
                provenance("Observation/obs-4005")),
            new LabResult(
                "obs-4006",
                PATIENT,
                INPATIENT, // no encounter reference: the stay that contains its time
                null,
                MappedCode.standard(
                    Code.of(
                        CodeSystem.LOINC,
                        "6301-6",
                        "INR in Platelet poor plasma by Coagulation assay")),
                1.1,
                "1.10", // the reported precision is kept
                "{INR}",
                null,
                null,
                null,
                AbnormalFlag.NORMAL,
                null,
                at("2026-03-04T07:00"),
                at("2026-03-04T09:30"),
                provenance("Observation/obs-4006")));
  }

  @Test
  void vitalSignsIncludingBmiAndBloodPressureComponents() {
    LocalDateTime measured = at("2026-03-02T10:00");
    assertThat(record.vitals())
        .containsExactly(
            vital("obs-4001", VitalType.BMI, 24.2, measured, "obs-4001"),
            vital("obs-4002", VitalType.WEIGHT, 70.0, measured, "obs-4002"),
            vital("obs-4003", VitalType.HEIGHT, 170.0, measured, "obs-4003"),
            vital("obs-4004#8462-4", VitalType.DIASTOLIC_BP, 82.0, measured, "obs-4004"),
            vital("obs-4004#8480-6", VitalType.SYSTOLIC_BP, 128.0, measured, "obs-4004"));
  }

  @Test
  void ultrasoundReportWithFindingsAndConclusion() {
    assertThat(record.exams())
        .containsExactly(
            new ExamReport(
                "dr-us-001",
                PATIENT,
                INPATIENT,
                ExamKind.ULTRASOUND,
                new MappedCode(
                    Code.of(CodeSystem.local("urn:oid:1.2.156.112604.1.6"), "US0412", "双下肢静脉彩超"),
                    null),
                null,
                "所见：左侧股总静脉、股浅静脉管腔内可见低回声充填，探头加压管腔不能压瘪。\n右侧下肢深静脉未见明显异常。",
                "左下肢深静脉血栓形成（股总静脉、股浅静脉）。",
                at("2026-03-04T14:00"),
                at("2026-03-04T15:30"),
                provenance("DiagnosticReport/dr-us-001")));
  }

  @Test
  void textOnlyDrugKeepsItsChineseName() {
    MappedCode enoxaparin = new MappedCode(Code.of(LOCAL, "依诺肝素", "依诺肝素"), null);
    assertThat(record.orders())
        .containsExactly(
            new MedicationOrder(
                "mr-enox-001",
                PATIENT,
                INPATIENT,
                OrderCategory.DRUG,
                enoxaparin,
                4000.0,
                "IU",
                "皮下注射",
                "qd",
                true,
                at("2026-03-04T17:00"),
                null,
                "李明",
                provenance("MedicationRequest/mr-enox-001")));
    assertThat(record.administrations())
        .containsExactly(
            new MedicationAdministration(
                "ma-enox-001",
                "mr-enox-001",
                PATIENT,
                INPATIENT,
                enoxaparin,
                4000.0,
                "IU",
                "皮下注射",
                at("2026-03-04T20:00"),
                "赵护士",
                provenance("MedicationAdministration/ma-enox-001")));
  }

  @Test
  void documentTextDecodedFromBase64WithSurrogatePairsIntact() {
    String text =
        "入院记录\n"
            + "主诉：右髋部外伤后疼痛、活动受限3天。\n"
            + "现病史：患者3天前在家中跌倒，右髋着地（全角括号），当即疼痛，不能站立。\n"
            + "既往史：否认高血压、糖尿病史。家住𠮷祥里。\n"
            + "初步诊断：右股骨颈骨折。";
    assertThat(record.documents())
        .containsExactly(
            new ClinicalDocument(
                "doc-ryjl-001",
                PATIENT,
                INPATIENT,
                DocumentType.ADMISSION_NOTE, // type text 入院记录
                "入院记录",
                "李明",
                at("2026-03-02T09:30"), // an admission note is about the admission
                at("2026-03-02T15:00"),
                null,
                text,
                provenance("DocumentReference/doc-ryjl-001")));
    assertThat(text.codePointCount(0, text.length())).isLessThan(text.length());
  }

  @Test
  void readingTheSameBundleTwiceGivesEqualResults() {
    String json =
        new String(Fixtures.bytes("fhir/zhang-san-dvt-bundle.json"), StandardCharsets.UTF_8);
    assertThat(FhirR4Reader.shared().readBundle(json, SOURCE)).isEqualTo(result);
  }

  @Test
  void oneSharedReaderServesConcurrentReads() {
    String json =
        new String(Fixtures.bytes("fhir/zhang-san-dvt-bundle.json"), StandardCharsets.UTF_8);
    List<FhirReadResult> results =
        IntStream.range(0, 16)
            .parallel()
            .mapToObj(i -> FhirR4Reader.shared().readBundle(json, SOURCE))
            .toList();
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(result));
  }

  @Test
  void anotherHospitalZoneShiftsTimesWithOffsets() {
    String json =
        new String(Fixtures.bytes("fhir/zhang-san-dvt-bundle.json"), StandardCharsets.UTF_8);
    FhirReadResult utc =
        FhirR4Reader.shared().withHospitalZone(java.time.ZoneOffset.UTC).readBundle(json, SOURCE);
    assertThat(utc.records().get(0).encounters().get(1).admittedAt())
        .isEqualTo(at("2026-03-02T01:30"));
  }

  @Test
  void resourcesParsedElsewhereGiveTheSameRecords() {
    String json =
        new String(Fixtures.bytes("fhir/zhang-san-dvt-bundle.json"), StandardCharsets.UTF_8);
    FhirContext context = FhirContext.forR4();
    // HAPI by default replaces each id by the entry's fullUrl; the logical ids are the record ids.
    context.getParserOptions().setOverrideResourceIdWithBundleEntryFullUrl(false);
    Bundle bundle = context.newJsonParser().parseResource(Bundle.class, json);

    FhirReadResult asBundle = FhirR4Reader.shared().readResources(List.of(bundle), SOURCE);
    List<Resource> entries = bundle.getEntry().stream().map(e -> e.getResource()).toList();
    FhirReadResult asResources = FhirR4Reader.shared().readResources(entries, SOURCE);

    assertThat(asBundle.records()).isEqualTo(result.records());
    assertThat(asBundle.skipped()).isEqualTo(result.skipped());
    // Without their entries' fullUrls, urn:uuid references still find resources whose id is the
    // uuid; here the ids are not uuids, so the encounters are unresolved (207) and the facts that
    // hang off them follow (210: encounter not mapped, 211: no encounter to attach to).
    assertThat(asResources.records())
        .singleElement()
        .satisfies(r -> assertThat(r.encounters()).isEmpty());
    assertThat(asResources.rejections())
        .extracting(FhirRejection::code)
        .contains("TS-INGEST-207")
        .allMatch(code -> Set.of("TS-INGEST-207", "TS-INGEST-210", "TS-INGEST-211").contains(code));
  }

  private static VitalSign vital(
      String id, VitalType type, double value, LocalDateTime at, String observation) {
    return new VitalSign(
        id, PATIENT, INPATIENT, type, value, at, provenance("Observation/" + observation));
  }

  private static Provenance provenance(String sourceRecordId) {
    return new Provenance(SOURCE, sourceRecordId, "");
  }

  private static LocalDateTime at(String text) {
    return LocalDateTime.parse(text);
  }
}
