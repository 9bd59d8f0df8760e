package io.tianshu.ingest.staging;

import io.tianshu.ingest.TestStores;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A process of its own that ingests a directory of HL7 v2 files, reporting each file it finished,
 * for {@link CrashRecoveryTest} to kill. Arguments: engine ({@code duckdb}/{@code postgresql}), the
 * DuckDB file or PostgreSQL schema, the directory.
 */
public final class IngestChild {

  private IngestChild() {}

  public static void main(String[] args) {
    StoreConfig config =
        args[0].equals("duckdb")
            ? StoreConfig.duckdb(Path.of(args[1]), TestStores.KEY)
            : TestStores.postgresConfig(args[1]);
    try (CdrStore store = CdrStore.open(config)) {
      IngestFeed feed =
          new IngestFeed(
              store, IngestSettings.defaults().withBatchSize(500), java.time.Clock.systemUTC());
      Hl7v2Files.ingest(
          feed,
          List.of(Path.of(args[2])),
          p -> {
            System.out.println("file " + p.filesDone());
            System.out.flush();
          });
      System.out.println("done");
    }
  }
}
