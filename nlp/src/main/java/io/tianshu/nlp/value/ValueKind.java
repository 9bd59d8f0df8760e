package io.tianshu.nlp.value;

/** What a measured or prescribed quantity in a note is. */
public enum ValueKind {
  /** T 36.5°C, P 80次/分, R 18次/分, BP 120/80mmHg, SpO2 98%. */
  VITAL_SIGN,
  /** A number with a laboratory unit, e.g. WBC 12.5×10^9/L. */
  LAB,
  /** 3天前, 10余年, 半月. */
  DURATION,
  /** 0.4ml, 500mg. */
  DOSE,
  /** 皮下注射, 口服, ivgtt. */
  ROUTE,
  /** qd, bid, 每日3次. */
  FREQUENCY
}
