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

  public boolean pharmacological() {
    return prophylaxis.equals("pharmacological") || prophylaxis.equals("both");
  }

  public boolean mechanical() {
    return prophylaxis.equals("mechanical") || prophylaxis.equals("both");
  }
}
