package io.tianshu.core.record;

/** At which point a diagnosis was recorded. */
public enum DiagnosisKind {
  OUTPATIENT("门诊诊断"),
  ADMISSION("入院诊断"),
  DISCHARGE("出院诊断");

  private final String chinese;

  DiagnosisKind(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
