package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.RecordEnricher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A feed's enricher sees each record it writes with the record the CDR held before the batch, and
 * what it returns is what is stored — in the same transaction as the unit's status.
 */
class FhirFeedEnricherTest {

  /** One fact per document, naming the document's first character: enough to see what was read. */
  private static PatientRecord firstCharacters(PatientRecord record) {
    List<NoteFact> facts = new ArrayList<>();
    for (ClinicalDocument d : record.documents()) {
      facts.add(
          new NoteFact(
              d.id() + ":0-1",
              d.patientId(),
              d.encounterId(),
              d.id(),
              0,
              1,
              "symptom",
              d.text().substring(0, 1),
              d.text().substring(0, 1),
              false,
              false,
              false,
              false,
              null,
              d.createdAt(),
              "test-enricher"));
    }
    return record.withNoteFacts(facts);
  }

  @Test
  void theEnricherSeesTheRecordBeforeAndItsOutputIsStored() {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      List<PatientRecord> befores = new CopyOnWriteArrayList<>();
      RecordEnricher enricher =
          (before, after) -> {
            befores.add(before == null ? after.withNoteFacts(List.of()) : before);
            return firstCharacters(after);
          };
      IngestFeed feed =
          new IngestFeed(
              opened.store(),
              IngestSettings.defaults(),
              new TestClock(Instant.parse("2026-11-25T08:00:00Z")),
              List.of(),
              enricher);
      String bundle =
          new String(Fixtures.bytes("fhir/zhang-san-dvt-bundle.json"), StandardCharsets.UTF_8);
      stage(feed, bundle);

      PatientRecord first = opened.store().readPatient("zhangsan-001").orElseThrow();
      assertThat(first.documents()).isNotEmpty();
      assertThat(first.noteFacts()).extracting(NoteFact::surface).containsExactly("入");
      assertThat(befores).hasSize(1);

      // The note is corrected: the enricher gets the stored record, and its new reading is kept.
      String corrected =
          Base64.getEncoder().encodeToString("出院记录".getBytes(StandardCharsets.UTF_8));
      // The admission note is the DocumentReference's attachment, the bundle's last "data".
      int data = bundle.lastIndexOf("\"data\": \"") + "\"data\": \"".length();
      String edited =
          bundle.substring(0, data) + corrected + bundle.substring(bundle.indexOf('"', data));
      stage(feed, edited);

      assertThat(opened.store().readPatient("zhangsan-001").orElseThrow().documents())
          .extracting(ClinicalDocument::text)
          .containsExactly("出院记录");
      assertThat(befores).hasSize(2);
      assertThat(befores.get(1)).isEqualTo(first);
      assertThat(opened.store().readPatient("zhangsan-001").orElseThrow().noteFacts())
          .extracting(NoteFact::surface)
          .containsExactly("出");
    }
  }

  private static void stage(IngestFeed feed, String bundle) {
    feed.stage(
        List.of(
            new IncomingMessage(
                "test",
                bundle.getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-11-25T08:00:00Z"),
                "EMR")));
    feed.applyPending();
  }
}
