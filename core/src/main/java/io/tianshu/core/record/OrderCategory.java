package io.tianshu.core.record;

/**
 * What an order asks for. Mechanical VTE prophylaxis (IPC, graduated stockings) is a device order.
 */
public enum OrderCategory {
  DRUG("药品"),
  DEVICE("器械/物理治疗"),
  NURSING("护理"),
  OTHER("其他");

  private final String chinese;

  OrderCategory(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
