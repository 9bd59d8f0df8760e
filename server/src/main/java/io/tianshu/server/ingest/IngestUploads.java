package io.tianshu.server.ingest;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.ingest.staging.Hl7v2Files;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.table.TableMapping;
import io.tianshu.ingest.table.TableMappings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An uploaded file through the same connector the CLI runs on a path: the upload is written to a
 * private temporary directory under its own (sanitised) name, since connectors read file names (a
 * table mapping matches tables by file name, {@code .ndjson} is read line by line), then staged and
 * applied, and the directory is removed.
 */
final class IngestUploads {

  static final ErrorCode FORMAT_UNKNOWN =
      new ErrorCode("TS-INGEST-902", 400, "Unknown ingest format");

  static final ErrorCode MAPPING_UNKNOWN =
      new ErrorCode("TS-INGEST-903", 400, "Unknown table mapping");

  private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._-]");

  /** Reads one uploaded file into the feed. */
  @FunctionalInterface
  interface Connector {
    IngestCounts ingest(IngestFeed feed, Path file, String source, String mapping)
        throws IOException;
  }

  private final IngestFeed feed;
  private final Path workDir;
  private final Map<String, Connector> connectors;

  IngestUploads(IngestFeed feed, Path workDir, Map<String, Connector> connectors) {
    this.feed = feed;
    this.workDir = workDir;
    this.connectors = Map.copyOf(connectors);
  }

  /** The connectors every server has; others are added by configuration. */
  static Map<String, Connector> hl7v2() {
    return Map.of(
        "hl7v2", (feed, file, source, mapping) -> Hl7v2Files.ingest(feed, List.of(file), p -> {}));
  }

  /**
   * A mapping Tianshu ships, by name: over the API only those (a path would let a client make the
   * server read any file as a mapping); a site's own mapping is loaded with the CLI.
   */
  static TableMapping shippedMapping(String name) {
    if (name == null || !TableMappings.BUILT_IN.contains(name)) {
      throw new TianshuException(
          MAPPING_UNKNOWN,
          "Table uploads need mapping= one of " + TableMappings.BUILT_IN + ", not '" + name + "'.");
    }
    return TableMappings.shipped(name);
  }

  List<String> formats() {
    return connectors.keySet().stream().sorted().toList();
  }

  IngestCounts ingest(
      String format, String fileName, byte[] content, String source, String mapping) {
    Connector connector = connectors.get(format.toLowerCase(Locale.ROOT));
    if (connector == null) {
      throw new TianshuException(
          FORMAT_UNKNOWN, "Format '" + format + "' is not one of " + formats() + ".");
    }
    try {
      Files.createDirectories(workDir);
      Path dir = Files.createTempDirectory(workDir, "upload-");
      try {
        Path file = dir.resolve(safeName(fileName, format));
        Files.write(file, content);
        return connector.ingest(feed, file, source, mapping);
      } finally {
        delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the upload", e);
    }
  }

  static String safeName(String fileName, String format) {
    String base = fileName == null ? "" : Path.of(fileName).getFileName().toString();
    base = UNSAFE.matcher(base).replaceAll("_");
    if (base.isBlank() || base.startsWith(".")) {
      return "upload." + format;
    }
    return base;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
