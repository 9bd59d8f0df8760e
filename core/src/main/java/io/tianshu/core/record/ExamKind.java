package io.tianshu.core.record;

/** Kinds of examination report. */
public enum ExamKind {
  RADIOLOGY("放射"),
  ULTRASOUND("超声"),
  ECG("心电图"),
  ENDOSCOPY("内镜"),
  PATHOLOGY("病理");

  private final String chinese;

  ExamKind(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
