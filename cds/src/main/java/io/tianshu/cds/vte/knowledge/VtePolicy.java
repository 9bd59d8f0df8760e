package io.tianshu.cds.vte.knowledge;

import java.util.List;
import java.util.Map;

/** How models are chosen and applied, when assessments are due and when alerts fire. */
public record VtePolicy(
    String version,
    List<String> riskModels,
    List<String> bleedingModels,
    List<String> surgicalDepartments,
    String surgicalRiskModel,
    String surgicalBleedingModel,
    String medicalRiskModel,
    String medicalBleedingModel,
    List<String> icuDepartments,
    int dueAfterAdmissionHours,
    int dueAfterOperationHours,
    int dueAfterTransferHours,
    int noProphylaxisAfterHours,
    Map<String, List<String>> atRiskBands,
    Map<String, List<String>> highBleedingBands) {

  public VtePolicy {
    riskModels = List.copyOf(riskModels);
    bleedingModels = List.copyOf(bleedingModels);
    surgicalDepartments = List.copyOf(surgicalDepartments);
    icuDepartments = List.copyOf(icuDepartments);
    atRiskBands = Map.copyOf(atRiskBands);
    highBleedingBands = Map.copyOf(highBleedingBands);
  }

  public boolean atRisk(String modelId, String band) {
    return atRiskBands.getOrDefault(modelId, List.of()).contains(band);
  }

  public boolean highBleeding(String modelId, String band) {
    return highBleedingBands.getOrDefault(modelId, List.of()).contains(band);
  }
}
