package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.TestStores;
import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under a crash: a child JVM ingesting a large feed is killed with SIGKILL in the
 * middle, the same files are ingested again, and the CDR equals that of a clean run — same counts,
 * same records (but for load batch ids) — with every message staged once and none left staged. The
 * kill comes after a random number of finished files and a random delay, so over runs it lands in
 * staging, in mapping and inside CDR commits.
 */
class CrashRecoveryTest {

  private static final int PATIENTS = 1_600;

  @TempDir Path directory;

  @Test
  void duckdbAKilledRunRerunEqualsACleanRun() throws Exception {
    Path feed = directory.resolve("feed");
    GeneratedFeed.write(GeneratedFeed.messages(PATIENTS), feed, 16);
    Path clean = directory.resolve("clean.duckdb");
    Path crashed = directory.resolve("crashed.duckdb");

    runChild("duckdb", clean.toString(), feed, -1);
    killChild("duckdb", crashed.toString(), feed);
    runChild("duckdb", crashed.toString(), feed, -1);

    compare(StoreConfig.duckdb(clean, TestStores.KEY), StoreConfig.duckdb(crashed, TestStores.KEY));
  }

  @Test
  void postgresAKilledRunRerunEqualsACleanRun() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestStores.postgresAvailable());
    Path feed = directory.resolve("feed");
    GeneratedFeed.write(GeneratedFeed.messages(PATIENTS), feed, 16);
    String clean = "ts_ingest_clean_" + UUID.randomUUID().toString().replace("-", "");
    String crashed = "ts_ingest_crash_" + UUID.randomUUID().toString().replace("-", "");
    TestStores.admin("CREATE SCHEMA " + clean);
    TestStores.admin("CREATE SCHEMA " + crashed);
    try {
      runChild("postgresql", clean, feed, -1);
      killChild("postgresql", crashed, feed);
      runChild("postgresql", crashed, feed, -1);
      compare(TestStores.postgresConfig(clean), TestStores.postgresConfig(crashed));
    } finally {
      TestStores.admin("DROP SCHEMA IF EXISTS " + clean + " CASCADE");
      TestStores.admin("DROP SCHEMA IF EXISTS " + crashed + " CASCADE");
    }
  }

  private void killChild(String engine, String location, Path feed) throws Exception {
    int afterFiles = 2 + new java.util.Random().nextInt(8);
    runChild(engine, location, feed, afterFiles);
  }

  /**
   * Runs the child to the end, or kills it (SIGKILL) a moment after it finished {@code killAfter}
   * files.
   */
  private static void runChild(String engine, String location, Path feed, int killAfter)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            IngestChild.class.getName(),
            engine,
            location,
            feed.toString());
    pb.redirectErrorStream(true);
    Process child = pb.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (killAfter > 0 && line.equals("file " + killAfter)) {
          Thread.sleep(new java.util.Random().nextInt(400));
          child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by the JVM
          break;
        }
      }
    }
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    if (killAfter < 0) {
      assertThat(output).as(String.join("\n", output)).contains("done");
    } else {
      assertThat(output).as("killed before the end").doesNotContain("done");
    }
  }

  private static void compare(StoreConfig cleanConfig, StoreConfig crashedConfig) {
    Map<String, PatientRecord> clean;
    Map<String, PatientRecord> crashed;
    List<Long> cleanStaging;
    List<Long> crashedStaging;
    try (CdrStore store = CdrStore.open(cleanConfig)) {
      clean = records(store);
      cleanStaging = staging(store);
    }
    try (CdrStore store = CdrStore.open(crashedConfig)) {
      crashed = records(store);
      crashedStaging = staging(store);
    }
    assertThat(clean).hasSize(PATIENTS);
    assertThat(crashed.keySet()).isEqualTo(clean.keySet());
    for (String id : clean.keySet()) {
      assertThat(normalised(crashed.get(id))).as(id).isEqualTo(normalised(clean.get(id)));
    }
    long messages = PATIENTS * 5L;
    assertThat(cleanStaging).containsExactly(messages, 0L, 0L);
    assertThat(crashedStaging.get(0))
        .as("each message staged once as an original")
        .isEqualTo(messages);
    assertThat(crashedStaging.get(1)).as("nothing left staged").isZero();
    assertThat(crashedStaging.get(2)).as("nothing quarantined").isZero();
  }

  private static Map<String, PatientRecord> records(CdrStore store) {
    List<String> ids =
        store.inTransaction(
            c -> {
              List<String> out = new ArrayList<>();
              try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM patient")) {
                while (rs.next()) {
                  out.add(rs.getString(1));
                }
              }
              return out;
            });
    return new TreeMap<>(store.readPatients(ids));
  }

  /** Originals staged, rows still staged, rows quarantined. */
  private static List<Long> staging(CdrStore store) {
    return store.inTransaction(
        c -> {
          try (ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT (SELECT COUNT(*) FROM ingest_message WHERE duplicate_of IS NULL),"
                          + " (SELECT COUNT(*) FROM ingest_message WHERE status = 'STAGED'),"
                          + " (SELECT COUNT(*) FROM ingest_message WHERE status = 'QUARANTINED')")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
          }
        });
  }

  /** The record with every load batch id blanked: batch ids differ from run to run by design. */
  private static String normalised(PatientRecord r) {
    return r.toString().replaceAll("batchId=ingest-[^,\\]]*", "batchId=*");
  }
}
