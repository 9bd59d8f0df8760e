package io.tianshu.core.record;

/** Lab abnormal flag as LIS systems report it (HL7 v2 OBX-8 subset). */
public enum AbnormalFlag {
  NORMAL("N", ""),
  LOW("L", "↓"),
  HIGH("H", "↑"),
  CRITICAL_LOW("LL", "↓↓"),
  CRITICAL_HIGH("HH", "↑↑"),
  ABNORMAL("A", "异常");

  private final String hl7;
  private final String symbol;

  AbnormalFlag(String hl7, String symbol) {
    this.hl7 = hl7;
    this.symbol = symbol;
  }

  public String hl7() {
    return hl7;
  }

  public String symbol() {
    return symbol;
  }
}
