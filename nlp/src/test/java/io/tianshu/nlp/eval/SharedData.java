package io.tianshu.nlp.eval;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared corpora ({@code ../shared}) without copying them: system property {@code
 * tianshu.shared.dir} first, then a sibling {@code shared/data} of the working directory or any
 * parent. Missing data skips a test on a workstation and fails it in CI ({@code CI=true}).
 */
public final class SharedData {

  private SharedData() {}

  /** The shared directory (holding {@code data/}), or {@code null} when none is found. */
  public static Path dir() {
    String prop = System.getProperty("tianshu.shared.dir");
    if (prop != null && Files.isDirectory(Path.of(prop, "data"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return candidate.normalize();
      }
      if (Files.isDirectory(p.resolve("shared/data"))) {
        return p.resolve("shared").normalize();
      }
    }
    return null;
  }

  /**
   * A file under {@code shared/data}; skips (or, in CI, fails) the calling test when it is missing.
   */
  public static Path require(String relative) {
    Path dir = dir();
    Path file = dir == null ? null : dir.resolve("data").resolve(relative);
    if (file == null || !Files.isRegularFile(file)) {
      String msg = "shared data file data/" + relative + " not found (set -Dtianshu.shared.dir)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    return file;
  }
}
