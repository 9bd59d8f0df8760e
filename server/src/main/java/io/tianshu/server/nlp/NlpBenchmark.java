package io.tianshu.server.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.error.TianshuException;
import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.eval.CcksCorpus;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.Pipeline;
import io.tianshu.nlp.pipeline.Stage;
import io.tianshu.nlp.tagger.PerceptronTagger;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Single-thread throughput and heap of the NLP pipeline over a corpus of notes, printed by {@code
 * tianshu nlp bench}: the lexicon matcher alone, the lexicon pipeline (all stages), and with a
 * model the tagger alone and the model pipeline. Each is warmed up, then timed over whole passes.
 */
public final class NlpBenchmark {

  /** The targets, per core. */
  static final long MODEL_PIPELINE_TARGET = 300_000;

  static final long LEXICON_TARGET = 1_000_000;
  static final long HEAP_TARGET_MB = 512;

  private static final ObjectMapper JSON = new ObjectMapper();

  private NlpBenchmark() {}

  /**
   * How long to run.
   *
   * @param warmup untimed passes run at least this long (at least one pass)
   * @param timed timed passes run at least this long (at least one pass)
   */
  public record Options(Duration warmup, Duration timed) {
    public Options {
      Objects.requireNonNull(warmup, "warmup");
      Objects.requireNonNull(timed, "timed");
      if (warmup.isNegative() || timed.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative");
      }
    }
  }

  /**
   * The texts of a JSONL file, one document per line under {@code originalText} (the CCKS format)
   * or {@code text}.
   *
   * @throws TianshuException with {@link CcksCorpus#BAD_LINE} naming a line that has neither
   */
  public static List<String> readTexts(Path file) {
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode text = null;
        try {
          JsonNode root = JSON.readTree(line);
          text = root.has("originalText") ? root.get("originalText") : root.get("text");
        } catch (IOException e) {
          // reported below, with the line number
        }
        if (text == null || !text.isTextual()) {
          throw new TianshuException(
              CcksCorpus.BAD_LINE,
              file + ":" + lineNo + " is not a JSON object with an originalText or text string");
        }
        texts.add(text.asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  /**
   * Runs the benchmark and returns the JSON object to print.
   *
   * @param tagger a trained model, or null for the lexicon runs only
   * @param vocabulary a hospital vocabulary whose terms both pipelines then find and code (and the
   *     matcher run matches), or null
   */
  public static Map<String, Object> run(
      List<String> texts,
      String input,
      Lexicon lexicon,
      PerceptronTagger tagger,
      ConceptVocabulary vocabulary,
      Options options) {
    long chars = texts.stream().mapToLong(String::length).sum();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input", input);
    out.put("docs", texts.size());
    out.put("characters", chars);
    out.put("threads", 1);
    out.put("warmup_seconds", options.warmup().toMillis() / 1000.0);
    out.put("timed_seconds", options.timed().toMillis() / 1000.0);
    out.put("concepts", vocabulary != null);
    out.put("load_average_start", loadAverage());

    ClinicalNlp lexiconNlp = ClinicalNlp.withLexicon(lexicon);
    ClinicalNlp modelNlp = tagger == null ? null : ClinicalNlp.withModel(lexicon, tagger);
    if (vocabulary != null) {
      lexiconNlp = lexiconNlp.withVocabulary(vocabulary);
      modelNlp = modelNlp == null ? null : modelNlp.withVocabulary(vocabulary);
    }
    // With a vocabulary the matcher timed is the one the pipelines run: lexicon plus its terms.
    Lexicon matcher = lexiconNlp.lexicon();
    out.put("lexicon_terms", matcher.size());
    HeapSampler heap = new HeapSampler();
    heap.start();
    try {
      Map<String, Object> runs = new LinkedHashMap<>();
      runs.put(
          "lexicon_matcher", time(texts, t -> matcher.longestMatches(t).size(), options, heap));
      ClinicalNlp lex = lexiconNlp;
      runs.put(
          "lexicon_pipeline",
          withStages(
              time(texts, t -> lex.annotate(t).get(Entity.LAYER).size(), options, heap),
              lex.pipeline(),
              texts));
      if (tagger != null) {
        runs.put("tagger", time(texts, t -> tagger.recognize(t).size(), options, heap));
        ClinicalNlp model = modelNlp;
        runs.put(
            "model_pipeline",
            withStages(
                time(texts, t -> model.annotate(t).get(Entity.LAYER).size(), options, heap),
                model.pipeline(),
                texts));
      }
      out.put("runs", runs);
      Map<String, Object> memory = heap.report();
      // What the pipelines keep between documents (lexicon tries, model weights), apart from the
      // garbage a generous heap lets pile up between collections.
      memory.put("retained_after_gc_mb", retainedAfterGc());
      Reference.reachabilityFence(lexiconNlp);
      Reference.reachabilityFence(modelNlp);
      out.put("heap", memory);
      out.put("targets", targets(runs, memory));
    } finally {
      heap.stop();
    }
    out.put("load_average_end", loadAverage());
    out.put("machine", machine());
    return out;
  }

  private static Map<String, Object> time(
      List<String> texts, ToIntFunction<String> work, Options options, HeapSampler heap) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long deadline = System.nanoTime() + options.warmup().toNanos();
    do {
      for (String t : texts) {
        sink += work.applyAsInt(t);
      }
    } while (System.nanoTime() < deadline);
    heap.resetPeak();
    List<Long> wall = new ArrayList<>();
    long cpu = 0;
    long found = 0;
    long started = System.nanoTime();
    deadline = started + options.timed().toNanos();
    do {
      long w0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      found = 0;
      for (String t : texts) {
        found += work.applyAsInt(t);
      }
      cpu += threads.getCurrentThreadCpuTime() - c0;
      wall.add(System.nanoTime() - w0);
    } while (System.nanoTime() < deadline);
    long wallTotal = wall.stream().mapToLong(Long::longValue).sum();
    long chars = texts.stream().mapToLong(String::length).sum();
    long[] sorted = wall.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("passes", wall.size());
    r.put("seconds", round(wallTotal / 1e9, 2));
    r.put("chars_per_s", perSecond(chars * wall.size(), wallTotal));
    r.put("docs_per_s", perSecond((long) texts.size() * wall.size(), wallTotal));
    r.put("median_pass_chars_per_s", perSecond(chars, sorted[(sorted.length - 1) / 2]));
    r.put("best_pass_chars_per_s", perSecond(chars, sorted[0]));
    // Thread CPU time leaves out the time other processes held the core, which on a shared machine
    // is most of the difference between runs.
    r.put("chars_per_cpu_s", cpu > 0 ? perSecond(chars * wall.size(), cpu) : null);
    r.put("found_per_pass", found);
    r.put("peak_heap_used_mb", heap.peakMb());
    if (sink == Long.MIN_VALUE) {
      r.put("sink", sink); // keeps the warm-up's results alive for the JIT
    }
    return r;
  }

  /**
   * Adds each stage's share of one more pass, stage by stage as {@link Pipeline#run} runs them, to
   * show where the time goes.
   */
  private static Map<String, Object> withStages(
      Map<String, Object> timed, Pipeline pipeline, List<String> texts) {
    List<Stage> stages = pipeline.stages();
    long[] nanos = new long[stages.size()];
    for (String t : texts) {
      AnnotatedDocument doc = AnnotatedDocument.of(t);
      for (int i = 0; i < stages.size(); i++) {
        long t0 = System.nanoTime();
        doc = stages.get(i).apply(doc);
        nanos[i] += System.nanoTime() - t0;
      }
    }
    long total = Math.max(1, Arrays.stream(nanos).sum());
    Map<String, Object> share = new LinkedHashMap<>();
    for (int i = 0; i < stages.size(); i++) {
      share.put(stages.get(i).name(), round((double) nanos[i] / total, 3));
    }
    timed.put("stage_share", share);
    return timed;
  }

  private static Map<String, Object> targets(Map<String, Object> runs, Map<String, Object> heap) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("lexicon_pipeline_chars_per_s", target(runs, "lexicon_pipeline", LEXICON_TARGET));
    t.put("lexicon_matcher_chars_per_s", target(runs, "lexicon_matcher", LEXICON_TARGET));
    if (runs.containsKey("model_pipeline")) {
      t.put("model_pipeline_chars_per_s", target(runs, "model_pipeline", MODEL_PIPELINE_TARGET));
    }
    double peak = ((Number) heap.get("peak_used_mb")).doubleValue();
    t.put(
        "peak_heap_used_mb",
        Map.of("target_at_most", HEAP_TARGET_MB, "measured", peak, "met", peak <= HEAP_TARGET_MB));
    return t;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> target(Map<String, Object> runs, String run, long atLeast) {
    long measured = (Long) ((Map<String, Object>) runs.get(run)).get("chars_per_s");
    return Map.of("target_at_least", atLeast, "measured", measured, "met", measured >= atLeast);
  }

  private static double retainedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return mb(memory.getHeapMemoryUsage().getUsed());
  }

