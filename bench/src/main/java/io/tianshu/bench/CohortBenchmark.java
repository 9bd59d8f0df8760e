package io.tianshu.bench;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.memory.MemoryEvaluator;
import io.tianshu.query.memory.PatientMatch;
import io.tianshu.query.sql.CohortCount;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.RuleAttrition;
import io.tianshu.query.sql.SqlCohortEngine;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code tianshu bench cohort}: the criteria language at population scale. On a synthetic hospital
 * in DuckDB, one cohort (an index event and five rules: a diagnosis code set, a lab value in a
 * window, a drug within 48 h, an age range, NOT another diagnosis) is counted through {@link
 * SqlCohortEngine} with and without attrition, and the same question is answered by three
 * hand-written SQL statements in the same run, interleaved, so the compiled SQL reads as a ratio to
 * the best of them. Every statement must return the same members. Then {@link MemoryEvaluator} is
 * timed on records already in memory.
 */
public final class CohortBenchmark {

  /**
   * Benchmark settings.
   *
   * @param database the DuckDB file; reused when it holds the same hospital (see {@link
   *     CohortDataset})
   * @param repeats timed runs of each statement after one warm-up run
   * @param samples patients whose records are evaluated in memory
   */
  public record Options(int patients, long seed, Path database, int repeats, int samples) {

    public Options {
      Objects.requireNonNull(database, "database");
      if (patients < 1 || repeats < 1 || samples < 1) {
        throw new IllegalArgumentException("patients, repeats and samples must be positive");
      }
    }
  }

  static final String DEFINITION = "cohort-benchmark.json";

  /** Targets of issue 5, in milliseconds, and the ratio to the best hand-written SQL. */
  private static final double COUNT_TARGET_MS = 1_000;

  private static final double ATTRITION_TARGET_MS = 2_000;
  private static final double RATIO_TARGET = 1.3;
  private static final double MEMORY_TARGET_MS = 1;

  /** Extra evaluations per record for the diagnostic best-of figure. */
  private static final int BEST_OF = 4;

  private CohortBenchmark() {}

