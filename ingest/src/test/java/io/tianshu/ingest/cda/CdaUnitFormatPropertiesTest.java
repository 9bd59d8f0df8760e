package io.tianshu.ingest.cda;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.staging.MessageOutcome;
import io.tianshu.ingest.staging.StagedMessage;
import io.tianshu.ingest.staging.UnitHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Any bytes are either mapped or quarantined with a CDA code, never thrown and never the internal
 * failure code (TS-INGEST-399): random bytes, random bytes behind a ClinicalDocument start tag, and
 * WS/T 500 documents with bytes overwritten, deleted or inserted.
 */
class CdaUnitFormatPropertiesTest {

  static final CdaUnitFormat FORMAT = new CdaUnitFormat(ZoneId.of("Asia/Shanghai"));
  static final byte[] C0053 = Wst500Skeletons.bytes(53);
  static final byte[] C0034 = Wst500Skeletons.bytes(34);

  @Property(tries = 100)
  void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] raw) {
    check(raw);
  }

  @Property(tries = 100)
  void randomBytesBehindARootTagNeverThrow(@ForAll @Size(max = 400) byte[] tail) {
    byte[] head = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">".getBytes(StandardCharsets.UTF_8);
    byte[] raw = new byte[head.length + tail.length];
    System.arraycopy(head, 0, raw, 0, head.length);
    System.arraycopy(tail, 0, raw, head.length, tail.length);
    assertThat(FORMAT.recognises(raw)).isTrue();
    check(raw);
  }

  @Property(tries = 150)
  void mutatedDocumentsAreMappedOrQuarantined(@ForAll("mutated") byte[] raw) {
    check(raw);
  }

  private static void check(byte[] raw) {
    UnitHeader header = FORMAT.header(raw);
    assertThat(header).isNotNull();
    MessageOutcome outcome =
        FORMAT.ingest(StagedMessage.of("fuzz", null, Instant.EPOCH, raw), "batch");
    if (outcome instanceof MessageOutcome.Quarantined q) {
      assertThat(q.code().code()).startsWith("TS-INGEST-3").isNotEqualTo("TS-INGEST-399");
    } else {
      assertThat(outcome).isInstanceOf(MessageOutcome.Records.class);
    }
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Combinators.combine(
            Arbitraries.of(C0053, C0034), Arbitraries.integers().between(1, 6), Arbitraries.longs())
        .as(CdaUnitFormatPropertiesTest::mutate);
  }

  /** Overwrites, deletes or inserts bytes, favouring XML markup and digits. */
  static byte[] mutate(byte[] raw, int count, long seed) {
    Random random = new Random(seed);
    byte[] alphabet = "<>/=\"&;:!?-0123456789 \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = raw.clone();
    for (int i = 0; i < count && out.length > 1; i++) {
      int at = random.nextInt(out.length);
      byte b = alphabet[random.nextInt(alphabet.length)];
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
}
