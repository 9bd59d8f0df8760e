package io.tianshu.server.demo;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.concept.VocabularyTerm;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.LoadSummary;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Generates the synthetic hospital, reads its notes into note facts and loads it into the CDR in
 * one atomic batch, streaming patient by patient so that memory stays flat whatever the size.
 */
public final class SyntheticLoad {

  /**
   * Threads that generate and structure patients while the caller spools them to the writer.
   * Structuring 2,000 patients took about 1.5 s of one core, as long as spooling and loading them,
   * and about twice that since values and codes are read, so overlapping the two shortens a demo's
   * start; more threads would only compete with the caller on a 2-core machine (figures in
   * nlp/README.md).
   */
  private static final int WORKERS = Math.max(1, Math.min(2, availableProcessors()));

  /** Patients in flight per worker: enough to keep the workers busy, few enough to stay small. */
  private static final int IN_FLIGHT_PER_WORKER = 8;

  /**
   * Tianshu's lexicon and rules with the synthetic hospital's coding tables, whose terms are found
   * as well as coded ({@code +synth-hospital-codes} coded only what the lexicon found).
   */
  static final String PIPELINE_VERSION =
      NoteStructurer.PIPELINE_VERSION + "+synth-hospital-vocabulary";

  private SyntheticLoad() {}

  /** The batch id names the generator parameters, so the same hospital is never loaded twice. */
  public static String batchId(SynthConfig config) {
    return "synth-s" + config.seed() + "-n" + config.patients() + "-" + config.asOf();
  }

  public static LoadSummary run(
      CdrStore store, long seed, int patients, LocalDate asOf, LongConsumer progress) {
    SynthConfig config = new SynthConfig(seed, patients, asOf);
    SyntheticHospital hospital = new SyntheticHospital(config);
    NoteStructurer structurer = structurer(hospital);
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemonThreads());
    try (CdrWriter writer = store.writer(batchId(config), "synth")) {
      // Patients are added in index order, so the same hospital always loads the same way.
      ArrayDeque<Future<PatientRecord>> inFlight = new ArrayDeque<>();
      int next = 0;
      long done = 0;
      while (done < patients) {
        while (next < patients && inFlight.size() < WORKERS * IN_FLIGHT_PER_WORKER) {
          int index = next++;
          inFlight.add(
              workers.submit(() -> structurer.structure(hospital.patient(index).record())));
        }
        writer.add(await(inFlight.poll()));
        done++;
        progress.accept(done);
      }
      return writer.commit();
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Reads the notes with the hospital's own diagnosis and operation codes, as the server's {@code
   * StoreVocabulary} reads them from a loaded CDR, so that disease and operation facts carry their
   * ICD-10 and ICD-9-CM-3 codes, and that the hospital's names for them are found where Tianshu's
   * lexicon does not know them. The CDR is still empty while the demo structures, so the codes come
   * from the generator's coding tables, which hold every code its patients carry.
   */
  static NoteStructurer structurer(SyntheticHospital hospital) {
    List<VocabularyTerm> terms = new ArrayList<>();
    for (MappedCode c : hospital.diagnosisAndOperationCodes()) {
      Code standard = c.standard();
      if (standard != null) {
        String system = standard.system().id();
        if (!standard.display().isBlank()) {
          terms.add(new VocabularyTerm(system, standard.code(), standard.display(), true));
        }
        if (!c.local().display().isBlank()) {
          terms.add(new VocabularyTerm(system, standard.code(), c.local().display(), false));
        }
      }
    }
    ConceptVocabulary vocabulary = ConceptVocabulary.from(() -> terms);
    return new NoteStructurer(
        ClinicalNlp.lexiconOnly().withVocabulary(vocabulary), PIPELINE_VERSION);
  }

  private static PatientRecord await(Future<PatientRecord> record) {
    try {
      return record.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating the synthetic hospital", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger numbers = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "tianshu-synth-load-" + numbers.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static int availableProcessors() {
    return Runtime.getRuntime().availableProcessors();
  }
}
