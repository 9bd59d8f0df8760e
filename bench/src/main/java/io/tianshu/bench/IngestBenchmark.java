package io.tianshu.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.tianshu.ingest.mllp.MllpListener;
import io.tianshu.ingest.staging.Hl7v2Files;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.Hl7v2FeedExport;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code tianshu bench ingest}: HL7 v2 messages parsed, staged and applied to the CDR per second,
 * from batch files and over one MLLP connection with the acknowledgement round trip (a sender that
 * waits for each ACK, and one that keeps a window of messages in flight). The messages are the
 * synthetic hospital's ADT and ORU feed ({@link io.tianshu.synth.Hl7v2FeedExport}); HAPI's {@code
 * PipeParser} alone on the same messages is the same-run baseline, so the figures read as ratios.
 */
public final class IngestBenchmark {

  /**
   * Benchmark settings.
   *
   * @param lockstepMessages messages sent one at a time, each waiting for its ACK
   * @param window messages in flight for the pipelining sender
   * @param pgUrl PostgreSQL JDBC URL; null skips PostgreSQL
   */
  public record Options(
      int patients,
      long seed,
      Path workDir,
      int lockstepMessages,
      int window,
      String pgUrl,
      String pgUser,
      String pgPassword) {}

  private static final byte[] KEY =
      "bench-identifier-key-not-secret".getBytes(StandardCharsets.UTF_8);

  private IngestBenchmark() {}

