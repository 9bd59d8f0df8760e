package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StagedMessageTest {

  @Test
  void keyIsSourcePlusContentHashAndRawBytesAreCopied() {
    byte[] raw = Fixtures.bytes("hl7v2/adt-a02-utf8.hl7");
    StagedMessage staged = StagedMessage.of("his-adt", null, Instant.EPOCH, raw);

    assertThat(staged.sha256()).hasSize(64).isEqualTo(StagedMessage.sha256(raw));
    assertThat(staged.key()).isEqualTo("his-adt:" + staged.sha256());
    assertThat(staged.sourceId()).isEqualTo(staged.sha256());
    raw[0] = 'X';
    assertThat(staged.raw()[0]).isEqualTo((byte) 'M');
    assertThat(StagedMessage.of("his-adt", null, Instant.EPOCH, staged.raw()).key())
        .isEqualTo(staged.key());
  }

  @Test
  void quarantinedKeepsTheRawPayloadAndDescribesItself() {
    StagedMessage staged = StagedMessage.of("lis", "f1", Instant.EPOCH, new byte[] {1, 2});
    MessageOutcome outcome = new Hl7v2Ingestion().ingest(staged, "b");

    assertThat(outcome)
        .isInstanceOfSatisfying(
            MessageOutcome.Quarantined.class,
            q -> {
              assertThat(q.rawPayload()).containsExactly(1, 2);
              assertThat(q.describe()).isEqualTo("TS-INGEST-001 message does not start with MSH");
            });
  }
}
