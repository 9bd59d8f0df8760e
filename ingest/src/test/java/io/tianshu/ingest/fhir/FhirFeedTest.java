package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.SharedData;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestFormats;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.QuarantinePage;
import io.tianshu.ingest.staging.StoredMessage;
import io.tianshu.ingest.staging.UnitFormat;
import io.tianshu.ingest.staging.UnitHeader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FHIR units through the staging feed, with the fixtures in {@code src/test/resources/fhir/feed}: a
 * lab result staged before its patient is held and released when the Patient arrives; a newer
 * version of the resource replaces the record; a transaction bundle with one bad entry is
 * quarantined whole; what the format claims and the staging header it reads.
 */
class FhirFeedTest {

  static Stream<String> engines() {
    return TestStores.postgresAvailable() ? Stream.of("duckdb", "postgresql") : Stream.of("duckdb");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aResultBeforeItsPatientIsHeldThenReleasedAndANewerVersionReplacesIt(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      IngestFeed feed = feed(opened);

      IngestCounts result = ingest(feed, "01-observation-hb.json");
      assertThat(result.received()).isEqualTo(1);
      assertThat(result.held()).isEqualTo(1);
      assertThat(result.reconciles()).isTrue();
      assertThat(opened.store().readPatient("li-si")).isEmpty();

      IngestCounts registration =
          ingest(feed, "02-patient-li-si.json", "03-encounter-li-si-v1.json");
      assertThat(registration.accepted()).isEqualTo(2);
      assertThat(registration.released()).isEqualTo(1);
      PatientRecord record = opened.store().readPatient("li-si").orElseThrow();
      assertThat(record.patient().name()).isEqualTo("李四");
      assertThat(record.patient().mrn()).isEqualTo("0077001");
      assertThat(record.patient().provenance().sourceSystem()).isEqualTo("his.example.cn");
      assertThat(record.encounters())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.id()).isEqualTo("li-si-v1");
                assertThat(e.department()).isEqualTo("血液内科");
              });
      LabResult hb = record.labs().get(0);
      assertThat(record.labs()).hasSize(1);
      assertThat(hb.id()).isEqualTo("li-si-hb-1");
      assertThat(hb.encounterId()).isEqualTo("li-si-v1");
      assertThat(hb.numericValue()).isEqualTo(98.0);
      assertThat(hb.flag()).isEqualTo(AbnormalFlag.LOW);
      assertThat(hb.collectedAt()).isEqualTo(LocalDateTime.parse("2026-11-20T07:30:00"));
      assertThat(hb.provenance().sourceSystem()).isEqualTo("lis.example.cn");
      assertThat(hb.provenance().sourceRecordId()).isEqualTo("Observation/li-si-hb-1");

      IngestCounts correction = ingest(feed, "04-observation-hb-corrected.json");
      assertThat(correction.updated()).isEqualTo(1);
      List<LabResult> labs = opened.store().readPatient("li-si").orElseThrow().labs();
      assertThat(labs)
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.numericValue()).isEqualTo(108.0);
                assertThat(l.reportedAt()).isEqualTo(LocalDateTime.parse("2026-11-20T10:05:00"));
              });

      // The first version delivered again is the same content: a duplicate, nothing changes.
      IngestCounts again = ingest(feed, "01-observation-hb.json");
      assertThat(again.duplicates()).isEqualTo(1);
      assertThat(opened.store().readPatient("li-si").orElseThrow().labs().get(0).numericValue())
          .isEqualTo(108.0);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aTransactionWithOneBadEntryIsQuarantinedWhole(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      IngestFeed feed = feed(opened);
      ingest(feed, "02-patient-li-si.json", "03-encounter-li-si-v1.json");

      IngestCounts counts = ingest(feed, "05-transaction-one-bad-entry.json");
      assertThat(counts.quarantined()).isEqualTo(1);
      assertThat(counts.reconciles()).isTrue();
      QuarantinePage page = feed.quarantine(null, 0, 10);
      StoredMessage q = page.items().get(0);
      assertThat(page.total()).isEqualTo(1);
      assertThat(q.errorCode()).isEqualTo("TS-INGEST-213");
      assertThat(q.messageType()).isEqualTo("FHIR^Bundle");
      assertThat(q.sourceId()).isEqualTo("Bundle/tx-li-si-labs-2");
      assertThat(q.reason())
          .startsWith("1 of 2 resources rejected, so the whole Bundle is quarantined")
          .contains("Observation/li-si-wbc-2");
      // The good entry did not land either: a transaction is all or nothing.
      assertThat(opened.store().readPatient("li-si").orElseThrow().labs()).isEmpty();
    }
  }

  @Test
  void claimsFhirJsonOnlyAndReadsTheHeaderCheaply() throws IOException, URISyntaxException {
    FhirUnitFormat fhir = new FhirUnitFormat(FhirR4Reader.DEFAULT_ZONE);
    byte[] observation = Fixtures.bytes("fhir/feed/01-observation-hb.json");
    byte[] bundle = Fixtures.bytes("fhir/feed/05-transaction-one-bad-entry.json");
    byte[] tableRow = Fixtures.bytes("fhir/feed/06-table-row.json");
    byte[] hl7 = Fixtures.bytes("hl7v2/feed/01-adt-a01-wang-wu.hl7");

    assertThat(fhir.recognises(observation)).isTrue();
    assertThat(
            fhir.recognises(
                ("\uFEFF \n" + new String(bundle, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(fhir.recognises(tableRow)).isFalse();
    assertThat(fhir.recognises(hl7)).isFalse();
    assertThat(fhir.recognises("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(fhir.recognises(new byte[0])).isFalse();

    assertThat(fhir.header(observation))
        .isEqualTo(
            new UnitHeader("lis.example.cn", "Observation/li-si-hb-1", "FHIR^Observation", null));
    assertThat(fhir.header(bundle))
        .isEqualTo(new UnitHeader(null, "Bundle/tx-li-si-labs-2", "FHIR^Bundle", null));
    assertThat(fhir.header("{\"resourceType\":".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(UnitHeader.NONE);

    Path synthea = SharedData.dir("ingest/fhir/synthea-mcode-100/fhir");
    try (Stream<Path> files = Files.list(synthea)) {
      Path first = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().get();
      byte[] raw = Files.readAllBytes(first);
      assertThat(fhir.recognises(raw)).isTrue();
      assertThat(fhir.header(raw)).isEqualTo(new UnitHeader(null, null, "FHIR^Bundle", null));
    }
  }

  @Test
  void theStandardFormatsIncludeFhir() {
    List<UnitFormat> formats = IngestFormats.standard(IngestSettings.defaults());
    assertThat(formats).anySatisfy(f -> assertThat(f.name()).isEqualTo("fhir"));
  }

  private static IngestFeed feed(TestStores.Opened opened) {
    return new IngestFeed(
        opened.store(),
        IngestSettings.defaults(),
        new TestClock(Instant.parse("2026-11-25T08:00:00Z")));
  }

  private static IngestCounts ingest(IngestFeed feed, String... fixtures) {
    List<Path> paths = Stream.of(fixtures).map(FhirFeedTest::fixture).toList();
    return FhirFiles.ingest(feed, paths, p -> {});
  }

  private static Path fixture(String name) {
    try {
      return Path.of(FhirFeedTest.class.getResource("/fhir/feed/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
