package io.tianshu.ingest.staging;

import io.tianshu.ingest.hl7v2.MessageSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * HL7 v2 from files: single messages, many messages per file, FHS/BHS batch files, directories
 * (every regular file below, in path order). Messages are staged in chunks and applied after each
 * chunk, so memory stays flat and a crash loses at most the chunk being staged (never acknowledged
 * by anything, and staged again by the next run).
 */
public final class Hl7v2Files {

  /** Progress of a run: files done of all, messages received so far. */
  public record Progress(int filesDone, int files, long messages) {}

  private Hl7v2Files() {}

  /** Every regular file named or below a named directory, sorted by path within a directory. */
  public static List<Path> expand(List<Path> paths) {
    return expand(paths, p -> true, Comparator.naturalOrder());
  }

  /**
   * The files named, and below a named directory those {@code keep} accepts, in {@code order}
   * within each directory; a name that is neither a file nor a directory is an error.
   */
  public static List<Path> expand(List<Path> paths, Predicate<Path> keep, Comparator<Path> order) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).filter(keep).sorted(order).forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new IllegalArgumentException("no such file or directory: " + path);
      }
    }
    return files;
  }

  /** Stages and applies every message of {@code paths}; the counts of this run. */
  public static IngestCounts ingest(
      IngestFeed feed, List<Path> paths, Consumer<Progress> progress) {
    List<Path> files = expand(paths);
    IngestRun run = feed.newRun();
    List<IncomingMessage> chunk = new ArrayList<>();
    int chunkSize = feed.settings().batchSize();
    long messages = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      Instant at = feed.clock().instant();
      for (byte[] message : MessageSplitter.split(content)) {
        chunk.add(new IncomingMessage("file:" + file, message, at));
        messages++;
        if (chunk.size() >= chunkSize) {
          run.stage(chunk);
          chunk.clear();
          run.applyPending();
        }
      }
      progress.accept(new Progress(i + 1, files.size(), messages));
    }
    if (!chunk.isEmpty()) {
      run.stage(chunk);
    }
    run.applyPending();
    return run.counts();
  }
}
