package io.tianshu.ingest.cda;

import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.synth.CdaExport;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (surefire skips {@code *Probe}): CDA documents per second staged and applied from
 * files into DuckDB, after one warm-up run into another store. Run with {@code -Dtest=
 * CdaFeedThroughputProbe}.
 */
class CdaFeedThroughputProbe {

  @Test
  void measure(@TempDir Path out) throws Exception {
    int patients = Integer.getInteger("probe.patients", 600);
    Path dir = out.resolve("cda");
    int written =
        CdaExport.write(
            new SyntheticHospital(new SynthConfig(5, patients, LocalDate.of(2026, 11, 1))), dir);
    List<byte[]> raws = new java.util.ArrayList<>();
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path f : files.toList()) {
        raws.add(java.nio.file.Files.readAllBytes(f));
      }
    }
    CdaUnitFormat format = new CdaUnitFormat(java.time.ZoneId.of("Asia/Shanghai"));
    for (String round : List.of("warm-up", "measured")) {
      long t0 = System.nanoTime();
      for (byte[] raw : raws) {
        format.header(raw);
      }
      long t1 = System.nanoTime();
      for (byte[] raw : raws) {
        format.ingest(
            io.tianshu.ingest.staging.StagedMessage.of("probe", null, java.time.Instant.EPOCH, raw),
            "b");
      }
      long t2 = System.nanoTime();
      System.out.printf(
          "{\"probe\":\"cda-format\",\"round\":\"%s\",\"headersPerSecond\":%.0f,"
              + "\"mappedPerSecond\":%.0f}%n",
          round, raws.size() / ((t1 - t0) / 1e9), raws.size() / ((t2 - t1) / 1e9));
    }
    for (String round : List.of("warm-up", "measured")) {
      try (TestStores.Opened opened = TestStores.duckdb()) {
        IngestFeed feed = new IngestFeed(opened.store());
        long t0 = System.nanoTime();
        IngestCounts counts = CdaFiles.ingest(feed, List.of(dir), p -> {});
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "{\"probe\":\"cda-feed\",\"round\":\"%s\",\"documents\":%d,\"accepted\":%d,"
                + "\"seconds\":%.2f,\"documentsPerSecond\":%.0f}%n",
            round, written, counts.accepted() + counts.updated(), seconds, written / seconds);
      }
    }
  }
}
