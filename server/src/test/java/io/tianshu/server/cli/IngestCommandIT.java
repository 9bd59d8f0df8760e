package io.tianshu.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tianshu ingest hl7v2|fhir|cda|table} and {@code tianshu ingest listen} run from the
 * packaged jar: one JSON line of counts on stdout that reconciles, a second run of the same files
 * finds duplicates only, and the listener acknowledges over MLLP and prints its counts when
 * stopped.
 */
class IngestCommandIT {

  private static final Path FEED = Path.of("src/test/resources/ingest/feed").toAbsolutePath();

  @TempDir Path temp;

  private ProcessBuilder tianshu(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "tianshu.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(temp.toFile());
  }

  private JsonNode run(String... args) throws Exception {
    Path out = temp.resolve("out.txt");
    Process p =
        tianshu(args)
            .redirectOutput(out.toFile())
            .redirectError(temp.resolve("err.txt").toFile())
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue())
        .as(Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8))
        .isZero();
    assertThat(stdout.strip().lines().count()).as(stdout).isEqualTo(1);
    return new ObjectMapper().readTree(stdout);
  }

  @Test
  void filesTwiceGiveCountsThenDuplicates() throws Exception {
    String data = temp.resolve("data").toString();
    JsonNode first = run("ingest", "hl7v2", "--data-dir", data, FEED.toString());
    // The whole line, and the run's log, if a count is off: a CI run once had one update fewer.
    String seen = first + "\n" + Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8);
    assertThat(first.get("received").asLong()).as(seen).isEqualTo(12);
    assertThat(first.get("accepted").asLong()).as(seen).isEqualTo(6);
    assertThat(first.get("updated").asLong()).as(seen).isEqualTo(6);
    assertThat(first.get("quarantined").asLong()).as(seen).isZero();
    assertThat(first.get("held").asLong()).as(seen).isZero();
    assertThat(first.has("seconds")).isTrue();

    JsonNode again = run("ingest", "hl7v2", "--data-dir", data, FEED.toString());
    assertThat(again.get("received").asLong()).isEqualTo(12);
    assertThat(again.get("duplicates").asLong()).isEqualTo(12);
  }

  /** The counts do not depend on how many messages are applied per CDR transaction. */
  @Test
  void smallBatchesGiveTheSameCounts() throws Exception {
    JsonNode run =
        run(
            "ingest",
            "hl7v2",
            "--batch-units",
            "5",
            "--data-dir",
            temp.resolve("small-batches").toString(),
            FEED.toString());
    assertThat(run.get("received").asLong()).isEqualTo(12);
    assertThat(run.get("accepted").asLong()).isEqualTo(6);
    assertThat(run.get("updated").asLong()).isEqualTo(6);
    assertThat(run.get("quarantined").asLong()).isZero();
  }

  /**
   * The synthetic hospital as its HIS and LIS would send it, through the connector: every message
   * lands, none is quarantined or held, and the CDR holds every generated patient.
   */
  @Test
  void theGeneratedHl7v2FeedLandsWhole() throws Exception {
    Path generated = temp.resolve("generated");
    JsonNode made =
        run(
            "generate",
            "--formats",
            "hl7v2",
            "--patients",
            "30",
            "--seed",
            "7",
            "--out",
            generated.toString());
    long messages = made.get("hl7v2Messages").asLong();
    assertThat(messages).isGreaterThan(30);

    String data = temp.resolve("from-feed").toString();
    JsonNode in = run("ingest", "hl7v2", "--data-dir", data, generated.resolve("hl7v2").toString());
    assertThat(in.get("received").asLong()).isEqualTo(messages);
    assertThat(in.get("quarantined").asLong()).isZero();
    assertThat(in.get("held").asLong()).isZero();
    assertThat(in.get("duplicates").asLong()).isZero();
    assertThat(in.get("accepted").asLong() + in.get("updated").asLong()).isEqualTo(messages);
  }

  /**
   * The same hospital as CSV extracts, FHIR bundles and CDA documents, each through its connector
   * into its own CDR: every unit lands, nothing is quarantined or held, and the three hold the same
   * patients.
   */
  @Test
  void theGeneratedTablesBundlesAndDocumentsLandWhole() throws Exception {
    Path generated = temp.resolve("generated");
    JsonNode made =
        run(
            "generate",
            "--formats",
            "csv,fhir,cda",
            "--patients",
            "20",
            "--seed",
            "11",
            "--out",
            generated.toString());
    assertThat(made.get("patients").asLong()).isEqualTo(20);

    JsonNode table =
        run(
            "ingest",
            "table",
            "--mapping",
            "synthetic-hospital",
            "--data-dir",
            temp.resolve("from-csv").toString(),
            generated.toString());
    assertLandsWhole(table);
    assertThat(table.get("rows").asLong()).isGreaterThan(20);
    assertThat(table.get("rowsSetApart").asLong()).isZero();

    JsonNode fhir =
        run(
            "ingest",
            "fhir",
            "--data-dir",
            temp.resolve("from-fhir").toString(),
            generated.resolve("fhir").toString());
    assertLandsWhole(fhir);
    assertThat(fhir.get("received").asLong()).isEqualTo(made.get("fhirBundles").asLong());

    JsonNode cda =
        run(
            "ingest",
            "cda",
            "--data-dir",
            temp.resolve("from-cda").toString(),
            generated.resolve("cda").toString());
    assertLandsWhole(cda);
    assertThat(cda.get("received").asLong()).isEqualTo(made.get("cdaDocuments").asLong());
  }

  /**
   * Documents loaded without their notes read get them from {@code tianshu nlp structure}, which
   * then finds nothing left to do.
   */
  @Test
  void notesSkippedOnIngestAreReadByNlpStructure() throws Exception {
    Path generated = temp.resolve("generated-cda");
    JsonNode made =
        run(
            "generate",
            "--formats",
            "cda",
            "--patients",
            "8",
            "--seed",
            "3",
            "--out",
            generated.toString());
    String data = temp.resolve("cda-no-notes").toString();
    JsonNode in =
        run("ingest", "cda", "--no-notes", "--data-dir", data, generated.resolve("cda").toString());
    assertLandsWhole(in);

    JsonNode first = run("nlp", "structure", "--data-dir", data);
    // Every patient a CDA document registered, each with documents and no facts yet.
    assertThat(first.get("patients").asLong()).isPositive();
    assertThat(first.get("documents").asLong()).isEqualTo(made.get("cdaDocuments").asLong());
    assertThat(first.get("rewritten").asLong()).isEqualTo(first.get("patients").asLong());

    assertThat(run("nlp", "structure", "--data-dir", data).get("rewritten").asLong()).isZero();
    assertThat(run("nlp", "structure", "--all", "--data-dir", data).get("rewritten").asLong())
        .isZero();
  }

  private static void assertLandsWhole(JsonNode counts) {
    assertThat(counts.get("received").asLong()).as(counts.toString()).isPositive();
    assertThat(counts.get("quarantined").asLong()).as(counts.toString()).isZero();
    assertThat(counts.get("held").asLong()).as(counts.toString()).isZero();
    assertThat(counts.get("duplicates").asLong()).as(counts.toString()).isZero();
    assertThat(counts.get("accepted").asLong() + counts.get("updated").asLong())
        .as(counts.toString())
        .isEqualTo(counts.get("received").asLong());
  }

  @Test
  void theListenerAcknowledgesAndPrintsItsCountsWhenStopped() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path out = temp.resolve("listen-out.txt");
    Process listener =
        tianshu(
                "ingest",
                "listen",
                "--data-dir",
                temp.resolve("data").toString(),
                "--mllp-port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1")
            .redirectOutput(out.toFile())
            .redirectError(temp.resolve("listen-err.txt").toFile())
            .start();
    List<byte[]> messages = new ArrayList<>();
    try (Stream<Path> files = Files.list(FEED)) {
      for (Path f : files.sorted().toList()) {
        messages.add(Files.readAllBytes(f));
      }
    }
    try (Socket socket = connect(port)) {
      OutputStream o = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (byte[] m : messages) {
        o.write(0x0b);
        o.write(m);
        o.write(new byte[] {0x1c, 0x0d});
        o.flush();
        assertThat(readAck(in)).contains("MSA|AA|");
      }
    }
    listener.destroy(); // SIGTERM: the shutdown hook applies what was staged and prints counts
    assertThat(listener.waitFor(1, TimeUnit.MINUTES)).isTrue();
    JsonNode counts =
        new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8).strip());
    assertThat(counts.get("received").asLong()).isEqualTo(12);
    assertThat(counts.get("accepted").asLong() + counts.get("updated").asLong()).isEqualTo(12);
  }

  private static Socket connect(int port) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        return new Socket("127.0.0.1", port);
      } catch (IOException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static String readAck(InputStream in) throws IOException {
    int b;
    while ((b = in.read()) != 0x0b) {
      if (b < 0) {
        throw new IOException("closed");
      }
    }
    StringBuilder ack = new StringBuilder();
    while ((b = in.read()) != 0x1c) {
      ack.append((char) b);
    }
    in.read();
    return ack.toString().replace('\r', '\n');
  }
}
