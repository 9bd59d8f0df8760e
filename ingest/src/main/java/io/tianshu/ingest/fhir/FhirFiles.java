package io.tianshu.ingest.fhir;

import io.tianshu.ingest.staging.Hl7v2Files;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * FHIR R4 JSON from files into the CDR through the staging feed: a {@code .json} file is one unit
 * (a Bundle, or a single resource), every non-blank line of an {@code .ndjson} file is one unit
 * (Bulk Data export layout). Units are staged in chunks and applied after each chunk, so memory
 * stays bounded and a crash loses at most the chunk being staged.
 */
public final class FhirFiles {

  /**
   * The source system of units whose {@code meta.source} is absent, unless the caller names one.
   */
  public static final String DEFAULT_SOURCE = "fhir";

  /** A chunk is staged when it reaches the feed's batch size or this many bytes. */
  private static final long CHUNK_BYTES = 32L << 20;

  /** Progress of a run: files done of all, units received so far. */
  public record Progress(int filesDone, int files, long units) {}

  private FhirFiles() {}

  /**
   * The files to read: those named, and below a named directory every {@code .json} and {@code
   * .ndjson} file (others are not FHIR and are left alone). Within a directory Patient files come
   * first, then Encounter files, then the rest, each group in path order — in the Bulk Data layout
   * ({@code Patient.ndjson}, {@code Encounter.ndjson}, {@code Observation.ndjson}…) few units then
   * wait for their patient.
   */
  public static List<Path> expand(List<Path> paths) {
    return Hl7v2Files.expand(
        paths,
        p -> isNdjson(p) || name(p).endsWith(".json"),
        Comparator.comparingInt(FhirFiles::rank).thenComparing(p -> p));
  }

  /** Stages and applies every unit of {@code paths} with the {@link #DEFAULT_SOURCE}. */
  public static IngestCounts ingest(
      IngestFeed feed, List<Path> paths, Consumer<Progress> progress) {
    return ingest(feed, paths, DEFAULT_SOURCE, progress);
  }

  /**
   * Stages and applies every unit of {@code paths}; the counts of this run.
   *
   * @param source the source system of units without {@code meta.source}
   */
  public static IngestCounts ingest(
      IngestFeed feed, List<Path> paths, String source, Consumer<Progress> progress) {
    List<Path> files = expand(paths);
    Chunks chunks = new Chunks(feed, source);
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      try {
        if (isNdjson(file)) {
          ndjson(file, chunks);
        } else {
          chunks.add("file:" + file, Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      progress.accept(new Progress(i + 1, files.size(), chunks.units));
    }
    return chunks.finish();
  }

  private static void ndjson(Path file, Chunks chunks) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
      byte[] block = new byte[1 << 16];
      int number = 1;
      for (int n = in.read(block); n != -1; n = in.read(block)) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (block[i] == '\n') {
            line.write(block, start, i - start);
            line(file, number++, line, chunks);
            start = i + 1;
          }
        }
        line.write(block, start, n - start);
      }
      line(file, number, line, chunks);
    }
  }

  private static void line(Path file, int number, ByteArrayOutputStream line, Chunks chunks) {
    byte[] bytes = line.toByteArray();
    line.reset();
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] == '\r') {
      end--;
    }
    boolean blank = true;
    for (int k = 0; k < end && blank; k++) {
      blank = bytes[k] == ' ' || bytes[k] == '\t';
    }
    if (!blank) {
      chunks.add(
          "file:" + file + "#" + number,
          end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end));
    }
  }

  /** Units waiting to be staged, and the run that counts them. */
  private static final class Chunks {
    private final IngestFeed feed;
    private final String source;
    private final IngestRun run;
    private final List<IncomingMessage> chunk = new ArrayList<>();
    private long bytes;
    private long units;

    Chunks(IngestFeed feed, String source) {
      this.feed = feed;
      this.source = source;
      this.run = feed.newRun();
    }

    void add(String channel, byte[] raw) {
      Instant at = feed.clock().instant();
      chunk.add(new IncomingMessage(channel, raw, at, source));
      bytes += raw.length;
      units++;
      if (chunk.size() >= feed.settings().batchSize() || bytes >= CHUNK_BYTES) {
        flush();
        run.applyPending();
      }
    }

    private void flush() {
      if (!chunk.isEmpty()) {
        run.stage(chunk);
        chunk.clear();
        bytes = 0;
      }
    }

    IngestCounts finish() {
      flush();
      run.applyPending();
      return run.counts();
    }
  }

  private static boolean isNdjson(Path p) {
    return name(p).endsWith(".ndjson");
  }

  private static String name(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  /** Patient files, then Encounter files, then the rest (Bulk Data names files by type). */
  private static int rank(Path p) {
    String name = name(p);
    if (name.startsWith("patient")) {
      return 0;
    }
    return name.startsWith("encounter") ? 1 : 2;
  }
}
