package io.tianshu.cds.vte.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.Provenance;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** CKD-EPI 2009 against values worked by hand (Levey AS et al., Ann Intern Med 2009;150:604-12). */
class CkdEpiTest {

  @Test
  void woman_of_60_with_creatinine_80_umol_per_litre() {
    // 80/88.4 = 0.905 mg/dL; 141 × (0.905/0.7)^-1.209 × 0.993^60 × 1.018 = 69.0
    assertThat(FindingEvaluator.ckdEpi2009(creatinine(80, "umol/L", "14682-9"), 60, true))
        .isCloseTo(69.0, within(0.3));
  }

  @Test
  void man_of_70_with_creatinine_2_mg_per_decilitre() {
    // 141 × (2.0/0.9)^-1.209 × 0.993^70 = 141 × 0.3810 × 0.6111 = 32.8
    assertThat(FindingEvaluator.ckdEpi2009(creatinine(2.0, "mg/dL", "2160-0"), 70, false))
        .isCloseTo(32.8, within(0.3));
  }

  @Test
  void low_creatinine_uses_the_alpha_branch() {
    // Man of 40, 0.7 mg/dL: 141 × (0.7/0.9)^-0.411 × 0.993^40 = 141 × 1.1088 × 0.7551 = 118.1
    assertThat(FindingEvaluator.ckdEpi2009(creatinine(0.7, "mg/dL", "2160-0"), 40, false))
        .isCloseTo(118.1, within(0.5));
  }

  private static LabResult creatinine(double value, String unit, String loinc) {
    Code code = Code.of(CodeSystem.LOINC, loinc, "肌酐");
    return new LabResult(
        "L1",
        "P1",
        "E1",
        "肾功能",
        MappedCode.standard(code),
        value,
        String.valueOf(value),
        unit,
        null,
        null,
        null,
        AbnormalFlag.NORMAL,
        "血清",
        LocalDateTime.of(2026, 3, 1, 8, 0),
        LocalDateTime.of(2026, 3, 1, 10, 0),
        new Provenance("test", "L1", "b1"));
  }
}
