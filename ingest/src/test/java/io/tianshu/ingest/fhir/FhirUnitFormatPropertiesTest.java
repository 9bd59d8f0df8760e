package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.MessageOutcome;
import io.tianshu.ingest.staging.StagedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * FHIR units never crash the feed: any bytes, random or mutated from valid units, are mapped or
 * quarantined with a FHIR code other than the internal-failure 299, and the header never throws;
 * through a DuckDB feed every unit ends applied, held, quarantined or a duplicate, and the counts
 * reconcile.
 */
class FhirUnitFormatPropertiesTest {

  private static final List<String> VALID =
      List.of(
          "fhir/feed/01-observation-hb.json",
          "fhir/feed/02-patient-li-si.json",
          "fhir/feed/03-encounter-li-si-v1.json",
          "fhir/feed/04-observation-hb-corrected.json",
          "fhir/feed/05-transaction-one-bad-entry.json",
          "fhir/zhang-san-dvt-bundle.json");

  private static final FhirUnitFormat FORMAT = new FhirUnitFormat(FhirR4Reader.DEFAULT_ZONE);

  private static TestStores.Opened opened;
  private static IngestFeed feed;

  @BeforeContainer
  static void open() {
    opened = TestStores.duckdb();
    feed =
        new IngestFeed(
            opened.store(),
            IngestSettings.defaults().withBatchSize(5),
            new TestClock(Instant.parse("2026-12-01T00:00:00Z")));
  }

  @AfterContainer
  static void close() {
    opened.close();
  }

  @Property(tries = 150)
  void anyUnitIsMappedOrQuarantinedNeverInternal(@ForAll("units") byte[] raw) {
    FORMAT.header(raw);
    MessageOutcome outcome =
        FORMAT.ingest(StagedMessage.of("property", null, Instant.EPOCH, raw), "b1");
    if (outcome instanceof MessageOutcome.Quarantined q) {
      assertThat(q.code()).isNotEqualTo(IngestErrorCode.FHIR_INTERNAL);
      assertThat(q.code().code()).startsWith("TS-INGEST-2");
    } else {
      assertThat(outcome).isInstanceOf(MessageOutcome.Records.class);
    }
  }

  @Property(tries = 8)
  void anyMixOfUnitsEndsAppliedHeldQuarantinedOrDuplicate(@ForAll("mixes") List<byte[]> units) {
    IngestRun run = feed.newRun();
    List<IncomingMessage> incoming = new ArrayList<>();
    for (byte[] u : units) {
      incoming.add(new IncomingMessage("property", u, feed.clock().instant(), "property"));
    }
    run.stage(incoming);
    run.applyPending();
    IngestCounts counts = run.counts();
    assertThat(counts.received()).isEqualTo(units.size());
    assertThat(counts.reconciles()).as(counts.toString()).isTrue();
    assertThat(feed.quarantine(null, 0, 500).items())
        .allSatisfy(q -> assertThat(q.errorCode()).isNotIn("TS-INGEST-299", "TS-INGEST-099"));
  }

  @Provide
  Arbitrary<byte[]> units() {
    Arbitrary<byte[]> valid = Arbitraries.of(VALID).map(Fixtures::bytes);
    Arbitrary<byte[]> mutated =
        Combinators.combine(valid, Arbitraries.integers().between(1, 8), Arbitraries.longs())
            .as(FhirUnitFormatPropertiesTest::mutate);
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    Arbitrary<byte[]> braced =
        random.map(
            b -> {
              byte[] out = new byte[b.length + 18];
              System.arraycopy("{\"resourceType\":\"".getBytes(), 0, out, 0, 17);
              System.arraycopy(b, 0, out, 17, b.length);
              out[out.length - 1] = '}';
              return out;
            });
    return Arbitraries.frequencyOf(
        Tuple.of(2, valid), Tuple.of(6, mutated), Tuple.of(1, random), Tuple.of(1, braced));
  }

  @Provide
  Arbitrary<List<byte[]>> mixes() {
    return units().list().ofMinSize(1).ofMaxSize(12);
  }

  /** Overwrites, deletes or duplicates a few bytes, or truncates: the JSON mostly stays close. */
  static byte[] mutate(byte[] valid, int edits, long seed) {
    Random random = new Random(seed);
    byte[] b = valid.clone();
    for (int i = 0; i < edits && b.length > 1; i++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(4)) {
        case 0 -> b[at] = (byte) "{}[]\":,0a-\\ ".charAt(random.nextInt(12));
        case 1 -> {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
        }
        case 2 -> b[at] = (byte) random.nextInt(256);
        default -> b = java.util.Arrays.copyOf(b, at + 1);
      }
    }
    return b;
  }
}
