package io.tianshu.query.search;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.StoreConfig;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures building the document index from a synthetic hospital (the demo's 2,000
 * patients by default, notes structured by {@link NoteStructurer}) in an on-disk DuckDB store, and
 * the latency of first-page searches (snippets included) over it, printing JSON.
 *
 * <pre>
 * ./mvnw -q -pl query test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.tianshu.query.search.SearchLatencyProbe -Dexec.args="/tmp/search-probe 2000"
 * </pre>
 */
public final class SearchLatencyProbe {

  private static final byte[] KEY =
      "probe-identifier-key-not-secret!".getBytes(StandardCharsets.UTF_8);
  private static final int BUILDS = 3;
  private static final int WARMUP_ROUNDS = 20;
  private static final int ROUNDS = 100;

  /** Short words, words inside sentences, phrases, boolean, a single character, a filter. */
  private static final List<String> QUERIES =
      List.of(
          "发热",
          "胸痛",
          "咳嗽",
          "高血压",
          "呼吸困难",
          "\"咳嗽咳痰\"",
          "发热 AND 咳嗽",
          "胸痛 OR 胸闷",
          "(发热 OR 寒战) NOT 肺炎",
          "痰",
          "NOT 发热",
          "糖尿病 AND 水肿");

  private SearchLatencyProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/tianshu-search-probe");
    int patients = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Files.createDirectories(dir);
    Path file = dir.resolve("probe-" + patients + ".duckdb");
    boolean load = !Files.exists(file);
    try (CdrStore store = CdrStore.open(StoreConfig.duckdb(file, KEY));
        DocumentIndex index = DocumentIndex.open(dir.resolve("index-" + patients))) {
      if (load) {
        SyntheticHospital hospital =
            new SyntheticHospital(new SynthConfig(42, patients, LocalDate.of(2025, 6, 30)));
        NoteStructurer structurer = new NoteStructurer();
        try (CdrWriter writer = store.writer("probe-" + patients, "synth")) {
          for (int i = 0; i < patients; i++) {
            PatientRecord record = structurer.structure(hospital.patient(i).record());
            writer.add(record);
          }
          writer.commit();
        }
      }
      long[] buildMillis = new long[BUILDS];
      long documents = 0;
      for (int b = 0; b < BUILDS; b++) {
        IndexStatus status = index.rebuild(store);
        buildMillis[b] = status.buildMillis();
        documents = status.documents();
      }
      Arrays.sort(buildMillis);
      long bestBuild = buildMillis[0];

      for (int r = 0; r < WARMUP_ROUNDS; r++) {
        runAll(index);
      }
      long[] nanos = new long[ROUNDS * QUERIES.size() * 2];
      long[][] perQuery = new long[QUERIES.size()][ROUNDS * 2];
      int n = 0;
      long hits = 0;
      for (int r = 0; r < ROUNDS; r++) {
        for (int qi = 0; qi < QUERIES.size(); qi++) {
          for (SearchMode mode : SearchMode.values()) {
            long t0 = System.nanoTime();
            hits += index.search(SearchRequest.of(QUERIES.get(qi)).withMode(mode)).total();
            long took = System.nanoTime() - t0;
            nanos[n++] = took;
            perQuery[qi][r * 2 + mode.ordinal()] = took;
          }
        }
      }
      Arrays.sort(nanos);
      StringBuilder byQuery = new StringBuilder();
      for (int qi = 0; qi < QUERIES.size(); qi++) {
        Arrays.sort(perQuery[qi]);
        byQuery
            .append(qi == 0 ? "" : ", ")
            .append('"')
            .append(QUERIES.get(qi).replace("\"", "\\\""))
            .append("\": ")
            .append(String.format(Locale.ROOT, "%.2f", perQuery[qi][ROUNDS] / 1e6));
      }
      System.out.printf(
          Locale.ROOT,
          "{\"patients\": %d, \"documents\": %d, \"buildMillisBestOf%d\": %d,"
              + " \"buildMillisAll\": %s, \"docsPerSecond\": %.0f, \"queries\": %d,"
              + " \"searchP50Ms\": %.2f, \"searchP99Ms\": %.2f, \"searchMaxMs\": %.2f,"
              + " \"meanHits\": %.0f, \"p50MsByQuery\": {%s}}%n",
          patients,
          documents,
          BUILDS,
          bestBuild,
          Arrays.toString(buildMillis),
          documents * 1000.0 / bestBuild,
          n,
          nanos[n / 2] / 1e6,
          nanos[(int) (n * 0.99)] / 1e6,
          nanos[n - 1] / 1e6,
          hits / (double) n,
          byQuery);
    }
  }

  private static void runAll(DocumentIndex index) {
    for (String q : QUERIES) {
      for (SearchMode mode : SearchMode.values()) {
        index.search(SearchRequest.of(q).withMode(mode));
      }
    }
  }
}
