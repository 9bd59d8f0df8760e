package io.tianshu.cds.vte.knowledge;

import java.util.List;
import java.util.Map;

/**
 * An order-item class such as pharmacological prophylaxis or antiplatelet drugs.
 *
 * @param doseRules per name fragment: the dose bound that decides membership for name matches
 */
public record DrugClass(
    String id, Label label, CodeSet codes, List<String> names, Map<String, DoseRule> doseRules) {

  public DrugClass {
    names = List.copyOf(names);
    doseRules = Map.copyOf(doseRules);
  }

  /** A dose bound: a name match belongs to the class at most {@code max} or above {@code above}. */
  public record DoseRule(Double max, Double above) {
    public boolean accepts(Double dose) {
      if (dose == null) {
        return above == null;
      }
      return (max == null || dose <= max) && (above == null || dose > above);
    }
  }
}
