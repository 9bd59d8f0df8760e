package io.tianshu.cds.vte.assess;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VTE assessment of one stay at one time: every model's score with evidence, the chosen models
 * (surgical → Caprini, medical → Padua, per policy), contraindications, the recommendation and the
 * prophylaxis in place.
 *
 * @param models every computed model by id (caprini-2005, caprini-cn2018, padua, improve-bleeding,
 *     surgical-bleeding)
 * @param current prophylaxis in place at the assessment time: pharmacological and mechanical
 *     evidence
 * @param versions the knowledge versions used (stored with every score)
 */
public record VteAssessment(
    String patientId,
    String encounterId,
    LocalDateTime at,
    boolean surgical,
    String riskModel,
    String bleedingModel,
    Map<String, ModelResult> models,
    List<ContraindicationResult> contraindications,
    Recommendation recommendation,
    List<Evidence> currentPharmacological,
    List<Evidence> currentMechanical,
    Map<String, String> versions) {

  public VteAssessment {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    contraindications = List.copyOf(contraindications);
    currentPharmacological = List.copyOf(currentPharmacological);
    currentMechanical = List.copyOf(currentMechanical);
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
  }

  public ModelResult risk() {
    return models.get(riskModel);
  }

  public ModelResult bleeding() {
    return models.get(bleedingModel);
  }
}
