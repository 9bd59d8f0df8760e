package io.tianshu.ingest.cda;

import io.tianshu.ingest.staging.Hl7v2Files;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * CDA documents from files: one document per file; a directory contributes every {@code .xml} file
 * below it, in path order (a named file is read whatever its name). Staged in chunks of the feed's
 * batch size and applied after each chunk, like {@link Hl7v2Files}.
 */
public final class CdaFiles {

  /** Progress of a run: files done of all. */
  public record Progress(int filesDone, int files) {}

  private CdaFiles() {}

  /** Stages and applies every document of {@code paths}; the counts of this run. */
  public static IngestCounts ingest(
      IngestFeed feed, List<Path> paths, Consumer<Progress> progress) {
    return ingest(feed, paths, null, progress);
  }

  /**
   * @param declaredSource the source system for documents whose custodian (and author organisation)
   *     carries no id, e.g. from {@code --source}; null for {@code unknown}
   */
  public static IngestCounts ingest(
      IngestFeed feed, List<Path> paths, String declaredSource, Consumer<Progress> progress) {
    List<Path> files = expand(paths);
    IngestRun run = feed.newRun();
    List<IncomingMessage> chunk = new ArrayList<>();
    int chunkSize = feed.settings().batchSize();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      chunk.add(
          new IncomingMessage("file:" + file, content, feed.clock().instant(), declaredSource));
      if (chunk.size() >= chunkSize) {
        run.stage(chunk);
        chunk.clear();
        run.applyPending();
      }
      progress.accept(new Progress(i + 1, files.size()));
    }
    if (!chunk.isEmpty()) {
      run.stage(chunk);
    }
    run.applyPending();
    return run.counts();
  }

  /** Named files as they are; directories' {@code .xml} files, sorted by path. */
  static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        for (Path f : Hl7v2Files.expand(List.of(path))) {
          if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            files.add(f);
          }
        }
      } else {
        files.addAll(Hl7v2Files.expand(List.of(path)));
      }
    }
    return files;
  }
}
