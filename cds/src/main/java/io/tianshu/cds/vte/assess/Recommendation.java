package io.tianshu.cds.vte.assess;

import java.util.List;

/**
 * What to do: {@code prophylaxis} is one of ambulation, mechanical, pharmacological, both or none
 * (every option contraindicated: a clinician decides).
 *
 * @param reasons why the band's first choice was changed, if it was
 */
public record Recommendation(
    String riskModel,
    String band,
    String prophylaxis,
    boolean bleedingRiskHigh,
    List<String> reasons,
    String textZh,
    String textEn) {
  public Recommendation {
    reasons = List.copyOf(reasons);
  }

  /** The short Chinese name of a prophylaxis choice, for alert messages and CDS cards. */
  public static String shortZh(String prophylaxis) {
    return switch (prophylaxis) {
      case "ambulation" -> "早期活动";
      case "mechanical" -> "机械预防";
      case "pharmacological" -> "药物预防";
      case "both" -> "药物联合机械预防";
      case "none" -> "医师评估（预防措施均有禁忌）";
      default -> prophylaxis;
    };
  }

  public boolean pharmacological() {
    return prophylaxis.equals("pharmacological") || prophylaxis.equals("both");
  }

  public boolean mechanical() {
    return prophylaxis.equals("mechanical") || prophylaxis.equals("both");
  }
}
