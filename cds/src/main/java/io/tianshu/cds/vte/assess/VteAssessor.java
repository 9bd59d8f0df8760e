package io.tianshu.cds.vte.assess;

import io.tianshu.cds.vte.knowledge.Band;
import io.tianshu.cds.vte.knowledge.Contraindication;
import io.tianshu.cds.vte.knowledge.ModelItem;
import io.tianshu.cds.vte.knowledge.RiskModel;
import io.tianshu.cds.vte.knowledge.VteKnowledge;
import io.tianshu.cds.vte.knowledge.VtePolicy;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.PatientRecord;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assesses one stay at one time against the VTE knowledge: every configured risk and bleeding
 * model, the contraindications, and a recommendation from the model the policy chooses (surgical →
 * Caprini, medical → Padua). Thread-safe; pure (the same record, time and answers give the same
 * assessment).
 */
public final class VteAssessor {

  private final VteKnowledge knowledge;
  private final DrugClassifier drugs;

  public VteAssessor(VteKnowledge knowledge) {
    this.knowledge = knowledge;
    this.drugs = new DrugClassifier(knowledge.drugClasses());
  }

  public VteKnowledge knowledge() {
    return knowledge;
  }

  public VteAssessment assess(PatientRecord record, String encounterId, LocalDateTime at) {
    return assess(record, encounterId, at, Map.of());
  }

  /**
   * @param answers a clinician's answers to questions the record cannot settle (e.g. {@code
   *     lumbar_puncture_12h}), by question id
   */
  public VteAssessment assess(
      PatientRecord record, String encounterId, LocalDateTime at, Map<String, Boolean> answers) {
    PatientFacts facts = new PatientFacts(record, encounterId, at, List.of(), answers);
    FindingEvaluator eval = new FindingEvaluator(knowledge, drugs, facts);
    VtePolicy policy = knowledge.policy();

    Map<String, ModelResult> results = new LinkedHashMap<>();
    for (String id : policy.riskModels()) {
      results.put(id, score(knowledge.model(id), eval));
    }
    for (String id : policy.bleedingModels()) {
      results.put(id, score(knowledge.model(id), eval));
    }
    boolean surgical = surgical(facts.encounter, eval, policy);
    String riskId = surgical ? policy.surgicalRiskModel() : policy.medicalRiskModel();
    String bleedingId = surgical ? policy.surgicalBleedingModel() : policy.medicalBleedingModel();
    results.computeIfAbsent(riskId, id -> score(knowledge.model(id), eval));
    results.computeIfAbsent(bleedingId, id -> score(knowledge.model(id), eval));

    List<ContraindicationResult> contra = new ArrayList<>();
    for (Contraindication c : knowledge.contraindications()) {
      Outcome o = eval.evaluate(c.condition());
      if (o.status() != Outcome.Status.ABSENT) {
        contra.add(new ContraindicationResult(c, o.status(), o.evidence(), o.reason()));
      }
    }
    ModelResult risk = results.get(riskId);
    ModelResult bleeding = results.get(bleedingId);
    boolean bleedingHigh = policy.highBleeding(bleedingId, bleeding.band().id());
    Recommendation rec = recommend(riskId, risk.band(), bleedingHigh, contra);
    return new VteAssessment(
        record.patient().id(),
        encounterId,
        at,
        surgical,
        riskId,
        bleedingId,
        results,
        contra,
        rec,
        eval.finding("pharmacological_prophylaxis").evidence(),
        eval.finding("mechanical_prophylaxis").evidence(),
        knowledge.versions());
  }

  /** The drug classes of {@code drug-classes.yaml} an order item belongs to. */
  public java.util.Set<String> drugClasses(io.tianshu.core.code.MappedCode item, Double dose) {
    return drugs.classesOf(item, dose);
  }

  /** Prophylaxis ordered during a stay up to {@code until}: what the metrics count as given. */
  public record Given(
      boolean pharmacological,
      boolean mechanical,
      LocalDateTime firstPharmacological,
      LocalDateTime firstMechanical) {}

  public Given prophylaxisGiven(PatientRecord record, String encounterId, LocalDateTime until) {
    LocalDateTime pharm = null;
    LocalDateTime mech = null;
    for (MedicationOrder o : record.orders()) {
      if (!o.encounterId().equals(encounterId) || o.startAt().isAfter(until)) {
        continue;
      }
      java.util.Set<String> classes = drugs.classesOf(o.item(), o.dose());
      if (classes.contains("anticoagulant_prophylactic")
          || classes.contains("anticoagulant_therapeutic")) {
        pharm = pharm == null || o.startAt().isBefore(pharm) ? o.startAt() : pharm;
      }
      if (classes.contains("mechanical")) {
        mech = mech == null || o.startAt().isBefore(mech) ? o.startAt() : mech;
      }
    }
    return new Given(pharm != null, mech != null, pharm, mech);
  }

