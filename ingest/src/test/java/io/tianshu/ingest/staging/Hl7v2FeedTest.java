package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One patient's stay told by twelve HL7 v2 messages (src/test/resources/hl7v2/feed, applied in file
 * order) lands in the CDR as one record: admission, preliminary and corrected results, transfer,
 * demographic update, discharge and its cancellation, a result held until its patient registers, a
 * second registration merged (A40) and its admission cancelled through the merged-away id (A11). On
 * DuckDB, and on PostgreSQL when configured.
 */
class Hl7v2FeedTest {

  static final Instant START = Instant.parse("2026-12-02T04:00:00Z");
  static final String WANG = "HIS:MR|0088001";
  static final String ZHAO = "HIS:MR|0088002";
  static final String WANG_SECOND = "HIS:MR|0088003";
  static final String STAY = "visit:HIS/市第一人民医院|V2026112501";

  static Stream<Arguments> engines() {
    return TestStores.postgresAvailable()
        ? Stream.of(Arguments.of("duckdb"), Arguments.of("postgresql"))
        : Stream.of(Arguments.of("duckdb"));
  }

  static Path feedDirectory() {
    try {
      return Path.of(Fixtures.class.getResource("/hl7v2/feed").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aStayToldByTwelveMessagesLandsAsOneRecordAndCountsReconcile(String engine)
      throws IOException {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      CdrStore store = opened.store();
      IngestFeed feed = new IngestFeed(store, IngestSettings.defaults(), new TestClock(START));

      IngestCounts counts = Hl7v2Files.ingest(feed, List.of(feedDirectory()), p -> {});

      assertThat(counts.reconciles()).isTrue();
      assertThat(counts.received()).isEqualTo(12);
      assertThat(counts.accepted()).as("01 02 04 08 09 10 add records").isEqualTo(6);
      assertThat(counts.updated()).as("03 05 06 07 11 12 change records").isEqualTo(6);
      assertThat(counts.duplicates()).isZero();
      assertThat(counts.quarantined()).isZero();
      assertThat(counts.held()).as("08 was held until 09 registered its patient").isZero();

      PatientRecord wang = store.readPatient(WANG).orElseThrow();
      assertThat(wang.patient().name()).isEqualTo("王五");
      assertThat(wang.patient().phone()).as("A08").isEqualTo("13900000099");
      assertThat(wang.patient().identifiers())
          .as("the merged registration's MRN is kept")
          .contains(
              new PatientIdentifier("HIS:MR", "0088001"),
              new PatientIdentifier("HIS:MR", "0088003"));
      assertThat(wang.encounters())
          .as("the second admission moved by A40 and cancelled by A11 through the old id")
          .extracting(Encounter::id)
          .containsExactly(STAY);
      Encounter stay = wang.encounters().get(0);
      assertThat(stay.department()).as("where the stay began").isEqualTo("骨科");
      assertThat(stay.admittedAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 8, 0));
      assertThat(stay.dischargedAt()).as("A03 then A13 cancelled it").isNull();
      assertThat(stay.disposition()).isNull();
      assertThat(stay.transfers()).hasSize(1);
      assertThat(stay.transfers().get(0).fromDepartment()).isEqualTo("骨科");
      assertThat(stay.transfers().get(0).toDepartment()).isEqualTo("重症医学科");
      assertThat(stay.transfers().get(0).at()).isEqualTo(LocalDateTime.of(2026, 11, 26, 10, 0));
      assertThat(wang.labs())
          .extracting(LabResult::textValue)
          .containsExactlyInAnyOrder("132", "7.1");
      LabResult platelets =
          wang.labs().stream().filter(l -> l.textValue().equals("132")).findFirst().orElseThrow();
      assertThat(platelets.provenance().sourceRecordId())
          .as("the correction replaced the preliminary result")
          .isEqualTo("LIS-20261125-0102#5");
      assertThat(platelets.encounterId()).as("linked to the HIS visit").isEqualTo(STAY);
      assertThat(store.readPatient(WANG_SECOND)).as("merged away").isEmpty();

      PatientRecord zhao = store.readPatient(ZHAO).orElseThrow();
      assertThat(zhao.labs()).extracting(LabResult::textValue).containsExactly("2.8");
      assertThat(zhao.encounters()).hasSize(1);

      assertThat(mergeRows(store)).isEqualTo(1);
      assertThat(store.counts()).isEqualTo(new CdrCounts(2, 2, 0, 6, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void runningTheSameFilesAgainFindsOnlyDuplicatesAndChangesNothing(String engine)
      throws IOException {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      CdrStore store = opened.store();
      IngestFeed feed = new IngestFeed(store, IngestSettings.defaults(), new TestClock(START));
      Hl7v2Files.ingest(feed, List.of(feedDirectory()), p -> {});
      CdrCounts counts = store.counts();
      PatientRecord wang = store.readPatient(WANG).orElseThrow();

      IngestCounts again = Hl7v2Files.ingest(feed, List.of(feedDirectory()), p -> {});

      assertThat(again.received()).isEqualTo(12);
      assertThat(again.duplicates()).isEqualTo(12);
      assertThat(again.reconciles()).isTrue();
      assertThat(store.counts()).isEqualTo(counts);
      assertThat(store.readPatient(WANG)).contains(wang);
    }
  }

  private static long mergeRows(CdrStore store) {
    return store.inTransaction(
        c -> {
          try (ResultSet rs =
              c.createStatement().executeQuery("SELECT COUNT(*) FROM ingest_patient_merge")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
