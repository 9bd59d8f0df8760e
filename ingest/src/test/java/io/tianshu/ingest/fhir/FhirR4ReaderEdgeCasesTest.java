package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.ExamKind;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import io.tianshu.ingest.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fhir/edge-cases.ndjson}: one line per case. A resource's id says what must become of it:
 * {@code ok-…} is mapped, {@code skip-…} skipped, {@code rej-NNN-…} rejected with {@code
 * TS-INGEST-NNN}.
 */
class FhirR4ReaderEdgeCasesTest {

  private static FhirReadResult result;
  private static PatientRecord p1;

  @BeforeAll
  static void read() {
    byte[] ndjson = Fixtures.bytes("fhir/edge-cases.ndjson");
    result =
        FhirR4Reader.shared()
            .readNdjson(
                new InputStreamReader(new ByteArrayInputStream(ndjson), StandardCharsets.UTF_8),
                "EMR");
    p1 =
        result.records().stream()
            .filter(r -> r.patient().id().equals("ok-p1"))
            .findFirst()
            .orElseThrow();
    FhirR4ReaderPropertiesTest.assertAccounted(result);
  }

  @Test
  void eachResourceEndsAsItsIdSays() {
    for (FhirRejection rejection : result.rejections()) {
      String id = rejection.resourceId();
      if (id.startsWith("rej-")) {
        assertThat(rejection.code())
            .as(rejection.toString())
            .isEqualTo("TS-INGEST-" + id.substring(4, 7));
      }
    }
    Set<String> rejected =
        result.rejections().stream().map(FhirRejection::resourceId).collect(Collectors.toSet());
    Set<String> mapped =
        FhirR4ReaderCorpusTest.mappedResources(result.records()).stream()
            .map(s -> s.substring(s.indexOf('/') + 1))
            .collect(Collectors.toSet());
    List<String> expectedRejected =
        List.of(
            "rej-212-p2",
            "rej-213-p5",
            "rej-214-e3",
            "rej-209-e4",
            "rej-207-e5",
            "rej-212-e6",
            "rej-212-e7",
            "rej-208-e9",
            "rej-210-c4",
            "rej-210-c5",
            "rej-211-c6",
            "rej-212-c7",
            "rej-208-c8",
            "rej-212-c10",
            "rej-207-c11",
            "rej-207-c12",
            "rej-215-o3",
            "rej-215-o7",
            "rej-204-o9",
            "rej-213-o10",
            "rej-217-o12",
            "rej-207-m3",
            "rej-216-d2",
            "rej-216-d3",
            "rej-204-z1",
            "rej-202-b1");
    assertThat(rejected).containsAll(expectedRejected);
    assertThat(mapped)
        .containsExactlyInAnyOrder(
            "ok-p1", "ok-p3", "ok-p6", "ok-p7", "ok-e1", "ok-e2", "ok-e10", "ok-c1", "ok-c2",
            "ok-c3", "ok-c13", "dup-c14", "ok-o1", "ok-o2", "ok-o8", "ok-o11", "ok-m1", "ok-m2",
            "ok-m4", "ok-ma1", "ok-d1", "ok-d5", "ok-x1");
  }

