package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pharmacy orders (ORM^O01) and documents (MDM^T02) land in the record of a registered patient,
 * filed under the HIS visit; a discontinuation stops the order; a lab order and a document type
 * Tianshu has no record for are quarantined with their codes (src/test/resources/hl7v2/clinical).
 */
class Hl7v2FeedClinicalTest {

  static Stream<Arguments> engines() {
    return TestStores.postgresAvailable()
        ? Stream.of(Arguments.of("duckdb"), Arguments.of("postgresql"))
        : Stream.of(Arguments.of("duckdb"));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void ordersAndDocumentsLandAndTheRestIsQuarantined(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      Instant now = Instant.parse("2026-12-01T00:00:00Z");
      IngestFeed feed =
          new IngestFeed(opened.store(), IngestSettings.defaults(), new TestClock(now));
      IngestRun run = feed.newRun();
      run.stage(
          Stream.of(
                  "hl7v2/feed/01-adt-a01-wang-wu.hl7",
                  "hl7v2/clinical/orm-o01-enoxaparin-new.hl7",
                  "hl7v2/clinical/orm-o01-enoxaparin-discontinued.hl7",
                  "hl7v2/clinical/oml-o21-lab-order-only.hl7",
                  "hl7v2/clinical/mdm-t02-discharge-summary.hl7",
                  "hl7v2/clinical/mdm-t02-unknown-type.hl7")
              .map(f -> new IncomingMessage("test:" + f, Fixtures.bytes(f), now))
              .toList());
      run.applyPending();

      IngestCounts counts = run.counts();
      assertThat(counts.accepted()).as("admission, new order, document").isEqualTo(3);
      assertThat(counts.updated()).as("the discontinuation").isEqualTo(1);
      assertThat(counts.quarantined()).isEqualTo(2);
      assertThat(feed.quarantine(null, 0, 10).items())
          .extracting(StoredMessage::errorCode)
          .containsExactlyInAnyOrder("TS-INGEST-002", "TS-INGEST-036");

      PatientRecord wang = opened.store().readPatient("HIS:MR|0088001").orElseThrow();
      String stay = "visit:HIS/市第一人民医院|V2026112501";
      assertThat(wang.orders()).hasSize(1);
      MedicationOrder order = wang.orders().get(0);
      assertThat(order.item().local().display()).isEqualTo("依诺肝素钠注射液");
      assertThat(order.dose()).isEqualTo(4000.0);
      assertThat(order.doseUnit()).isEqualTo("IU");
      assertThat(order.route()).isEqualTo("皮下注射");
      assertThat(order.startAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 12, 0));
      assertThat(order.stopAt()).isEqualTo(LocalDateTime.of(2026, 11, 28, 9, 0));
      assertThat(order.encounterId()).as("the CPOE's visit number, the HIS visit").isEqualTo(stay);
      List<ClinicalDocument> documents = wang.documents();
      assertThat(documents).hasSize(1);
      assertThat(documents.get(0).type()).isEqualTo(DocumentType.DISCHARGE_SUMMARY);
      assertThat(documents.get(0).text()).startsWith("入院情况：右股骨颈骨折。\n出院诊断");
      assertThat(documents.get(0).encounterId()).isEqualTo(stay);
      assertThat(documents.get(0).signedAt()).isNotNull();
    }
  }
}
