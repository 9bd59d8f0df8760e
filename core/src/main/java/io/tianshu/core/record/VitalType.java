package io.tianshu.core.record;

/** Vital signs and body measurements with their unit and LOINC code. */
public enum VitalType {
  TEMPERATURE("体温", "℃", "8310-5"),
  PULSE("脉搏", "次/分", "8867-4"),
  RESPIRATORY_RATE("呼吸", "次/分", "9279-1"),
  SYSTOLIC_BP("收缩压", "mmHg", "8480-6"),
  DIASTOLIC_BP("舒张压", "mmHg", "8462-4"),
  SPO2("血氧饱和度", "%", "59408-5"),
  HEIGHT("身高", "cm", "8302-2"),
  WEIGHT("体重", "kg", "29463-7"),
  BMI("体重指数", "kg/m²", "39156-5");

  private final String chinese;
  private final String unit;
  private final String loinc;

  VitalType(String chinese, String unit, String loinc) {
    this.chinese = chinese;
    this.unit = unit;
    this.loinc = loinc;
  }

  public String chinese() {
    return chinese;
  }

  public String unit() {
    return unit;
  }

  public String loinc() {
    return loinc;
  }
}
