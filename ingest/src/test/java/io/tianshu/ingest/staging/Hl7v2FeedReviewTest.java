package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.store.CdrStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holding, expiry, quarantine review and replay, across separate runs as they happen in a hospital:
 * a result waits for its patient, a message waits too long and is quarantined, a broken message is
 * corrected and replayed while the original is kept.
 */
class Hl7v2FeedReviewTest {

  static final Instant START = Instant.parse("2026-12-01T01:00:00Z");

  static Stream<Arguments> engines() {
    return TestStores.postgresAvailable()
        ? Stream.of(Arguments.of("duckdb"), Arguments.of("postgresql"))
        : Stream.of(Arguments.of("duckdb"));
  }

  private static IncomingMessage fixture(String name, Instant at) {
    return new IncomingMessage("test:" + name, Fixtures.bytes(name), at);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aHeldResultIsAppliedWhenItsPatientArrivesInALaterRun(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      CdrStore store = opened.store();
      TestClock clock = new TestClock(START);
      IngestFeed feed = new IngestFeed(store, IngestSettings.defaults(), clock);

      IngestRun first = feed.newRun();
      first.stage(
          List.of(
              fixture("hl7v2/feed/08-oru-r01-zhao-liu-before-registration.hl7", clock.instant())));
      first.applyPending();
      IngestCounts waiting = first.counts();
      assertThat(waiting.held()).isEqualTo(1);
      assertThat(waiting.reconciles()).isTrue();
      assertThat(store.readPatient("HIS:MR|0088002")).isEmpty();

      clock.advance(Duration.ofHours(2));
      IngestRun second = feed.newRun();
      second.stage(List.of(fixture("hl7v2/feed/09-adt-a04-zhao-liu.hl7", clock.instant())));
      second.applyPending();
      IngestCounts arrival = second.counts();

      assertThat(arrival.accepted()).isEqualTo(1);
      assertThat(arrival.released()).as("the result of the first run").isEqualTo(1);
      assertThat(store.readPatient("HIS:MR|0088002").orElseThrow().labs())
          .extracting(LabResult::textValue)
          .containsExactly("2.8");
      assertThat(feed.quarantine(null, 0, 10).total()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aMessageHeldLongerThanTheHoldTimeIsQuarantinedWithItsReason(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      TestClock clock = new TestClock(START);
      IngestFeed feed =
          new IngestFeed(
              opened.store(), IngestSettings.defaults().withHoldTime(Duration.ofHours(6)), clock);
      feed.stage(
          List.of(
              fixture("hl7v2/feed/08-oru-r01-zhao-liu-before-registration.hl7", clock.instant())));
      feed.applyPending();

      clock.advance(Duration.ofHours(5));
      assertThat(feed.applyPending().expired()).isZero();
      clock.advance(Duration.ofHours(2));
      assertThat(feed.applyPending().expired()).isEqualTo(1);

      QuarantinePage page = feed.quarantine(null, 0, 10);
      assertThat(page.total()).isEqualTo(1);
      StoredMessage q = page.items().get(0);
      assertThat(q.errorCode()).isEqualTo("TS-INGEST-060");
      assertThat(q.reason()).startsWith("held longer than PT6H: ").contains("HIS:MR|0088002");
      assertThat(q.source()).isEqualTo("LIS/市第一人民医院");
      assertThat(q.sourceId()).isEqualTo("LIS-20261201-0201");
      assertThat(q.raw())
          .isEqualTo(Fixtures.bytes("hl7v2/feed/08-oru-r01-zhao-liu-before-registration.hl7"));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aCorrectedPayloadReplaysAndTheOriginalIsKept(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      CdrStore store = opened.store();
      IngestFeed feed = new IngestFeed(store, IngestSettings.defaults(), new TestClock(START));
      byte[] broken = Fixtures.bytes("hl7v2/adt-a01-invalid-admit-date.hl7");
      feed.stage(List.of(new IncomingMessage("test", broken, START)));
      feed.applyPending();
      StoredMessage quarantined = feed.quarantine(null, 0, 10).items().get(0);
      assertThat(quarantined.errorCode()).isEqualTo("TS-INGEST-040");
      assertThat(quarantined.reason()).contains("PV1-44").contains("2023-13-40");

      assertThat(feed.replay(quarantined.id(), null).orElseThrow().status())
          .as("replayed unchanged, it fails the same way")
          .isEqualTo(MessageStatus.QUARANTINED);
      byte[] corrected =
          new String(broken, StandardCharsets.UTF_8)
              .replace("2023-13-40", "20261120080000")
              .getBytes(StandardCharsets.UTF_8);
      StoredMessage replayed = feed.replay(quarantined.id(), corrected).orElseThrow();

      assertThat(replayed.status()).isEqualTo(MessageStatus.APPLIED);
      assertThat(replayed.replayOf()).isEqualTo(quarantined.id());
      StoredMessage original = feed.message(quarantined.id()).orElseThrow();
      assertThat(original.status()).isEqualTo(MessageStatus.SUPERSEDED);
      assertThat(original.raw()).isEqualTo(broken);
      assertThat(original.attempts()).isEqualTo(2);
      assertThat(feed.quarantine(null, 0, 10).total()).isZero();
      Encounter stay = store.readPatient("HIS:MR|0099999").orElseThrow().encounters().get(0);
      assertThat(stay.admittedAt()).isEqualTo(LocalDateTime.of(2026, 11, 20, 8, 0));
      assertThat(feed.replay(quarantined.id(), corrected)).as("no longer quarantined").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void sourcesShowMessagesByStatusLastArrivalAndHourlyCounts(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      TestClock clock = new TestClock(START);
      IngestFeed feed = new IngestFeed(opened.store(), IngestSettings.defaults(), clock);
      feed.stage(List.of(fixture("hl7v2/feed/01-adt-a01-wang-wu.hl7", clock.instant())));
      clock.advance(Duration.ofHours(1));
      feed.stage(
          List.of(
              fixture("hl7v2/feed/04-adt-a02-wang-wu.hl7", clock.instant()),
              fixture("hl7v2/feed/04-adt-a02-wang-wu.hl7", clock.instant()),
              fixture("hl7v2/adt-a01-invalid-admit-date.hl7", clock.instant())));
      feed.applyPending();

      List<SourceActivity> sources = feed.sources(Duration.ofHours(24));
      assertThat(sources).extracting(SourceActivity::source).containsExactly("HIS/市第一人民医院");
      SourceActivity his = sources.get(0);
      assertThat(his.messages())
          .containsEntry(MessageStatus.APPLIED, 2L)
          .containsEntry(MessageStatus.DUPLICATE, 1L)
          .containsEntry(MessageStatus.QUARANTINED, 1L);
      assertThat(his.lastArrival()).isEqualTo(START.plus(Duration.ofHours(1)));
      assertThat(his.perHour())
          .containsEntry(START, 1L)
          .containsEntry(START.plus(Duration.ofHours(1)), 3L);
    }
  }
}
