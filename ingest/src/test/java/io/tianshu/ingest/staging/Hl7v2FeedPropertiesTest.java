package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.store.CdrCounts;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The staging and apply path never crashes: any mix of valid, mutated and random messages is staged
 * and ends applied, held, quarantined or a duplicate, never with the internal-failure code; the
 * counts reconcile; and ingesting the same messages again changes nothing in the CDR. One DuckDB
 * CDR for all tries, so later tries merge into the records earlier ones left.
 */
class Hl7v2FeedPropertiesTest {

  private static final List<String> VALID =
      List.of(
          "hl7v2/adt-a01-gb18030.hl7",
          "hl7v2/adt-a02-utf8.hl7",
          "hl7v2/adt-a03-utf8.hl7",
          "hl7v2/oru-r01-lis-utf8.hl7",
          "hl7v2/feed/01-adt-a01-wang-wu.hl7",
          "hl7v2/feed/03-oru-r01-wang-wu-corrected.hl7",
          "hl7v2/feed/04-adt-a02-wang-wu.hl7",
          "hl7v2/feed/07-adt-a13-wang-wu.hl7",
          "hl7v2/feed/08-oru-r01-zhao-liu-before-registration.hl7",
          "hl7v2/feed/09-adt-a04-zhao-liu.hl7",
          "hl7v2/feed/11-adt-a40-merge-wang-wu.hl7",
          "hl7v2/feed/12-adt-a11-cancel-second-admission.hl7");

  private static TestStores.Opened opened;
  private static IngestFeed feed;

  @BeforeContainer
  static void open() {
    opened = TestStores.duckdb();
    feed =
        new IngestFeed(
            opened.store(),
            IngestSettings.defaults().withBatchSize(7),
            new TestClock(Instant.parse("2026-12-01T00:00:00Z")));
  }

  @AfterContainer
  static void close() {
    opened.close();
  }

  @Property(tries = 60)
  void anyMixOfMessagesEndsAppliedHeldQuarantinedOrDuplicate(
      @ForAll("messages") List<byte[]> messages) {
    IngestRun run = feed.newRun();
    List<IncomingMessage> incoming = new ArrayList<>();
    for (byte[] m : messages) {
      incoming.add(new IncomingMessage("property", m, feed.clock().instant()));
    }
    run.stage(incoming);
    run.applyPending();

    IngestCounts counts = run.counts();
    assertThat(counts.received()).isEqualTo(messages.size());
    assertThat(counts.reconciles()).as(counts.toString()).isTrue();
    assertThat(count("SELECT COUNT(*) FROM ingest_message WHERE status = 'STAGED'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM ingest_message WHERE error_code = 'TS-INGEST-099'"))
        .isZero();
  }

  @Property(tries = 25)
  void ingestingTheSameMessagesAgainChangesNothing(@ForAll("messages") List<byte[]> messages) {
    List<IncomingMessage> incoming = new ArrayList<>();
    for (byte[] m : messages) {
      incoming.add(new IncomingMessage("property", m, feed.clock().instant()));
    }
    feed.stage(incoming);
    feed.applyPending();
    CdrCounts before = opened.store().counts();

    IngestRun again = feed.newRun();
    again.stage(incoming);
    again.applyPending();

    assertThat(again.counts().duplicates()).isEqualTo(messages.size());
    assertThat(opened.store().counts()).isEqualTo(before);
  }

  @Provide
  Arbitrary<List<byte[]>> messages() {
    Arbitrary<byte[]> valid = Arbitraries.of(VALID).map(Fixtures::bytes);
    Arbitrary<byte[]> mutated =
        Combinators.combine(valid, Arbitraries.integers().between(1, 6), Arbitraries.longs())
            .as(Hl7v2IngestionPropertiesTest::mutate);
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, valid),
            net.jqwik.api.Tuple.of(5, mutated),
            net.jqwik.api.Tuple.of(1, random))
        .list()
        .ofMinSize(1)
        .ofMaxSize(20);
  }

  private static long count(String sql) {
    return opened
        .store()
        .inTransaction(
            c -> {
              try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }
}
