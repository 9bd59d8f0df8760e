package io.tianshu.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's MLLP component: listens when started, applies what it staged when stopped. */
class MllpServiceTest {

  @TempDir Path dir;

  @Test
  void startsListensAndAppliesOnStop() throws Exception {
    byte[] key = "server-mllp-test-key-0123456789a".getBytes(StandardCharsets.UTF_8);
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(dir.resolve("cdr.duckdb"), key))) {
      IngestConfiguration.MllpService service =
          new IngestConfiguration.MllpService(
              new IngestFeed(store), 0, dir.resolve("ingest-inbox"));
      service.start();
      assertThat(service.isRunning()).isTrue();
      byte[] message =
          Files.readAllBytes(Path.of("src/test/resources/ingest/feed/01-adt-a01-wang-wu.hl7"));
      try (Socket socket = new Socket("127.0.0.1", service.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(0x0b);
        out.write(message);
        out.write(new byte[] {0x1c, 0x0d});
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder ack = new StringBuilder();
        int b;
        while ((b = in.read()) != 0x1c) {
          ack.append((char) b);
        }
        assertThat(ack.toString()).contains("MSA|AA|HIS-20261125-0001");
      }
      service.stop();
      assertThat(service.isRunning()).isFalse();
      assertThat(store.readPatient("HIS:MR|0088001")).isPresent();
    }
  }
}