  /** The benchmark cohort's definition, as shipped in this module's resources. */
  public static String definitionJson() {
    try (InputStream in = CohortBenchmark.class.getResourceAsStream(DEFINITION)) {
      if (in == null) {
        throw new IllegalStateException(DEFINITION + " is missing from the bench module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, Object> run(Options o, Consumer<String> progress) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "cohort");
    result.put("patients", o.patients());
    result.put("seed", o.seed());
    result.put("machine", Machine.describe());
    CohortDefinition definition = CohortDefinition.parse(definitionJson());
    CohortDataset.Opened opened =
        CohortDataset.open(o.database(), o.seed(), o.patients(), progress);
    try (CdrStore store = opened.store()) {
      Map<String, Object> dataset = new LinkedHashMap<>();
      dataset.put("database", o.database().toAbsolutePath().toString());
      dataset.putAll(opened.facts());
      CdrCounts counts = store.counts();
      dataset.put("patients_in_store", counts.patients());
      dataset.put("encounters", counts.encounters());
      dataset.put("facts", counts.facts());
      result.put("dataset", dataset);
      if (counts.patients() != o.patients()) {
        throw new IllegalStateException(
            "the store holds " + counts.patients() + " patients, not " + o.patients());
      }
      Sql sql = sql(store, new SqlCohortEngine(store), definition, o, progress, result);
      Memory memory = memory(store, definition, sql.members(), o, progress);
      result.put("memory", memory.json());
      sql.agreement()
          .put("memory_agrees_with_compiled_on_every_sample", memory.disagreements() == 0);
      result.put("agreement", sql.agreement());
      result.put("targets", targets(sql, memory));
    }
    return result;
  }

  /** What the SQL part measured, for the targets. */
  private record Sql(
      List<CohortMember> members,
      Timing count,
      Timing attrition,
      Timing bestHandWritten,
      Map<String, Object> agreement) {}

  /** What the in-memory part measured; times in nanoseconds. */
  private record Memory(Map<String, Object> json, int disagreements, long worstP99Nanos) {}

  /** Timings of one statement in milliseconds. */
  private record Timing(String name, double[] ms) {
    double min() {
      return Arrays.stream(ms).min().orElseThrow();
    }

    double median() {
      return CohortBenchmark.median(ms);
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("min_ms", round(min()));
      m.put("median_ms", round(median()));
      m.put("runs_ms", Arrays.stream(ms).map(CohortBenchmark::round).toArray());
      return m;
    }
  }

  /** Runs of every statement: times in milliseconds, and what each returned on its last run. */
  private record Runs(Map<String, double[]> ms, Map<String, Object> last) {}

  /**
   * Runs each statement once to warm up, then {@code repeats} rounds of all of them, interleaved so
   * that a busy moment on the shared machine falls on all statements alike, and starting each round
   * one statement later so that none always runs right after the same one.
   */
  private static Runs time(
      Map<String, Supplier<Object>> statements, int repeats, Consumer<String> progress) {
    Map<String, double[]> ms = new LinkedHashMap<>();
    Map<String, Object> last = new HashMap<>();
    statements.keySet().forEach(k -> ms.put(k, new double[repeats]));
    List<String> names = new ArrayList<>(statements.keySet());
    progress.accept("Warm-up: each statement once");
    names.forEach(k -> last.put(k, statements.get(k).get()));
    for (int r = 0; r < repeats; r++) {
      progress.accept("Round " + (r + 1) + " of " + repeats);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((r + i) % names.size());
        long t0 = System.nanoTime();
        Object out = statements.get(name).get();
        ms.get(name)[r] = (System.nanoTime() - t0) / 1e6;
        last.put(name, out);
      }
    }
    return new Runs(ms, last);
  }

  private static Sql sql(
      CdrStore store,
      SqlCohortEngine engine,
      CohortDefinition definition,
      Options o,
      Consumer<String> progress,
      Map<String, Object> result) {
    List<HandWrittenCohort.Query> hand = HandWrittenCohort.queries();
    // Each statement returns what it selected, so agreement is checked on the very runs timed.
    Map<String, Supplier<Object>> statements = new LinkedHashMap<>();
    statements.put("compiled_count", () -> engine.members(definition));
    statements.put("compiled_count_with_attrition", () -> engine.count(definition));
    for (HandWrittenCohort.Query q : hand) {
      statements.put(q.name(), () -> members(store, q));
    }
    Map<String, Object> load = new LinkedHashMap<>();
    load.put("before", loadAverage());
    Runs runs = time(statements, o.repeats(), progress);
    load.put("after", loadAverage());
    result.put("load_average_1min_around_sql_runs", load);
    Map<String, double[]> ms = runs.ms();
    Map<String, Object> last = runs.last();

    @SuppressWarnings("unchecked")
    List<CohortMember> members = (List<CohortMember>) last.get("compiled_count");
    CohortCount count = (CohortCount) last.get("compiled_count_with_attrition");
    result.put("cohort", cohort(definition, count, members));
    result.put("repeats", o.repeats());

    Timing countTiming = new Timing("compiled_count", ms.get("compiled_count"));
    Timing attritionTiming =
        new Timing("compiled_count_with_attrition", ms.get("compiled_count_with_attrition"));
    Map<String, Object> compiled = new LinkedHashMap<>();
    compiled.put(
        "count",
        described(
            countTiming,
            "SqlCohortEngine.members(definition): the compiled statement, one row per member,"
                + " counted"));
    compiled.put(
        "count_with_attrition",
        described(
            attritionTiming, "SqlCohortEngine.count(definition): size and attrition per rule"));
    result.put("compiled", compiled);

    Map<String, Object> agreement = new LinkedHashMap<>();
    List<Map<String, Object>> handJson = new ArrayList<>();
    Timing best = null;
    for (HandWrittenCohort.Query q : hand) {
      Timing t = new Timing(q.name(), ms.get(q.name()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", q.name());
      m.put("how", q.description());
      m.putAll(t.json());
      @SuppressWarnings("unchecked")
      List<CohortMember> theirs = (List<CohortMember>) last.get(q.name());
      m.put("members", theirs.size());
      boolean same = theirs.equals(members);
      m.put("same_members_as_compiled", same);
      agreement.put(q.name() + "_same_members_as_compiled", same);
      handJson.add(m);
      if (best == null || t.median() < best.median()) {
        best = t;
      }
    }
    agreement.put("attrition_final_step_equals_members", count.count() == members.size());
    result.put("hand_written", handJson);
    result.put("ratio", ratio(countTiming, best));
    return new Sql(members, countTiming, attritionTiming, best, agreement);
  }

  private static Map<String, Object> described(Timing t, String what) {
    Map<String, Object> m = t.json();
    m.put("what", what);
    return m;
  }

  private static Map<String, Object> ratio(Timing compiled, Timing best) {
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("best_hand_written", best.name());
    ratio.put("compiled_over_best_median", round(compiled.median() / best.median()));
    ratio.put("compiled_over_best_min", round(compiled.min() / best.min()));
    // Within one round both ran under much the same machine load, so the per-round ratio is the
    // steadier estimate when another build starts or stops halfway through the rounds.
    double[] perRound = new double[compiled.ms().length];
    for (int r = 0; r < perRound.length; r++) {
      perRound[r] = compiled.ms()[r] / best.ms()[r];
    }
    ratio.put("compiled_over_best_median_of_rounds", round(median(perRound)));
    return ratio;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Map<String, Object> cohort(
      CohortDefinition definition, CohortCount count, List<CohortMember> members) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("definition", "bench/src/main/resources/io/tianshu/bench/" + DEFINITION);
    m.put("name", definition.name());
    m.put("members", members.size());
    List<Map<String, Object>> attrition = new ArrayList<>();
    for (RuleAttrition a : count.attrition()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("rule", a.rule());
      step.put("remaining", a.remaining());
      attrition.add(step);
    }
    m.put("attrition", attrition);
    return m;
  }

  /** Runs a hand-written statement the way the engine runs its own: a store transaction. */
  private static List<CohortMember> members(CdrStore store, HandWrittenCohort.Query q) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(q.sql())) {
            for (int p = 0; p < q.params().size(); p++) {
              s.setObject(p + 1, q.params().get(p));
            }
            List<CohortMember> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(new CohortMember(rs.getString(1), rs.getObject(2, LocalDateTime.class)));
              }
            }
            return out;
          }
        });
  }

  /**
   * {@link MemoryEvaluator} on records read before the clock starts: {@code samples} random
   * patients, and as many cohort members (who pass every rule, so every rule is evaluated). Each
   * evaluation must agree with the compiled SQL's members.
   */
  private static Memory memory(
      CdrStore store,
      CohortDefinition definition,
      List<CohortMember> members,
      Options o,
      Consumer<String> progress) {
    Map<String, LocalDateTime> inCohort = new HashMap<>();
    members.forEach(m -> inCohort.put(m.patientId(), m.indexAt()));
    Random random = new Random(o.seed());
    List<String> randomIds = new ArrayList<>();
    for (int i = 0; i < o.samples(); i++) {
      randomIds.add(LoadBenchmark.patientId(random.nextInt(o.patients())));
    }
    // Members spread over the cohort; a small cohort is cycled through to make up the samples.
    List<String> memberIds = new ArrayList<>();
    int distinct = Math.min(o.samples(), members.size());
    for (int i = 0; i < distinct; i++) {
      memberIds.add(members.get((int) ((long) i * members.size() / distinct)).patientId());
    }
    progress.accept(
        "Reading " + (randomIds.size() + memberIds.size()) + " records for in-memory evaluation");
    long t0 = System.nanoTime();
    List<PatientRecord> randomRecords = read(store, randomIds);
    List<PatientRecord> distinctMembers = read(store, memberIds);
    double readSeconds = round((System.nanoTime() - t0) / 1e9);
    List<PatientRecord> memberRecords = new ArrayList<>();
    for (int i = 0; !distinctMembers.isEmpty() && i < o.samples(); i++) {
      memberRecords.add(distinctMembers.get(i % distinctMembers.size()));
    }

    // Warm-up: class loading and JIT, not measured.
    for (int i = 0; i < 5; i++) {
      randomRecords.forEach(r -> MemoryEvaluator.evaluate(definition, r));
      memberRecords.forEach(r -> MemoryEvaluator.evaluate(definition, r));
    }
    // A collection now rather than inside the timed loop; the records stay reachable.
    System.gc();
    progress.accept("Timing in-memory evaluation");
    double loadBefore = loadAverage();
    Evaluated onRandom = evaluate(definition, randomRecords, inCohort);
    Evaluated onMembers = evaluate(definition, memberRecords, inCohort);

    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "what",
        "MemoryEvaluator.evaluate(definition, record) on records read beforehand; evaluation only");
    Map<String, Object> randomJson = micros(onRandom.nanos());
    randomJson.put("in_cohort", onRandom.matched());
    m.put("random_patients", randomJson);
    m.put("cohort_members", micros(onMembers.nanos()));
    // Not judged: on a shared two-core machine a single evaluation is often preempted or caught by
    // a collection, which the p99 above shows; the best of several shows the evaluator's own cost.
    Map<String, Object> best = new LinkedHashMap<>();
    best.put("what", "each record evaluated " + BEST_OF + " more times, its fastest kept");
    best.put("random_patients", micros(bestOf(definition, randomRecords, onRandom.nanos())));
    best.put("cohort_members", micros(bestOf(definition, memberRecords, onMembers.nanos())));
    m.put("best_of_repeated_evaluations", best);
    m.put("records_read_seconds", readSeconds);
    m.put("load_average_1min_before", loadBefore);
    int disagreements = onRandom.disagreements() + onMembers.disagreements();
    m.put("disagreements_with_compiled", disagreements);
    long worst = Math.max(percentile(onRandom.nanos(), 0.99), percentile(onMembers.nanos(), 0.99));
    return new Memory(m, disagreements, worst);
  }

  /** Timings of in-memory evaluations, with how many matched and disagreed with the SQL. */
  private record Evaluated(long[] nanos, int matched, int disagreements) {}

  /** Per record, the fastest of its first timing and {@link #BEST_OF} more evaluations. */
  private static long[] bestOf(
      CohortDefinition definition, List<PatientRecord> records, long[] first) {
    long[] best = first.clone();
    for (int pass = 0; pass < BEST_OF; pass++) {
      for (int i = 0; i < best.length; i++) {
        long t0 = System.nanoTime();
        MemoryEvaluator.evaluate(definition, records.get(i));
        best[i] = Math.min(best[i], System.nanoTime() - t0);
      }
    }
    return best;
  }

  /** The records of {@code ids}, in order, read with the store's bulk read. */
  private static List<PatientRecord> read(CdrStore store, List<String> ids) {
    Map<String, PatientRecord> records = store.readPatients(new LinkedHashSet<>(ids));
    List<PatientRecord> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      PatientRecord r = records.get(id);
      if (r == null) {
        throw new IllegalStateException("patient " + id + " is not in the store");
      }
      out.add(r);
    }
    return out;
  }

  private static Evaluated evaluate(
      CohortDefinition definition,
      List<PatientRecord> records,
      Map<String, LocalDateTime> inCohort) {
    long[] nanos = new long[records.size()];
    int matched = 0;
    int disagreements = 0;
    for (int i = 0; i < nanos.length; i++) {
      PatientRecord r = records.get(i);
      long t0 = System.nanoTime();
      PatientMatch match = MemoryEvaluator.evaluate(definition, r);
      nanos[i] = System.nanoTime() - t0;
      if (!Objects.equals(match.indexAt(), inCohort.get(r.patient().id()))) {
        disagreements++;
      }
      if (match.matches()) {
        matched++;
      }
    }
    return new Evaluated(nanos, matched, disagreements);
  }

  /**
   * p50/p90/p99/max in microseconds: an evaluation takes tens of microseconds, below {@link
   * Percentiles}' hundredth of a millisecond.
   */
  private static Map<String, Object> micros(long[] nanos) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", nanos.length);
    m.put("p50_us", round(percentile(nanos, 0.50) / 1e3));
    m.put("p90_us", round(percentile(nanos, 0.90) / 1e3));
    m.put("p99_us", round(percentile(nanos, 0.99) / 1e3));
    m.put("max_us", round(percentile(nanos, 1.0) / 1e3));
    return m;
  }

  private static long percentile(long[] nanos, double q) {
    if (nanos.length == 0) {
      return 0;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static Map<String, Object> targets(Sql sql, Memory memory) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("judged_on", "medians of the timed runs; the worse p99 of the in-memory evaluations");
    t.put("count_ms", target(sql.count().median(), COUNT_TARGET_MS));
    t.put("count_with_attrition_ms", target(sql.attrition().median(), ATTRITION_TARGET_MS));
    t.put(
        "compiled_over_best_hand_written",
        target(sql.count().median() / sql.bestHandWritten().median(), RATIO_TARGET));
    t.put("memory_one_patient_p99_ms", target(memory.worstP99Nanos() / 1e6, MEMORY_TARGET_MS));
    return t;
  }

  private static Map<String, Object> target(double measured, double limit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("measured", Math.round(measured * 1000) / 1000.0);
    m.put("target", limit);
    m.put("met", measured <= limit);
    return m;
  }

  /** The machine's one-minute load average: on a shared machine, the context every figure needs. */
  private static double loadAverage() {
    return round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
