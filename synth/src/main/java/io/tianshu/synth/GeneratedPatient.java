package io.tianshu.synth;

import io.tianshu.core.record.PatientRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One synthetic patient: the clinical record plus the ground truth the generator knows about it.
 *
 * @param record the patient's whole record
 * @param truth every clinical fact stated in the record's document texts, with exact spans
 * @param vteFactors per inpatient encounter id, the VTE risk factors deliberately planted in that
 *     stay (Caprini/Padua item ids such as {@code malignancy}, {@code bed_rest}, {@code
 *     major_surgery}); age items are not listed since they follow from the birth date
 */
public record GeneratedPatient(
    PatientRecord record, List<TruthFact> truth, Map<String, List<String>> vteFactors) {
  public GeneratedPatient {
    Objects.requireNonNull(record, "record");
    truth = truth == null ? List.of() : List.copyOf(truth);
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    if (vteFactors != null) {
      vteFactors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    }
    vteFactors = Collections.unmodifiableMap(copy);
  }

  /** A patient without planted VTE factors. */
  public GeneratedPatient(PatientRecord record, List<TruthFact> truth) {
    this(record, truth, Map.of());
  }
}
