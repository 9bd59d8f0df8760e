package io.tianshu.ingest.cda;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.synth.CdaExport;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic hospital's CDA export ({@link CdaExport}) lands whole through {@link CdaFiles}:
 * every exported document is in the CDR on its patient (registered from the CDA header), with the
 * generator's type, times, author, visit and text, and the generator's admission and discharge
 * diagnoses and operations as coded records.
 *
 * <p>Text equality is taken after removing whitespace and colons ({@link #layoutFree}): the export
 * puts each heading in a section's {@code <title>} and the ingest writes it on a line of its own,
 * so {@code 主诉：咳嗽} becomes {@code 主诉\n咳嗽} and blank lines go; every other character must be the
 * generator's, in its order.
 */
class CdaExportFeedTest {

  static final SynthConfig CONFIG = new SynthConfig(11, 40, LocalDate.of(2026, 11, 1));

  @Test
  void theSyntheticHospitalsCdaExportLandsWhole(@TempDir Path out) throws IOException {
    SyntheticHospital hospital = new SyntheticHospital(CONFIG);
    Path dir = out.resolve("cda");
    int written = CdaExport.write(hospital, dir);
    List<GeneratedPatient> patients = hospital.stream().toList();
    long expected =
        patients.stream()
            .flatMap(g -> g.record().documents().stream())
            .filter(d -> CdaExport.exported(d.type()))
            .count();
    assertThat(written).isEqualTo(expected).isGreaterThan(20);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(written);
    }

    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed =
          new IngestFeed(
              opened.store(),
              IngestSettings.defaults(),
              new TestClock(Instant.parse("2026-11-01T00:00:00Z")));
      long t0 = System.nanoTime();
      IngestCounts counts = CdaFiles.ingest(feed, List.of(dir), p -> {});
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "{\"probe\":\"cda-feed\",\"documents\":%d,\"seconds\":%.3f,\"documentsPerSecond\":%.0f}%n",
          written, seconds, written / seconds);

      assertThat(counts.reconciles()).isTrue();
      assertThat(counts.received()).isEqualTo(written);
      assertThat(counts.quarantined()).isZero();
      assertThat(counts.held()).isZero();

      int documents = 0;
      for (GeneratedPatient g : patients) {
        PatientRecord generated = g.record();
        List<ClinicalDocument> exported =
            generated.documents().stream().filter(d -> CdaExport.exported(d.type())).toList();
        if (exported.isEmpty()) {
          continue;
        }
        String id = "HIS:MR|" + generated.patient().mrn();
        PatientRecord landed = opened.store().readPatient(id).orElseThrow();
        assertThat(landed.patient().name()).isEqualTo(generated.patient().name());
        assertThat(landed.patient().sex()).isEqualTo(generated.patient().sex());
        assertThat(landed.patient().birthDate()).isEqualTo(generated.patient().birthDate());
        Map<String, ClinicalDocument> bySource = new HashMap<>();
        landed.documents().forEach(d -> bySource.put(d.provenance().sourceRecordId(), d));
        for (ClinicalDocument want : exported) {
          ClinicalDocument got = bySource.get("2.16.156.10011.1.1|" + want.id());
          assertThat(got).as(want.id()).isNotNull();
          assertThat(got.type()).isEqualTo(want.type());
          assertThat(got.title()).isEqualTo(want.title());
          assertThat(got.author()).isEqualTo(want.author());
          assertThat(got.createdAt()).isEqualTo(want.createdAt());
          assertThat(got.signedAt()).isEqualTo(want.signedAt());
          assertThat(got.eventAt()).as(want.id() + " eventAt").isEqualTo(want.eventAt());
          assertThat(got.encounterId()).isEqualTo("visit:HIS/TIANSHU-SYNTH|" + want.encounterId());
          assertThat(layoutFree(got.text())).as(want.id()).isEqualTo(layoutFree(want.text()));
          assertThat(Arrays.asList(got.text().split("\n")))
              .as("headings on their own lines")
              .contains(
                  switch (want.type()) {
                    case ADMISSION_NOTE -> "主诉";
                    case DISCHARGE_SUMMARY -> "出院诊断";
                    default -> "手术经过";
                  });
          documents++;
        }
        checkVisitsAndCodes(generated, landed, exported);
      }
      assertThat(documents).isEqualTo(written);

      IngestCounts again = CdaFiles.ingest(feed, List.of(dir), p -> {});
      assertThat(again.duplicates()).isEqualTo(written);
    }
  }

  private static void checkVisitsAndCodes(
      PatientRecord generated, PatientRecord landed, List<ClinicalDocument> exported) {
    Set<String> visits =
        exported.stream().map(ClinicalDocument::encounterId).collect(Collectors.toSet());
    for (Encounter e : generated.encounters()) {
      if (!visits.contains(e.id())) {
        continue;
      }
      Encounter got =
          landed.encounters().stream()
              .filter(x -> x.id().equals("visit:HIS/TIANSHU-SYNTH|" + e.id()))
              .findFirst()
              .orElseThrow();
      assertThat(got.type()).isEqualTo(e.type());
      assertThat(got.department()).isEqualTo(e.department());
      assertThat(got.admittedAt()).isEqualTo(e.admittedAt());
      boolean summarised =
          exported.stream()
              .anyMatch(
                  d ->
                      d.encounterId().equals(e.id())
                          && d.type().name().equals("DISCHARGE_SUMMARY"));
      if (summarised) {
        assertThat(got.dischargedAt()).isEqualTo(e.dischargedAt());
      }
      for (DiagnosisKind kind : List.of(DiagnosisKind.ADMISSION, DiagnosisKind.DISCHARGE)) {
        String carrier = kind == DiagnosisKind.ADMISSION ? "ADMISSION_NOTE" : "DISCHARGE_SUMMARY";
        if (exported.stream()
            .noneMatch(d -> d.encounterId().equals(e.id()) && d.type().name().equals(carrier))) {
          continue;
        }
        assertThat(codes(landed.diagnoses(), "visit:HIS/TIANSHU-SYNTH|" + e.id(), kind))
            .as(e.id() + " " + kind)
            .containsExactlyInAnyOrderElementsOf(codes(generated.diagnoses(), e.id(), kind));
      }
      for (ClinicalDocument op :
          exported.stream()
              .filter(
                  d -> d.encounterId().equals(e.id()) && d.type().name().equals("OPERATION_NOTE"))
              .toList()) {
        Operation want =
            generated.operations().stream()
                .filter(o -> o.encounterId().equals(e.id()) && op.eventAt().equals(o.endedAt()))
                .findFirst()
                .orElseThrow();
        Operation landedOp =
            landed.operations().stream()
                .filter(
                    o ->
                        o.provenance()
                            .sourceRecordId()
                            .startsWith("2.16.156.10011.1.1|" + op.id() + "#"))
                .findFirst()
                .orElseThrow();
        assertThat(landedOp.code()).isEqualTo(want.code());
        assertThat(landedOp.startedAt()).isEqualTo(want.startedAt());
        assertThat(landedOp.endedAt()).isEqualTo(want.endedAt());
        assertThat(landedOp.surgeon()).isEqualTo(want.surgeon());
        assertThat(landedOp.anaesthesia()).isEqualTo(want.anaesthesia());
        assertThat(landedOp.incisionClass()).isEqualTo(want.incisionClass());
        assertThat(landedOp.level()).isEqualTo(want.level());
      }
    }
  }

  /** Kind, main flag, time and mapped code of each diagnosis of a visit. */
  private static List<String> codes(List<Diagnosis> all, String encounterId, DiagnosisKind kind) {
    return all.stream()
        .filter(d -> d.encounterId().equals(encounterId) && d.kind() == kind)
        .map(d -> d.main() + " " + d.diagnosedAt() + " " + d.code())
        .toList();
  }

  static String layoutFree(String text) {
    return text.replaceAll("[\\s\\u3000：:]+", "");
  }
}