  public static Map<String, Object> run(Options options, Consumer<String> progress)
      throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "ingest");
    result.put("patients", options.patients());
    result.put("seed", options.seed());
    result.put("machine", Machine.describe());
    progress.accept("generating the HL7 v2 feed of " + options.patients() + " patients");
    long g0 = System.nanoTime();
    List<byte[]> messages =
        Hl7v2FeedExport.messages(
            new SyntheticHospital(
                new SynthConfig(options.seed(), options.patients(), LocalDate.of(2026, 6, 30))));
    long bytes = messages.stream().mapToLong(m -> m.length).sum();
    Map<String, Object> feed = new LinkedHashMap<>();
    feed.put("messages", messages.size());
    feed.put("mean_bytes", bytes / Math.max(1, messages.size()));
    feed.put("generate_seconds", round((System.nanoTime() - g0) / 1e9));
    result.put("feed", feed);
    result.put("baseline_hapi_parse", hapiBaseline(messages));

    Files.createDirectories(options.workDir());
    Path files = options.workDir().resolve("hl7v2");
    writeFiles(messages, files, 50);
    result.put(
        "duckdb",
        engine(() -> duckdb(options.workDir()), messages, files, options, progress, "DuckDB"));
    if (options.pgUrl() == null) {
      result.put("postgresql", Map.of("skipped", "no --pg-url given"));
    } else {
      result.put(
          "postgresql",
          engine(() -> postgres(options), messages, files, options, progress, "PostgreSQL"));
    }
    return result;
  }

  private static Opened duckdb(Path workDir) {
    Path file = workDir.resolve("ingest-" + UUID.randomUUID() + ".duckdb");
    return new Opened(
        CdrStore.open(StoreConfig.duckdb(file, KEY)),
        () -> {
          try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
          } catch (IOException e) {
            // a leftover benchmark file is harmless
          }
        });
  }

  /**
   * A fresh schema per phase, so that the MLLP phase does not find the file phase's messages as
   * duplicates; dropped when the store closes.
   */
  private static Opened postgres(Options options) {
    String schema = "tianshu_bench_ingest_" + UUID.randomUUID().toString().replace("-", "");
    pgAdmin(options, "CREATE SCHEMA " + schema);
    String url =
        options.pgUrl() + (options.pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    CdrStore store =
        CdrStore.open(StoreConfig.postgres(url, options.pgUser(), options.pgPassword(), KEY));
    return new Opened(store, () -> pgAdmin(options, "DROP SCHEMA " + schema + " CASCADE"));
  }

  /** A store for one phase and what to do after closing it. */
  private record Opened(CdrStore store, Runnable drop) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
      drop.run();
    }
  }

  /** DDL with a schema name generated here, never user input. */
  private static void pgAdmin(Options options, String ddl) {
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                options.pgUrl(), options.pgUser(), options.pgPassword());
        java.sql.Statement statement = c.createStatement()) {
      statement.execute(ddl);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> engine(
      Supplier<Opened> open,
      List<byte[]> messages,
      Path files,
      Options options,
      Consumer<String> progress,
      String name)
      throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    progress.accept(name + ": files");
    try (Opened opened = open.get()) {
      CdrStore store = opened.store();
      if (store.counts().patients() > 0) {
        throw new IllegalStateException(name + " is not empty: give an empty database");
      }
      IngestFeed feed = new IngestFeed(store, IngestSettings.defaults(), Clock.systemUTC());
      long t0 = System.nanoTime();
      IngestCounts counts = Hl7v2Files.ingest(feed, List.of(files), p -> {});
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.put("files", filesResult(counts, seconds, store.counts()));
    }
    progress.accept(name + ": MLLP");
    try (Opened opened = open.get()) {
      out.put("mllp", mllp(opened.store(), messages, options));
    }
    return out;
  }

  private static Map<String, Object> filesResult(
      IngestCounts counts, double seconds, CdrCounts cdr) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("received", counts.received());
    m.put("accepted", counts.accepted());
    m.put("updated", counts.updated());
    m.put("duplicates", counts.duplicates());
    m.put("quarantined", counts.quarantined());
    m.put("held", counts.held());
    m.put("seconds", round(seconds));
    m.put("messages_per_s", Math.round(counts.received() / seconds));
    m.put("cdr_patients", cdr.patients());
    m.put("cdr_facts", cdr.facts());
    return m;
  }

  /**
   * One connection: the first messages sent one at a time (each ACK awaited), the rest with a
   * window in flight. Each phase is timed to its last ACK (staged, durable) and to the moment the
   * listener's applier has applied everything.
   */
  /** Messages of the same-run baseline: lock-step straight into staging (no inbox). */
  private static final int DIRECT_LOCKSTEP = 300;

  private static Map<String, Object> mllp(CdrStore store, List<byte[]> messages, Options options)
      throws IOException {
    IngestFeed feed = new IngestFeed(store, IngestSettings.defaults(), Clock.systemUTC());
    Map<String, Object> m = new LinkedHashMap<>();
    // Same-run baseline: lock-step without the inbox journal, one staging commit per message.
    int direct = Math.min(DIRECT_LOCKSTEP, messages.size() / 4);
    IngestCounts first;
    try (MllpListener listener = MllpListener.start(feed, new InetSocketAddress("127.0.0.1", 0));
        Socket socket = new Socket("127.0.0.1", listener.port())) {
      socket.setTcpNoDelay(true);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      long t0 = System.nanoTime();
      int rejected = 0;
      for (byte[] message : messages.subList(0, direct)) {
        frame(out, message);
        out.flush();
        rejected += accepted(readAck(in)) ? 0 : 1;
      }
      long acked = System.nanoTime();
      listener.drain();
      m.put("lockstep_without_inbox", phase(direct, rejected, acked - t0, System.nanoTime() - t0));
      first = listener.run().counts();
    }
    messages = messages.subList(direct, messages.size());
    int lockstep = Math.min(options.lockstepMessages(), messages.size() / 2);
    Path inbox = options.workDir().resolve("inbox-" + UUID.randomUUID());
    try (MllpListener listener =
            MllpListener.start(feed, new InetSocketAddress("127.0.0.1", 0), inbox);
        Socket socket = new Socket("127.0.0.1", listener.port())) {
      socket.setTcpNoDelay(true);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);

      long t0 = System.nanoTime();
      int rejected = 0;
      for (byte[] message : messages.subList(0, lockstep)) {
        frame(out, message);
        out.flush();
        rejected += accepted(readAck(in)) ? 0 : 1;
      }
      long acked = System.nanoTime();
      listener.drain();
      long applied = System.nanoTime();
      m.put("lockstep", phase(lockstep, rejected, acked - t0, applied - t0));

      List<byte[]> rest = messages.subList(lockstep, messages.size());
      Semaphore window = new Semaphore(options.window());
      AtomicReference<IOException> failure = new AtomicReference<>();
      int[] notAccepted = {0};
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < rest.size(); i++) {
                    notAccepted[0] += accepted(readAck(in)) ? 0 : 1;
                    window.release();
                  }
                } catch (IOException e) {
                  failure.set(e);
                  window.release(rest.size());
                }
              },
              "bench-mllp-acks");
      long p0 = System.nanoTime();
      reader.start();
      for (byte[] message : rest) {
        window.acquireUninterruptibly();
        frame(out, message);
        if (window.availablePermits() == 0) {
          out.flush();
        }
      }
      out.flush();
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure.get() != null) {
        throw failure.get();
      }
      long pAcked = System.nanoTime();
      listener.drain();
      long pApplied = System.nanoTime();
      Map<String, Object> pipelined =
          phase(rest.size(), notAccepted[0], pAcked - p0, pApplied - p0);
      pipelined.put("window", options.window());
      m.put("pipelined", pipelined);
      IngestCounts counts = listener.run().counts();
      m.put("accepted", first.accepted() + counts.accepted());
      m.put("updated", first.updated() + counts.updated());
      m.put("quarantined", first.quarantined() + counts.quarantined());
      m.put("held", counts.held());
      m.put("inbox", true);
      m.put("cdr_patients", store.counts().patients());
    }
    return m;
  }

  private static Map<String, Object> phase(int n, int notAccepted, long ackNanos, long applyNanos) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messages", n);
    m.put("not_aa", notAccepted);
    m.put("acked_seconds", round(ackNanos / 1e9));
    m.put("acked_per_s", Math.round(n / (ackNanos / 1e9)));
    m.put("applied_seconds", round(applyNanos / 1e9));
    m.put("applied_per_s", Math.round(n / (applyNanos / 1e9)));
    return m;
  }

  private static void frame(OutputStream out, byte[] message) throws IOException {
    out.write(0x0b);
    out.write(message);
    out.write(0x1c);
    out.write(0x0d);
  }

  private static byte[] readAck(InputStream in) throws IOException {
    int b;
    do {
      b = in.read();
      if (b < 0) {
        throw new IOException("the listener closed the connection");
      }
    } while (b != 0x0b);
    java.io.ByteArrayOutputStream ack = new java.io.ByteArrayOutputStream(256);
    while ((b = in.read()) != 0x1c) {
      if (b < 0) {
        throw new IOException("the listener closed the connection inside an ACK");
      }
      ack.write(b);
    }
    in.read();
    return ack.toByteArray();
  }

  private static boolean accepted(byte[] ack) {
    return new String(ack, StandardCharsets.UTF_8).contains("\rMSA|AA|");
  }

  /** HAPI's PipeParser alone, one thread, on the same messages: what parsing costs by itself. */
  private static Map<String, Object> hapiBaseline(List<byte[]> messages) {
    try (HapiContext context = new DefaultHapiContext()) {
      context.setValidationContext(ValidationContextFactory.noValidation());
      PipeParser parser = context.getPipeParser();
      int n = Math.min(messages.size(), 20_000);
      for (int i = 0; i < Math.min(n, 2_000); i++) {
        parser.parse(new String(messages.get(i), StandardCharsets.UTF_8));
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        parser.parse(new String(messages.get(i), StandardCharsets.UTF_8));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("messages", n);
      m.put("threads", 1);
      m.put("messages_per_s", Math.round(n / seconds));
      return m;
    } catch (HL7Exception | IOException e) {
      throw new IllegalStateException("the generated feed must parse: " + e.getMessage(), e);
    }
  }

  private static void writeFiles(List<byte[]> messages, Path directory, int files)
      throws IOException {
    Files.createDirectories(directory);
    try (var existing = Files.list(directory)) {
      for (Path p : existing.toList()) {
        Files.delete(p);
      }
    }
    int per = (messages.size() + files - 1) / files;
    for (int f = 0; f < files; f++) {
      Path file = directory.resolve(String.format("feed-%03d.hl7", f));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        for (int i = f * per; i < Math.min(messages.size(), (f + 1) * per); i++) {
          out.write(messages.get(i));
          out.write('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }
}
