package io.tianshu.query.export.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotBlank;

class DeidentificationPropertyTest {

  @Provide
  Arbitrary<byte[]> secrets() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(16).ofMaxSize(64);
  }

  @Provide
  Arbitrary<LocalDateTime> times() {
    return Arbitraries.longs()
        .between(0, 200L * 365 * 24 * 3600)
        .map(s -> LocalDateTime.of(1900, 1, 1, 0, 0).plusSeconds(s));
  }

  @Property
  void theShiftIsAWholeNonZeroNumberOfDaysInTheRangeAndTheSameEveryTime(
      @ForAll("secrets") byte[] secret,
      @ForAll @NotBlank String patientId,
      @ForAll @IntRange(min = 1, max = 400) int min,
      @ForAll @IntRange(min = 0, max = 400) int extra) {
    DateShiftRange range = new DateShiftRange(min, min + extra);
    int shift = new Deidentification(secret, range).shiftDays(patientId);
    assertThat(shift).isNotZero();
    assertThat(Math.abs(shift)).isBetween(min, min + extra);
    assertThat(new Deidentification(secret.clone(), range).shiftDays(patientId)).isEqualTo(shift);
  }

  @Property
  void everyIntervalBetweenTwoTimesOfAPatientIsKept(
      @ForAll("secrets") byte[] secret,
      @ForAll @NotBlank String patientId,
      @ForAll("times") LocalDateTime a,
      @ForAll("times") LocalDateTime b) {
    Deidentification deid = new Deidentification(secret, DateShiftRange.DEFAULT);
    LocalDateTime sa = deid.shift(patientId, a);
    LocalDateTime sb = deid.shift(patientId, b);
    assertThat(Duration.between(sa, sb)).isEqualTo(Duration.between(a, b));
    assertThat(sa.toLocalTime()).isEqualTo(a.toLocalTime());
  }

  @Property
  void pseudonymsAreSixteenHexDigitsAndKeyed(
      @ForAll("secrets") byte[] secret, @ForAll @NotBlank String patientId) {
    String pseudonym = new Deidentification(secret, DateShiftRange.DEFAULT).pseudonym(patientId);
    assertThat(pseudonym).matches("[0-9a-f]{16}");
    byte[] other = secret.clone();
    other[0] ^= 1;
    assertThat(new Deidentification(other, DateShiftRange.DEFAULT).pseudonym(patientId))
        .isNotEqualTo(pseudonym);
  }

  @Example
  void shiftsSpreadOverBothDirectionsAndTheWholeRange() {
    Deidentification deid =
        new Deidentification(
            "spread-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            new DateShiftRange(1, 10));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      seen.add(deid.shiftDays("P" + i));
    }
    assertThat(seen).hasSize(20).doesNotContain(0);
  }

  @Example
  void shortSecretsAndEmptyRangesAreRefused() {
    assertThatThrownBy(() -> new Deidentification(new byte[15], DateShiftRange.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DateShiftRange(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DateShiftRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void agesOfNinetyAndOverAreTopCoded() {
    assertThat(Deidentification.topCodedAge(89)).isEqualTo(89);
    assertThat(Deidentification.topCodedAge(90)).isEqualTo(90);
    assertThat(Deidentification.topCodedAge(104)).isEqualTo(90);
  }

  @Example
  void toStringNeverShowsTheSecret() {
    byte[] secret = "never-print-this-secret-0123".getBytes(StandardCharsets.UTF_8);
    assertThat(new Deidentification(secret, DateShiftRange.DEFAULT).toString())
        .doesNotContain("never-print");
  }
}
