package io.tianshu.core.record;

/**
 * Administrative sex as Chinese hospital systems record it (GB/T 2261.1: 0 unknown, 1 male, 2
 * female, 9 unspecified).
 */
public enum Sex {
  MALE("1", "男"),
  FEMALE("2", "女"),
  UNKNOWN("0", "未知");

  private final String gbCode;
  private final String chinese;

  Sex(String gbCode, String chinese) {
    this.gbCode = gbCode;
    this.chinese = chinese;
  }

  /** The GB/T 2261.1 code. */
  public String gbCode() {
    return gbCode;
  }

  public String chinese() {
    return chinese;
  }
}
