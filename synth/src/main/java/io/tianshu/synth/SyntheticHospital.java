package io.tianshu.synth;

import io.tianshu.core.code.MappedCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A deterministic synthetic Chinese tertiary hospital (三级甲等医院): a lazily generated sequence of
 * patients, each with a full record and the ground truth of its notes. Patient {@code i} depends
 * only on the seed and {@code i}, so the sequence can be streamed in constant memory, split across
 * threads or addressed directly.
 */
public final class SyntheticHospital implements Iterable<GeneratedPatient> {
  private final SynthConfig config;
  private final Vocabulary vocabulary;
  private final PatientGenerator generator;

  public SyntheticHospital(SynthConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.vocabulary = Vocabulary.load();
    this.generator = new PatientGenerator(vocabulary, new Staff(vocabulary, config.seed()), config);
  }

  public SynthConfig config() {
    return config;
  }

  /**
   * The codes of the hospital's coding tables for diagnoses and operations, local codes mapped to
   * ICD-10 and ICD-9-CM-3: what its patients' diagnoses and operations carry, known before any
   * patient is generated (the demo reads its notes with them).
   */
  public List<MappedCode> diagnosisAndOperationCodes() {
    List<MappedCode> out = new ArrayList<>();
    vocabulary.diseases.values().forEach(d -> out.add(d.code()));
    vocabulary.operations.values().forEach(o -> out.add(o.code()));
    return List.copyOf(out);
  }

  /** Patients in index order, generated one at a time. */
  @Override
  public Iterator<GeneratedPatient> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < config.patients();
      }

      @Override
      public GeneratedPatient next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return generator.generate(next++);
      }
    };
  }

  /** The same sequence as {@link #iterator()}, as a sequential ordered stream. */
  public Stream<GeneratedPatient> stream() {
    return IntStream.range(0, config.patients()).mapToObj(generator::generate);
  }

  /** Patient {@code index} (0-based) alone; equal to the {@code index}-th element of the stream. */
  public GeneratedPatient patient(int index) {
    if (index < 0 || index >= config.patients()) {
      throw new IndexOutOfBoundsException("patient " + index + " of " + config.patients());
    }
    return generator.generate(index);
  }
}
