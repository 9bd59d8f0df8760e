package io.tianshu.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MLLP listener over a real socket: acknowledgements a HAPI client can read, AR for what is
 * kept but cannot be used, and the same stream sent twice duplicates nothing.
 */
class MllpListenerTest {

  static Stream<Arguments> engines() {
    return TestStores.postgresAvailable()
        ? Stream.of(Arguments.of("duckdb"), Arguments.of("postgresql"))
        : Stream.of(Arguments.of("duckdb"));
  }

  static List<byte[]> feedMessages() throws IOException {
    try (Stream<Path> files =
        Files.list(Path.of(Fixtures.class.getResource("/hl7v2/feed").toURI()))) {
      List<byte[]> out = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        out.add(Files.readAllBytes(file));
      }
      return out;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void theSameStreamTwiceDuplicatesNothing(String engine) throws Exception {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      CdrStore store = opened.store();
      IngestFeed feed =
          new IngestFeed(
              store,
              IngestSettings.defaults(),
              new TestClock(Instant.parse("2026-12-02T04:00:00Z")));
      List<byte[]> messages = feedMessages();
      CdrCounts once;
      try (MllpListener listener =
          MllpListener.start(feed, new InetSocketAddress("127.0.0.1", 0))) {
        try (MllpClient client = new MllpClient("127.0.0.1", listener.port())) {
          for (byte[] m : messages) {
            assertThat(code(client.send(m))).isEqualTo("AA");
          }
        }
        listener.drain();
        once = store.counts();
        try (MllpClient client = new MllpClient("127.0.0.1", listener.port())) {
          // the second time as a pipelining sender: all frames staged in one transaction
          for (byte[] ack : client.sendAll(messages)) {
            assertThat(code(ack)).isEqualTo("AA");
          }
        }
        listener.drain();
        IngestCounts counts = listener.run().counts();
        assertThat(counts.received()).isEqualTo(24);
        assertThat(counts.duplicates()).isEqualTo(12);
        assertThat(counts.accepted() + counts.updated()).isEqualTo(12);
        assertThat(counts.reconciles()).isTrue();
      }
      assertThat(once.patients()).isEqualTo(2);
      assertThat(store.counts()).isEqualTo(once);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void answersWithTheControlIdAndRefusesWhatItCannotUse(String engine) throws Exception {
    try (TestStores.Opened opened = TestStores.open(engine);
        MllpListener listener =
            MllpListener.start(
                new IngestFeed(opened.store()), new InetSocketAddress("127.0.0.1", 0));
        MllpClient client = new MllpClient("127.0.0.1", listener.port())) {
      Message ack = hapi(client.send(Fixtures.bytes("hl7v2/adt-a01-gb18030.hl7")));
      Terser t = new Terser(ack);
      assertThat(t.get("/MSA-1")).isEqualTo("AA");
      assertThat(t.get("/MSA-2")).isEqualTo("HIS-20261120-0001");
      assertThat(t.get("/MSH-9-1")).isEqualTo("ACK");
      assertThat(t.get("/MSH-9-2")).isEqualTo("A01");
      assertThat(t.get("/MSH-5")).isEqualTo("HIS");

      byte[] vaccination =
          ("MSH|^~\\&|IIS|CDC|TIANSHU|TIANSHU|20261120083000||VXU^V04^VXU_V04|VXU-1|P|2.5.1\r"
                  + "PID|1||123^^^IIS^MR||DOE^JANE||20200101|F\r")
              .getBytes(StandardCharsets.UTF_8);
      byte[] refused = client.send(vaccination);
      assertThat(code(refused)).isEqualTo("AR");
      assertThat(new String(refused, StandardCharsets.UTF_8))
          .contains("TS-INGEST-002")
          .contains("MSA|AR|VXU-1");

      byte[] notHl7 = client.send("hello".getBytes(StandardCharsets.UTF_8));
      assertThat(code(notHl7)).isEqualTo("AR");
      assertThat(new String(notHl7, StandardCharsets.UTF_8)).contains("TS-INGEST-001");
      listener.drain();
      assertThat(new IngestFeed(opened.store()).quarantine(null, 0, 10).total())
          .as("refused messages are kept in quarantine")
          .isEqualTo(2);
    }
  }

  private static String code(byte[] ack) {
    String text = new String(ack, StandardCharsets.UTF_8);
    int msa = text.indexOf("MSA|");
    return text.substring(msa + 4, msa + 6);
  }

  private static Message hapi(byte[] ack) throws Exception {
    try (HapiContext context = new DefaultHapiContext()) {
      context.setValidationContext(ValidationContextFactory.noValidation());
      return context.getPipeParser().parse(new String(ack, StandardCharsets.UTF_8));
    }
  }
}
