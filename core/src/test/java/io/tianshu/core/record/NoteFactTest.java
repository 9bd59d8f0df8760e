package io.tianshu.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeMatch;
import io.tianshu.core.code.CodeSystem;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class NoteFactTest {

  private static final Code I10 = Code.of(CodeSystem.ICD10, "I10", "高血压");

  private static NoteFact coded(Code code, CodeMatch match, Double confidence) {
    return new NoteFact(
        "DOC1:0-3",
        "P1",
        "E1",
        "DOC1",
        0,
        3,
        "disease",
        "高血压",
        "高血压",
        false,
        false,
        false,
        false,
        null,
        LocalDateTime.of(2024, 3, 2, 16, 0),
        "test",
        null,
        null,
        null,
        code,
        match,
        confidence);
  }

  @Test
  void aCodeKeepsHowItWasFoundAndHowFarToTrustIt() {
    NoteFact f = coded(I10, CodeMatch.FUZZY, 0.62);

    assertThat(f.codeMatch()).isEqualTo(CodeMatch.FUZZY);
    assertThat(f.codeConfidence()).isEqualTo(0.62);
    assertThat(coded(I10, CodeMatch.EXACT, 0.0).codeConfidence()).isZero();
    assertThat(coded(null, null, null).codeMatch()).isNull();
    // A code stored before schema V7 kept how it was found: it stays, its way unknown.
    assertThat(coded(I10, null, null).code()).isEqualTo(I10);
  }

  @Test
  void aMatchKindOrConfidenceGoesWithACodeAndOnlyWithOne() {
    assertThatThrownBy(() -> coded(I10, null, 0.9)).hasMessageContaining("go together");
    assertThatThrownBy(() -> coded(I10, CodeMatch.SYNONYM, null))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> coded(null, CodeMatch.EXACT, 1.0)).hasMessageContaining("only a code");
    assertThatThrownBy(() -> coded(null, null, 1.0)).hasMessageContaining("only a code");
  }

  @Test
  void aConfidenceOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> coded(I10, CodeMatch.FUZZY, 1.01)).hasMessageContaining("[0,1]");
    assertThatThrownBy(() -> coded(I10, CodeMatch.FUZZY, -0.1)).hasMessageContaining("[0,1]");
    assertThatThrownBy(() -> coded(I10, CodeMatch.FUZZY, Double.NaN)).hasMessageContaining("[0,1]");
  }

  @Test
  void theSignatureWithoutMatchKindTakesAGivenCodeAsExact() {
    NoteFact f =
        new NoteFact(
            "DOC1:0-3",
            "P1",
            "E1",
            "DOC1",
            0,
            3,
            "vital",
            "T36",
            "8310-5",
            false,
            false,
            false,
            false,
            null,
            LocalDateTime.of(2024, 3, 2, 16, 0),
            "test",
            "36.5°C",
            36.5,
            "°C",
            Code.of(CodeSystem.LOINC, "8310-5", "体温"));

    assertThat(f.codeMatch()).isEqualTo(CodeMatch.EXACT);
    assertThat(f.codeConfidence()).isEqualTo(1.0);
  }
}