  private static boolean surgical(Encounter e, FindingEvaluator eval, VtePolicy policy) {
    if (eval.finding("surgery_any_current").isPresent()) {
      return true;
    }
    String dept = e.department() == null ? "" : e.department();
    return policy.surgicalDepartments().stream().anyMatch(dept::contains);
  }

  static ModelResult score(RiskModel model, FindingEvaluator eval) {
    Map<String, Outcome> outcomes = new HashMap<>();
    for (ModelItem item : model.items()) {
      outcomes.put(item.id(), eval.evaluate(item.condition()));
    }
    // Exclusive groups: the highest present item counts, the others are superseded by it.
    Map<String, String> supersededBy = new HashMap<>();
    for (List<String> group : model.groups()) {
      String best = null;
      double bestPoints = -1;
      // Group order is precedence on equal points (laparoscopic before major surgery).
      for (String id : group) {
        double points = pointsOf(model, id);
        if (outcomes.get(id).isPresent() && points > bestPoints) {
          best = id;
          bestPoints = points;
        }
      }
      for (String id : group) {
        if (best != null && !id.equals(best) && outcomes.get(id).isPresent()) {
          supersededBy.put(id, best);
        }
      }
    }
    List<ItemResult> items = new ArrayList<>();
    double score = 0;
    double unknownPoints = 0;
    for (ModelItem item : model.items()) {
      Outcome o = outcomes.get(item.id());
      String sup = supersededBy.get(item.id());
      double points = o.isPresent() && sup == null ? item.points() : 0;
      if (points > 0) {
        score += model.anyScoring() ? 1 : points;
      }
      if (o.isUnknown()) {
        unknownPoints += item.points();
      }
      items.add(
          new ItemResult(
              item.id(),
              item.label(),
              o.status(),
              points,
              item.points(),
              sup,
              o.evidence(),
              o.reason()));
    }
    return new ModelResult(model, score, model.band(score), unknownPoints, items);
  }

  private static double pointsOf(RiskModel model, String itemId) {
    for (ModelItem i : model.items()) {
      if (i.id().equals(itemId)) {
        return i.points();
      }
    }
    throw new IllegalStateException(itemId);
  }

  private static Recommendation recommend(
      String riskId, Band band, boolean bleedingHigh, List<ContraindicationResult> contra) {
    List<String> reasons = new ArrayList<>();
    boolean pharmBlocked = bleedingHigh;
    if (bleedingHigh) {
      reasons.add("出血风险高 (high bleeding risk)");
    }
    boolean mechBlocked = false;
    for (ContraindicationResult c : contra) {
      if (c.status() != Outcome.Status.PRESENT) {
        continue;
      }
      if (c.contraindication().against().equals("pharmacological")) {
        pharmBlocked = true;
      } else {
        mechBlocked = true;
      }
      reasons.add(c.contraindication().label().zh() + " (" + c.contraindication().id() + ")");
    }
    String wanted = band.prophylaxis() == null ? "ambulation" : band.prophylaxis();
    String alternative = band.alternative();
    String p =
        switch (wanted) {
          case "pharmacological" ->
              !pharmBlocked
                  ? "pharmacological"
                  : "mechanical".equals(alternative) && !mechBlocked ? "mechanical" : "none";
          case "both" ->
              pharmBlocked && mechBlocked
                  ? "none"
                  : pharmBlocked ? "mechanical" : mechBlocked ? "pharmacological" : "both";
          case "mechanical" -> mechBlocked ? "ambulation" : "mechanical";
          default -> "ambulation";
        };
    if (p.equals(wanted)) {
      reasons.clear();
    }
    return new Recommendation(
        riskId, band.id(), p, bleedingHigh, reasons, TEXT_ZH.get(p), TEXT_EN.get(p));
  }

  private static final Map<String, String> TEXT_ZH =
      Map.of(
          "ambulation", "早期活动，健康宣教",
          "mechanical", "机械预防（间歇充气加压泵、梯度压力弹力袜等）",
          "pharmacological", "药物预防（低分子肝素等），无禁忌时可联合机械预防",
          "both", "药物预防联合机械预防",
          "none", "药物及机械预防均有禁忌，请医师评估并记录");
  private static final Map<String, String> TEXT_EN =
      Map.of(
          "ambulation", "Early ambulation and education",
          "mechanical", "Mechanical prophylaxis (IPC, graduated compression stockings)",
          "pharmacological", "Pharmacological prophylaxis (e.g. LMWH); mechanical may be added",
          "both", "Pharmacological plus mechanical prophylaxis",
          "none", "Both options contraindicated: physician to decide and document");
}
