package io.tianshu.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MLLP inbox journal: messages acknowledged from the journal all reach staging exactly once,
 * whichever of its three crash states the process died in (appended; staged but not truncated; a
 * torn append).
 */
class InboxTest {

  @TempDir Path dir;

  static Stream<Arguments> engines() {
    return TestStores.postgresAvailable()
        ? Stream.of(Arguments.of("duckdb"), Arguments.of("postgresql"))
        : Stream.of(Arguments.of("duckdb"));
  }

  private static IngestFeed feed(CdrStore store) {
    return new IngestFeed(
        store, IngestSettings.defaults(), new TestClock(Instant.parse("2026-12-02T04:00:00Z")));
  }

  private static List<IncomingMessage> incoming(List<byte[]> raw) {
    List<IncomingMessage> out = new ArrayList<>();
    for (byte[] r : raw) {
      out.add(
          new IncomingMessage("mllp:/127.0.0.1:40000", r, Instant.parse("2026-12-02T04:00:00Z")));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aLockStepStreamSentTwiceThroughTheInboxDuplicatesNothing(String engine) throws Exception {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      CdrStore store = opened.store();
      IngestFeed feed = feed(store);
      List<byte[]> messages = MllpListenerTest.feedMessages();
      CdrCounts once;
      try (MllpListener listener =
          MllpListener.start(feed, new InetSocketAddress("127.0.0.1", 0), dir)) {
        try (MllpClient client = new MllpClient("127.0.0.1", listener.port())) {
          for (byte[] m : messages) {
            assertThat(ackCode(client.send(m))).isEqualTo("AA");
          }
        }
        listener.drain();
        once = store.counts();
        try (MllpClient client = new MllpClient("127.0.0.1", listener.port())) {
          for (byte[] m : messages) {
            assertThat(ackCode(client.send(m))).isEqualTo("AA");
          }
        }
        listener.drain();
        IngestCounts counts = listener.run().counts();
        assertThat(counts.received()).isEqualTo(2L * messages.size());
        assertThat(counts.duplicates()).isEqualTo(messages.size());
        assertThat(counts.reconciles()).isTrue();
      }
      assertThat(once.patients()).isEqualTo(2);
      assertThat(store.counts()).isEqualTo(once);
    }
  }

  @Test
  void journalledButUnstagedMessagesAreStagedOnceAfterACrash() throws Exception {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened.store());
      List<byte[]> messages = MllpListenerTest.feedMessages();
      try (Inbox inbox = Inbox.open(feed, dir)) {
        inbox.append(incoming(messages.subList(0, 4)));
        // the process dies here: acknowledged, never staged
      }
      IngestRun run = feed.newRun();
      try (Inbox reopened = Inbox.open(feed, dir)) {
        assertThat(reopened.pendingCount()).isEqualTo(4);
        assertThat(reopened.moveToStaging(run)).isEqualTo(4);
      }
      try (Inbox again = Inbox.open(feed, dir)) {
        assertThat(again.pendingCount())
            .as("staged but the journal not truncated: recovery finds them staged")
            .isZero();
      }
      run.applyPending();
      IngestCounts counts = run.counts();
      assertThat(counts.received()).isEqualTo(4);
      assertThat(counts.duplicates()).isZero();
      assertThat(counts.reconciles()).isTrue();
    }
  }

  @Test
  void aTornAppendIsCutOffAndTheJournalStaysUsable() throws Exception {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened.store());
      List<byte[]> messages = MllpListenerTest.feedMessages();
      Path file;
      try (Inbox inbox = Inbox.open(feed, dir)) {
        inbox.append(incoming(messages.subList(0, 2)));
        file = inbox.file();
      }
      long good = Files.size(file);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        // the start of a third record, as a crash in the middle of a write leaves it
        ByteBuffer torn = ByteBuffer.allocate(40);
        torn.putInt(0x54535231)
            .putInt(5_000)
            .put("MSH|^~\\&|TORN".getBytes(StandardCharsets.UTF_8));
        torn.flip();
        ch.write(torn, good);
      }
      IngestRun run = feed.newRun();
      try (Inbox reopened = Inbox.open(feed, dir)) {
        assertThat(reopened.pendingCount()).isEqualTo(2);
        assertThat(Files.size(file)).isEqualTo(good);
        reopened.append(incoming(messages.subList(2, 3)));
        assertThat(reopened.moveToStaging(run)).isEqualTo(3);
      }
      try (Inbox again = Inbox.open(feed, dir)) {
        assertThat(again.pendingCount()).isZero();
      }
      run.applyPending();
      assertThat(run.counts().received()).isEqualTo(3);
      assertThat(run.counts().reconciles()).isTrue();
    }
  }

  @Test
  void aFileThatIsNotAJournalIsRefused() throws IOException {
    Files.writeString(dir.resolve("mllp-inbox.journal"), "not a journal, but long enough");
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = feed(opened.store());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Inbox.open(feed, dir))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not a Tianshu MLLP inbox journal");
    }
  }

  private static String ackCode(byte[] ack) {
    String text = new String(ack, StandardCharsets.UTF_8);
    int msa = text.indexOf("MSA|");
    return text.substring(msa + 4, msa + 6);
  }
}
