package io.tianshu.server.demo;

import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.LoadSummary;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.time.LocalDate;
import java.util.function.LongConsumer;

/**
 * Generates the synthetic hospital and loads it into the CDR in one atomic batch, streaming patient
 * by patient so that memory stays flat whatever the size.
 */
public final class SyntheticLoad {

  private SyntheticLoad() {}

  /** The batch id names the generator parameters, so the same hospital is never loaded twice. */
  public static String batchId(SynthConfig config) {
    return "synth-s" + config.seed() + "-n" + config.patients() + "-" + config.asOf();
  }

  public static LoadSummary run(
      CdrStore store, long seed, int patients, LocalDate asOf, LongConsumer progress) {
    SynthConfig config = new SynthConfig(seed, patients, asOf);
    SyntheticHospital hospital = new SyntheticHospital(config);
    long done = 0;
    try (CdrWriter writer = store.writer(batchId(config), "synth")) {
      for (GeneratedPatient patient : hospital) {
        writer.add(patient.record());
        done++;
        progress.accept(done);
      }
      return writer.commit();
    }
  }
}
