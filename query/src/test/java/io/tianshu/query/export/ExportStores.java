package io.tianshu.query.export;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A real embedded DuckDB CDR holding the given records, removed again on close. */
record ExportStores(CdrStore store, Path directory) implements AutoCloseable {

  static final byte[] KEY = "export-test-identifier-key-0123".getBytes(StandardCharsets.UTF_8);

  static ExportStores duckdb(List<PatientRecord> records) {
    try {
      Path directory = Files.createTempDirectory("tianshu-export-test-");
      CdrStore store = CdrStore.open(StoreConfig.duckdb(directory.resolve("cdr.duckdb"), KEY));
      try (CdrWriter writer = store.writer("export-test", "fixture")) {
        records.forEach(writer::add);
        writer.commit();
      }
      return new ExportStores(store, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    store.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
