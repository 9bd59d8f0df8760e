package io.tianshu.core.record;

/** The kind of visit. */
public enum EncounterType {
  OUTPATIENT("门诊"),
  EMERGENCY("急诊"),
  INPATIENT("住院");

  private final String chinese;

  EncounterType(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