  @Test
  void rejectionsWithoutAnIdSayWhere() {
    assertThat(result.rejections())
        .filteredOn(r -> r.resourceId().isEmpty())
        .extracting(FhirRejection::code, r -> r.reason().replaceAll(":.*", ""))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("TS-INGEST-205", "line 31"),
            org.assertj.core.groups.Tuple.tuple("TS-INGEST-201", "line 63"));
    assertThat(result.rejections())
        .filteredOn(r -> r.resourceId().equals("dup-c14"))
        .extracting(FhirRejection::code)
        .containsExactly("TS-INGEST-206");
  }

  @Test
  void skippedAreCountedByReason() {
    assertThat(result.skipped())
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("Encounter:entered-in-error", 1),
                Map.entry("Condition:refuted", 1),
                Map.entry("Observation:social-history", 1),
                Map.entry("Observation:no-category", 1),
                Map.entry("Observation:data-absent", 1),
                Map.entry("Medication:reference-only", 1),
                Map.entry("MedicationRequest:intent-proposal", 1),
                Map.entry("MedicationAdministration:not-done", 1),
                Map.entry("DocumentReference:replaced-in-this-read", 1),
                Map.entry("DiagnosticReport:not-an-exam", 1),
                Map.entry("DiagnosticReport:no-report-text", 1),
                Map.entry("Immunization:not-mapped", 1)));
    assertThat(result.resourcesRead()).isEqualTo(64);
  }

  @Test
  void factsWithoutEncounterReferenceAttachByTime() {
    assertThat(p1.diagnoses())
        .filteredOn(d -> d.id().equals("ok-c2") || d.id().equals("ok-c3"))
        .extracting(d -> d.id() + "@" + d.encounterId())
        // c2 falls inside the emergency visit; c3 after every visit goes to the latest before it
        .containsExactlyInAnyOrder("ok-c2@ok-e2", "ok-c3@ok-e2");
  }

  @Test
  void vitalUnitsAreConverted() {
    Map<String, VitalSign> vitals =
        p1.vitals().stream().collect(Collectors.toMap(VitalSign::id, v -> v));
    assertThat(vitals.get("ok-o1").type()).isEqualTo(VitalType.WEIGHT);
    assertThat(vitals.get("ok-o1").value()).isCloseTo(69.853, within(0.001));
    assertThat(vitals.get("ok-o2").type()).isEqualTo(VitalType.TEMPERATURE);
    assertThat(vitals.get("ok-o2").value()).isCloseTo(37.0, within(0.001));
    assertThat(vitals.get("ok-o11").type()).isEqualTo(VitalType.SPO2);
  }

  @Test
  void medicationsFromContainedAndReferencedMedication() {
    assertThat(p1.orders())
        .extracting(
            o ->
                o.id()
                    + " "
                    + o.item().local().code()
                    + " "
                    + o.item().local().display()
                    + " "
                    + o.frequency())
        .containsExactlyInAnyOrder(
            "ok-m1 243670 阿司匹林肠溶片 100mg qd",
            "ok-m2 855332 华法林钠片 2.5mg q12h",
            "ok-m4 华法林钠片 华法林钠片 null");
    assertThat(p1.orders().get(0).item().local().system())
        .isEqualTo(CodeSystem.local("http://www.nlm.nih.gov/research/umls/rxnorm"));
    assertThat(p1.administrations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.orderId()).isEqualTo("ok-m2");
              assertThat(a.encounterId()).isEqualTo("ok-e2"); // by time: 00:10 inside 22:00–02:00
              assertThat(a.administeredAt()).isEqualTo(LocalDateTime.parse("2026-01-21T00:10"));
            });
  }

  @Test
  void documentsDecodedInTheirDeclaredCharset() {
    assertThat(p1.documents())
        .extracting(d -> d.id() + " " + d.type() + " " + d.text())
        .containsExactlyInAnyOrder(
            "ok-d1 " + DocumentType.OUTPATIENT_NOTE + " 门诊病历\n主诉：反复胸闷1月。",
            "ok-d5 " + DocumentType.DEATH_RECORD + " 死亡记录");
  }

  @Test
  void emergencyVisitDeathAndRadiologyReport() {
    assertThat(p1.encounters())
        .filteredOn(e -> e.id().equals("ok-e2"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.department()).isEqualTo("急诊科");
              assertThat(e.disposition()).isEqualTo(DischargeDisposition.DEATH);
            });
    assertThat(p1.exams())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo(ExamKind.RADIOLOGY);
              assertThat(x.item())
                  .isEqualTo(
                      new MappedCode(Code.of(CodeSystem.local("EMR"), "胸部CT平扫", "胸部CT平扫"), null));
              assertThat(x.conclusion()).isEqualTo("双肺未见明显异常。");
              assertThat(x.findings()).isEmpty();
            });
  }

  @Test
  void namesAndSexes() {
    Map<String, PatientRecord> byId =
        result.records().stream().collect(Collectors.toMap(r -> r.patient().id(), r -> r));
    assertThat(byId.get("ok-p1").patient().name()).isEqualTo("李四");
    assertThat(byId.get("ok-p1").patient().mrn()).isEqualTo("P1"); // no MR type: first identifier
    assertThat(byId.get("ok-p6").patient().name()).isEqualTo("Anna Lee Smith");
    assertThat(byId.get("ok-p3").patient().sex()).isEqualTo(Sex.UNKNOWN);
    assertThat(byId.get("ok-p3").patient().mrn()).isEqualTo("ok-p3"); // no identifier: the id
    assertThat(byId.get("ok-p7").patient().name()).isEmpty(); // from a nested collection bundle
  }
}