  /** Same shape as the {@code bench} module's machine description, plus the load average. */
  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("date", ZonedDateTime.now().toString());
    return m;
  }

  private static double loadAverage() {
    return round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2);
  }

  private static long perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : Math.round(count / (nanos / 1e9));
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  private static double mb(long bytes) {
    return round(bytes / (1024.0 * 1024.0), 1);
  }

  /**
   * Samples the used heap every few milliseconds from a daemon thread, and reads the heap pools'
   * own peaks (which the JVM tracks exactly, but pool by pool, so their sum can overstate).
   */
  private static final class HeapSampler implements Runnable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong runPeak = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    void start() {
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .forEach(MemoryPoolMXBean::resetPeakUsage);
      thread = new Thread(this, "nlp-bench-heap");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      while (running) {
        sample();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void sample() {
      long used = memory.getHeapMemoryUsage().getUsed();
      peak.accumulateAndGet(used, Math::max);
      runPeak.accumulateAndGet(used, Math::max);
    }

    void resetPeak() {
      runPeak.set(0);
    }

    double peakMb() {
      sample();
      return mb(runPeak.get());
    }

    Map<String, Object> report() {
      sample();
      long pools =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .mapToLong(p -> p.getPeakUsage().getUsed())
              .sum();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("peak_used_mb", mb(peak.get()));
      m.put("pool_peaks_sum_mb", mb(pools));
      m.put("max_mb", mb(Runtime.getRuntime().maxMemory()));
      m.put(
          "collectors",
          Arrays.toString(
              ManagementFactory.getGarbageCollectorMXBeans().stream()
                  .map(g -> g.getName())
                  .toArray()));
      return m;
    }

    void stop() {
      running = false;
      thread.interrupt();
    }
  }
}
