package io.tianshu.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.ClinicalDocument;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Ground truth must always point into its document text, whatever the seed and the patient. */
class TruthFactPropertiesTest {
  @Property(tries = 150)
  void everySpanLiesInsideItsDocumentAndEqualsTheSurface(
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 99_999) int index) {
    SyntheticHospital h =
        new SyntheticHospital(new SynthConfig(seed, 100_000, LocalDate.of(2025, 6, 30)));
    GeneratedPatient g = h.patient(index);
    Map<String, ClinicalDocument> docs =
        g.record().documents().stream()
            .collect(Collectors.toMap(ClinicalDocument::id, Function.identity()));
    for (TruthFact t : g.truth()) {
      ClinicalDocument d = docs.get(t.documentId());
      assertThat(d).as(t.toString()).isNotNull();
      assertThat(t.start()).isGreaterThanOrEqualTo(0);
      assertThat(t.end()).isLessThanOrEqualTo(d.text().length());
      assertThat(d.text().substring(t.start(), t.end())).isEqualTo(t.surface());
      assertThat(t.surface()).isNotBlank();
      assertThat(t.type())
          .isIn("disease", "symptom", "drug", "operation", "lab", "exam", "anatomy", "vital");
    }
  }

  @Property(tries = 40)
  void patientAloneEqualsItselfRegenerated(
      @ForAll @LongRange(min = 0, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 5000) int index) {
    SynthConfig config = new SynthConfig(seed, 5001, LocalDate.of(2024, 12, 31));
    assertThat(new SyntheticHospital(config).patient(index))
        .isEqualTo(new SyntheticHospital(config).patient(index));
  }
}
