package io.tianshu.synth;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Configuration of one synthetic hospital: the seed that makes it reproducible, how many patients
 * it holds and the hospital's "today".
 *
 * @param seed the random seed; the same seed always yields the same hospital
 * @param patients number of patients, at least 0
 * @param asOf the hospital's today: history spans about two years before it and some inpatients are
 *     still in hospital on it (snapshot taken at 08:00 that day)
 */
public record SynthConfig(long seed, int patients, LocalDate asOf) {
  public SynthConfig {
    Objects.requireNonNull(asOf, "asOf");
    if (patients < 0) {
      throw new IllegalArgumentException("patients must be >= 0, was " + patients);
    }
  }
}
