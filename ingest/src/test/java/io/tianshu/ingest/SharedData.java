package io.tianshu.ingest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared test data ({@code ../shared/data}) in place; it is never copied into the
 * project. Missing data skips a test locally and fails it in CI ({@code CI=true}).
 */
public final class SharedData {

  private SharedData() {}

  /** The directory {@code shared/data/<relative>}, or a skipped (local) / failed (CI) test. */
  public static Path dir(String relative) {
    Path base = base();
    Path dir = base == null ? null : base.resolve(relative);
    if (dir == null || !Files.isDirectory(dir)) {
      String message = "shared test data not found: shared/data/" + relative;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (CI=true: data-dependent tests must not skip)");
      }
      Assumptions.abort(message);
    }
    return dir;
  }

  /** All {@code *.hl7} files under a directory, sorted by path. */
  public static List<Path> hl7Files(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".hl7")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path base() {
    String property = System.getProperty("tianshu.shared.dir");
    if (property != null && Files.isDirectory(Path.of(property, "data"))) {
      return Path.of(property, "data");
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data");
      if (p.getParent() != null && Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
