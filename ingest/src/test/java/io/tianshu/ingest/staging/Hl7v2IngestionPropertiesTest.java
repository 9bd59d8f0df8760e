package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.IngestErrorCode;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Any byte sequence is accepted or quarantined; ingestion never throws and is deterministic. */
class Hl7v2IngestionPropertiesTest {

  private static final List<String> VALID =
      List.of(
          "hl7v2/adt-a01-gb18030.hl7",
          "hl7v2/adt-a02-utf8.hl7",
          "hl7v2/adt-a03-utf8.hl7",
          "hl7v2/oru-r01-lis-utf8.hl7");

  private final Hl7v2Ingestion ingestion = new Hl7v2Ingestion();

  @Property(tries = 300)
  void randomBytesAreQuarantinedNeverThrown(@ForAll @Size(max = 600) byte[] raw) {
    MessageOutcome outcome = ingest(raw);

    assertThat(outcome).isInstanceOf(MessageOutcome.Quarantined.class);
    assertThat(((MessageOutcome.Quarantined) outcome).code())
        .isNotEqualTo(IngestErrorCode.INTERNAL);
  }

  @Property(tries = 300)
  void randomBytesBehindAnMshPrefixNeverThrow(@ForAll @Size(max = 400) byte[] tail) {
    byte[] head = "MSH|^~\\&|HIS|H1|||20261120||ADT^A01|1|P|2.5.1\r".getBytes();
    byte[] raw = new byte[head.length + tail.length];
    System.arraycopy(head, 0, raw, 0, head.length);
    System.arraycopy(tail, 0, raw, head.length, tail.length);

    assertOutcome(raw);
  }

  @Property(tries = 500)
  void mutatedValidMessagesAreAcceptedOrQuarantined(@ForAll("mutated") byte[] raw) {
    assertOutcome(raw);
  }

  @Property(tries = 50)
  void ingestingTwiceGivesTheSameOutcome(@ForAll("mutated") byte[] raw) {
    MessageOutcome first = ingest(raw);
    MessageOutcome second = ingest(raw);

    if (first instanceof MessageOutcome.Accepted a) {
      assertThat(second)
          .isInstanceOfSatisfying(
              MessageOutcome.Accepted.class, b -> assertThat(b.message()).isEqualTo(a.message()));
    } else {
      assertThat(second).isEqualTo(first);
    }
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    Arbitrary<byte[]> valid = Arbitraries.of(VALID).map(Fixtures::bytes);
    Arbitrary<Integer> mutations = Arbitraries.integers().between(1, 8);
    Arbitrary<Long> seeds = Arbitraries.longs();
    return Combinators.combine(valid, mutations, seeds).as(Hl7v2IngestionPropertiesTest::mutate);
  }

  /** Overwrites, deletes or inserts bytes, favouring HL7 delimiters and digits. */
  static byte[] mutate(byte[] raw, int count, long seed) {
    java.util.Random random = new java.util.Random(seed);
    byte[] alphabet = "|^~\\&\r\n0123456789-:. \u0000".getBytes();
    byte[] out = raw.clone();
    for (int i = 0; i < count && out.length > 1; i++) {
      int at = random.nextInt(out.length);
      byte b =
          random.nextBoolean()
              ? alphabet[random.nextInt(alphabet.length)]
              : (byte) random.nextInt(256);
      switch (random.nextInt(3)) {
        case 0 -> out[at] = b;
        case 1 -> {
          byte[] shorter = new byte[out.length - 1];
          System.arraycopy(out, 0, shorter, 0, at);
          System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
          out = shorter;
        }
        default -> {
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = b;
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
        }
      }
    }
    return out;
  }

  private void assertOutcome(byte[] raw) {
    MessageOutcome outcome = ingest(raw);
    assertThat(outcome).isNotNull();
    if (outcome instanceof MessageOutcome.Quarantined q) {
      assertThat(q.code()).as(q.describe()).isNotEqualTo(IngestErrorCode.INTERNAL);
      assertThat(q.reason()).isNotBlank();
    }
  }

  private MessageOutcome ingest(byte[] raw) {
    return ingestion.ingest(StagedMessage.of("prop", null, Instant.EPOCH, raw), "batch");
  }
}
