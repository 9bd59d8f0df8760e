package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.ingest.mllp.MllpListener;
import io.tianshu.ingest.staging.Hl7v2Files;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.RecordEnricher;
import io.tianshu.ingest.staging.UnitFormat;
import io.tianshu.server.config.DataDirectory;
import io.tianshu.server.nlp.NoteStructuring;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tianshu ingest}: source messages into the CDR, staged, exactly once, with provenance. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Stage and apply source messages to the CDR (HL7 v2 files and MLLP, FHIR R4 bundles and"
            + " NDJSON, CDA documents, table extracts).",
    subcommands = {
      IngestCommand.Hl7v2.class,
      IngestFhirCommand.class,
      IngestCdaCommand.class,
      IngestTableCommand.class,
      IngestCommand.Listen.class
    })
final class IngestCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options of every ingest command. */
  static final class FeedOptions {
    @Option(
        names = "--hold-time",
        defaultValue = "PT24H",
        description =
            "How long a message may wait for its patient or visit before it is quarantined, ISO-8601"
                + " (default: ${DEFAULT-VALUE}).")
    Duration holdTime;

    @Option(
        names = "--hold-results",
        description =
            "Hold every result until an ADT registers its patient, even when the result carries"
                + " name and birth date.")
    boolean holdResults;

    @Option(
        names = "--time-zone",
        defaultValue = "Asia/Shanghai",
        description = "Hospital time zone of HL7 times without offset (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(
        names = "--batch-units",
        description =
            "Staged units (messages, bundles, documents, row chunks) applied per CDR transaction;"
                + " larger batches rewrite a patient's record fewer times and hold more in memory"
                + " (default: 2000; table extracts 20000).")
    Integer batchUnits;

    @Option(
        names = "--no-notes",
        description =
            "Do not read the documents into note facts as they are written (read them later; the"
                + " default reads them, coded with the CDR's own vocabulary).")
    boolean noNotes;

    IngestSettings settings() {
      return settings(IngestSettings.defaults().batchSize());
    }

    /** A feed over {@code cdr} with these options, reading notes unless told not to. */
    IngestFeed feed(CdrStore cdr, IngestSettings settings, List<UnitFormat> formats) {
      RecordEnricher notes =
          noNotes ? RecordEnricher.NONE : NoteStructuring.enricher(NoteStructuring.forStore(cdr));
      return new IngestFeed(cdr, settings, Clock.systemUTC(), formats, notes);
    }

    IngestFeed feed(CdrStore cdr) {
      return feed(cdr, settings(), List.of());
    }

    IngestSettings settings(int defaultBatchUnits) {
      int batch = batchUnits != null ? batchUnits : defaultBatchUnits;
      if (batch < 1) {
        throw new IllegalArgumentException("--batch-units must be at least 1");
      }
      return new IngestSettings(zone, holdTime, !holdResults, batch);
    }
  }

  static CdrStore open(StoreOptions store) {
    Path root = store.dataDir.toAbsolutePath().normalize();
    store.routeLogs(root);
    return CdrStore.open(store.storeConfig(DataDirectory.create(root)));
  }

  static String json(IngestCounts c) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("received", c.received());
    out.put("accepted", c.accepted());
    out.put("updated", c.updated());
    out.put("duplicates", c.duplicates());
    out.put("quarantined", c.quarantined());
    out.put("held", c.held());
    out.put("seconds", Math.round(c.seconds() * 1000) / 1000.0);
    if (c.released() > 0) {
      out.put("released", c.released());
    }
    return new ObjectMapper().writeValueAsString(out);
  }

  /**
   * {@code tianshu ingest hl7v2 PATH…}: files, directories, batch files; progress on stderr, one
   * JSON line of counts on stdout.
   */
  @Command(
      name = "hl7v2",
      mixinStandardHelpOptions = true,
      description =
          "Ingest HL7 v2 files (one or many messages per file, FHS/BHS batches, directories) and"
              + " print the counts as one JSON line.")
  static final class Hl7v2 implements Callable<Integer> {

    @Mixin StoreOptions store = new StoreOptions();

    @Mixin FeedOptions feedOptions = new FeedOptions();

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
      try (CdrStore cdr = open(store)) {
        IngestFeed feed = feedOptions.feed(cdr);
        IngestCounts counts =
            Hl7v2Files.ingest(
                feed,
                paths,
                p ->
                    Console.progress(
                        "HL7 v2 files (" + p.messages() + " messages)", p.filesDone(), p.files()));
        System.out.println(json(counts));
        return 0;
      }
    }
  }

  /**
   * {@code tianshu ingest listen --mllp-port 2575}: an MLLP listener until interrupted; then what
   * was staged is applied and the counts are printed as one JSON line.
   */
  @Command(
      name = "listen",
      mixinStandardHelpOptions = true,
      description = "Listen for HL7 v2 over MLLP until interrupted (Ctrl-C).")
  static final class Listen implements Callable<Integer> {

    @Mixin StoreOptions store = new StoreOptions();

    @Mixin FeedOptions feedOptions = new FeedOptions();

    @Option(
        names = "--mllp-port",
        defaultValue = "2575",
        description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--bind",
        defaultValue = "0.0.0.0",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() throws Exception {
      CountDownLatch stopped = new CountDownLatch(1);
      CdrStore cdr = open(store);
      IngestFeed feed = feedOptions.feed(cdr);
      MllpListener listener =
          MllpListener.start(
              feed,
              new InetSocketAddress(bind, port),
              store.dataDir.toAbsolutePath().normalize().resolve("ingest-inbox"));
      Console.info(
          "Listening for HL7 v2 over MLLP on " + bind + ":" + listener.port() + "; Ctrl-C stops.");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      listener.close();
                      System.out.println(json(listener.run().counts()));
                      System.out.flush();
                    } catch (IOException | RuntimeException e) {
                      Console.info("Stopping: " + e.getMessage());
                    } finally {
                      cdr.close();
                      stopped.countDown();
                    }
                  },
                  "tianshu-mllp-stop"));
      stopped.await();
      return 0;
    }
  }
}
