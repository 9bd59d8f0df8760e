package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.synth.FhirExport;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The synthetic hospital exported as FHIR transaction bundles ({@link FhirExport}) lands whole:
 * every patient, visit, lab result and document in the CDR equals the generator's record in what
 * FHIR carries (times in the hospital zone). Left out of the comparison: provenance (the source
 * system is the feed's), wards (FHIR locations name departments here), transfer ids (the reader
 * numbers them), local code systems (the reader keys them by URI), the signing time and the note
 * facts (not exported), and orders other than drugs (FHIR MedicationRequest is for drugs).
 */
class FhirExportFeedTest {

  static Stream<String> engines() {
    return TestStores.postgresAvailable() ? Stream.of("duckdb", "postgresql") : Stream.of("duckdb");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void theExportedHospitalLandsWhole(String engine, @TempDir Path out) throws IOException {
    SyntheticHospital hospital =
        new SyntheticHospital(new SynthConfig(20261125L, 30, LocalDate.of(2026, 11, 25)));
    FhirExport.Written written = FhirExport.write(hospital, out);
    assertThat(written.bundles()).isEqualTo(30);

    try (TestStores.Opened opened = TestStores.open(engine)) {
      IngestFeed feed =
          new IngestFeed(
              opened.store(),
              IngestSettings.defaults(),
              new TestClock(Instant.parse("2026-11-25T08:00:00Z")));
      IngestCounts counts = FhirFiles.ingest(feed, List.of(out.resolve("fhir")), p -> {});
      assertThat(counts.received()).isEqualTo(30);
      assertThat(counts.accepted())
          .as(
              () ->
                  feed.quarantine(null, 0, 50).items().stream()
                      .map(q -> q.sourceId() + " " + q.errorCode() + " " + q.reason())
                      .toList()
                      .toString())
          .isEqualTo(30);
      assertThat(counts.reconciles()).isTrue();

      Map<String, PatientRecord> stored = CdrContent.all(opened.store());
      assertThat(stored).hasSize(30);
      for (GeneratedPatient g : hospital) {
        PatientRecord want = g.record();
        PatientRecord got = stored.get(want.patient().id());
        assertThat(got).as(want.patient().id()).isNotNull();
        assertThat(patient(got.patient())).isEqualTo(patient(want.patient()));
        assertThat(got.patient().identifiers()).containsAll(want.patient().identifiers());
        // The store masks the ID card number on read: birth date and sequence are hidden.
        String idNumber = want.patient().idNumber();
        assertThat(got.patient().idNumber())
            .startsWith(idNumber.substring(0, 6))
            .endsWith(idNumber.substring(14))
            .hasSameSizeAs(idNumber);
        same(got.encounters(), want.encounters(), FhirExportFeedTest::encounter);
        same(got.labs(), want.labs(), FhirExportFeedTest::lab);
        same(got.documents(), want.documents(), FhirExportFeedTest::document);
        same(
            got.diagnoses(),
            want.diagnoses(),
            d ->
                List.of(
                    d.id(),
                    d.encounterId(),
                    d.kind(),
                    d.main(),
                    d.code().preferred().code(),
                    d.diagnosedAt()));
        same(
            got.operations(),
            want.operations(),
            o ->
                List.of(
                    o.id(),
                    o.encounterId(),
                    o.code().preferred().code(),
                    o.startedAt(),
                    String.valueOf(o.endedAt()),
                    String.valueOf(o.surgeon())));
        same(
            got.orders(),
            want.orders().stream().filter(o -> o.category() == OrderCategory.DRUG).toList(),
            FhirExportFeedTest::order);
        same(
            got.administrations(),
            want.administrations(),
            a ->
                List.of(
                    a.id(),
                    String.valueOf(a.orderId()),
                    a.encounterId(),
                    a.item().local().code(),
                    String.valueOf(a.dose()),
                    String.valueOf(a.doseUnit()),
                    String.valueOf(a.route()),
                    a.administeredAt(),
                    String.valueOf(a.performer())));
        same(
            got.vitals(),
            want.vitals(),
            v -> List.of(v.id(), v.encounterId(), v.type(), v.value(), v.measuredAt()));
      }
    }
  }

  private static <T> void same(List<T> got, List<T> want, Function<T, List<?>> fields) {
    List<String> gotText = got.stream().map(fields).map(Objects::toString).sorted().toList();
    List<String> wantText = want.stream().map(fields).map(Objects::toString).sorted().toList();
    List<String> missing = wantText.stream().filter(w -> !gotText.contains(w)).toList();
    List<String> extra = gotText.stream().filter(g -> !wantText.contains(g)).toList();
    assertThat(gotText).as("missing %s%nextra %s", missing, extra).isEqualTo(wantText);
  }

  private static List<?> patient(Patient p) {
    return List.of(
        p.id(),
        p.mrn(),
        p.name(),
        p.sex(),
        p.birthDate(),
        String.valueOf(p.phone()),
        String.valueOf(p.address()));
  }

  private static List<?> encounter(Encounter e) {
    return List.of(
        e.id(),
        e.patientId(),
        e.type(),
        e.department(),
        e.admittedAt(),
        String.valueOf(e.dischargedAt()),
        String.valueOf(e.disposition()),
        String.valueOf(e.attendingDoctor()),
        e.transfers().stream()
            .map(t -> t.fromDepartment() + ">" + t.toDepartment() + "@" + t.at())
            .toList());
  }

  private static List<?> lab(LabResult l) {
    return List.of(
        l.id(),
        l.encounterId(),
        String.valueOf(l.panel()),
        l.item().preferred().code(),
        String.valueOf(l.numericValue()),
        l.textValue(),
        // A blank unit is no unit: FHIR has no empty strings.
        String.valueOf(l.unit() == null || l.unit().isBlank() ? null : l.unit()),
        String.valueOf(l.referenceLow()),
        String.valueOf(l.referenceHigh()),
        String.valueOf(l.referenceText()),
        l.flag(),
        String.valueOf(l.specimen()),
        l.collectedAt(),
        String.valueOf(l.reportedAt()));
  }

  private static List<?> document(ClinicalDocument d) {
    return List.of(
        d.id(),
        d.encounterId(),
        d.type(),
        d.title(),
        String.valueOf(d.author()),
        String.valueOf(d.eventAt()),
        d.createdAt(),
        d.text());
  }

  private static List<?> order(MedicationOrder o) {
    return List.of(
        o.id(),
        o.encounterId(),
        o.item().local().code(),
        o.item().local().display(),
        String.valueOf(o.dose()),
        String.valueOf(o.doseUnit()),
        String.valueOf(o.route()),
        String.valueOf(o.frequency()),
        o.longTerm(),
        o.startAt(),
        String.valueOf(o.stopAt()),
        String.valueOf(o.orderingDoctor()));
  }
}
