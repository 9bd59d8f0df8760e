package io.tianshu.server.vte;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.cds.vte.assess.ContraindicationResult;
import io.tianshu.cds.vte.assess.ItemResult;
import io.tianshu.cds.vte.assess.Outcome;
import io.tianshu.cds.vte.assess.Recommendation;
import io.tianshu.cds.vte.assess.VteAssessment;
import io.tianshu.cds.vte.ward.VteWard;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.server.audit.AuditLog;
import io.tianshu.store.CdrStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CDS Hooks (HL7 CDS Hooks 2.0): discovery and two services over the CDR. {@code patient-view}
 * returns the VTE risk card of the stay in progress; {@code order-sign} warns when a draft
 * anticoagulant, antiplatelet or thrombolytic order meets a contraindication or a high bleeding
 * risk. Callers authenticate like every other API client (HTTP Basic or a session) and need a
 * clinical role; every call is audited.
 */
@RestController
@RequestMapping("/cds-services")
class CdsHooksController {

  static final String RISK_SERVICE = "tianshu-vte-risk";
  static final String ORDER_SERVICE = "tianshu-vte-anticoagulant-safety";
  static final Set<String> ANTITHROMBOTIC =
      Set.of(
          "anticoagulant_prophylactic",
          "anticoagulant_therapeutic",
          "antiplatelet",
          "thrombolytic");

  private final CdrStore store;
  private final VteWard ward;
  private final AuditLog audit;
  private final Clock clock;

  CdsHooksController(CdrStore store, VteWard ward, AuditLog audit, Clock clock) {
    this.store = store;
    this.ward = ward;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping
  Map<String, Object> discovery() {
    List<Map<String, Object>> services = new ArrayList<>();
    services.add(
        service(
            "patient-view",
            RISK_SERVICE,
            "VTE风险评估 (Caprini/Padua)",
            "Automatic Caprini or Padua VTE risk and IMPROVE or surgical bleeding risk of the stay in"
                + " progress, with the evidence for every item and the recommended prophylaxis."));
    services.add(
        service(
            "order-sign",
            ORDER_SERVICE,
            "抗凝药物安全核查",
            "Warns when a draft anticoagulant, antiplatelet or thrombolytic order meets a"
                + " contraindication to pharmacological prophylaxis or a high bleeding risk."));
    return Map.of("services", services);
  }

  private static Map<String, Object> service(
      String hook, String id, String title, String description) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("hook", hook);
    s.put("id", id);
    s.put("title", title);
    s.put("description", description);
    s.put("prefetch", Map.of());
    return s;
  }

  @PostMapping("/" + RISK_SERVICE)
  Map<String, Object> patientView(
      @RequestBody JsonNode request, Authentication user, HttpServletRequest http) {
    Call call = call(request, "patient-view");
    audit.append(
        user.getName(),
        "CDS_HOOK_PATIENT_VIEW",
        call.patientId,
        "POST /cds-services/" + RISK_SERVICE,
        call.hookInstance);
    Optional<Assessed> a = assess(call);
    if (a.isEmpty()) {
      return Map.of("cards", List.of());
    }
    VteAssessment v = a.get().assessment;
    var risk = v.risk();
    boolean atRisk = ward.assessor().knowledge().policy().atRisk(v.riskModel(), risk.band().id());
    boolean covered = !v.currentPharmacological().isEmpty() || !v.currentMechanical().isEmpty();
    boolean contraindicatedDrug =
        !v.currentPharmacological().isEmpty()
            && v.contraindications().stream()
                .anyMatch(
                    c ->
                        c.status() == Outcome.Status.PRESENT
                            && c.contraindication().against().equals("pharmacological"));
    String indicator = contraindicatedDrug ? "critical" : atRisk && !covered ? "warning" : "info";
    String summary =
        "VTE风险"
            + risk.band().label().zh()
            + "（"
            + risk.model().title().zh().replaceAll("（.*", "")
            + " "
            + num(risk.score())
            + "分），建议"
            + Recommendation.shortZh(v.recommendation().prophylaxis());
    StringBuilder detail = new StringBuilder();
    detail
        .append("**")
        .append(risk.model().title().zh())
        .append("** ")
        .append(num(risk.score()))
        .append(" 分\n\n");
    for (ItemResult i : risk.items()) {
      if (i.counted()) {
        detail
            .append("- ")
            .append(i.label().zh())
            .append(" (+")
            .append(num(i.points()))
            .append(")\n");
      }
    }
    if (!risk.unknown().isEmpty()) {
      detail.append("\n缺少数据无法判断：");
      risk.unknown().forEach(i -> detail.append(i.label().zh()).append("；"));
      detail.append('\n');
    }
    detail
        .append("\n出血风险：")
        .append(v.bleeding().band().label().zh())
        .append("（")
        .append(v.bleeding().model().title().zh())
        .append(" ")
        .append(num(v.bleeding().score()))
        .append("）\n");
    for (ContraindicationResult c : v.contraindications()) {
      if (c.status() == Outcome.Status.PRESENT) {
        detail.append("\n禁忌：").append(c.contraindication().label().zh());
      }
    }
    detail.append("\n\n建议：").append(v.recommendation().textZh());
    Map<String, Object> card = card(summary, indicator, detail.toString());
    card.put(
        "links",
        List.of(
            Map.of(
                "label", "在天枢工作台查看评估详情",
                "url", base(http) + "/vte/patients/" + call.patientId,
                "type", "absolute")));
    return Map.of("cards", List.of(card));
  }

  @PostMapping("/" + ORDER_SERVICE)
  Map<String, Object> orderSign(
      @RequestBody JsonNode request, Authentication user, HttpServletRequest http) {
    Call call = call(request, "order-sign");
    audit.append(
        user.getName(),
        "CDS_HOOK_ORDER_SIGN",
        call.patientId,
        "POST /cds-services/" + ORDER_SERVICE,
        call.hookInstance);
    Optional<Assessed> a = assess(call);
    if (a.isEmpty()) {
      return Map.of("cards", List.of());
    }
    VteAssessment v = a.get().assessment;
    List<String> reasons = new ArrayList<>();
    boolean contraindicated = false;
    for (ContraindicationResult c : v.contraindications()) {
      if (c.status() == Outcome.Status.PRESENT
          && c.contraindication().against().equals("pharmacological")) {
        reasons.add(c.contraindication().label().zh());
        contraindicated = true;
      }
    }
    boolean bleedingHigh =
        ward.assessor()
            .knowledge()
            .policy()
            .highBleeding(v.bleedingModel(), v.bleeding().band().id());
    if (bleedingHigh) {
      reasons.add("出血风险高（" + v.bleeding().model().title().zh() + "）");
    }
    List<Map<String, Object>> cards = new ArrayList<>();
    if (reasons.isEmpty()) {
      return Map.of("cards", cards);
    }
    for (JsonNode entry : request.path("context").path("draftOrders").path("entry")) {
      JsonNode r = entry.path("resource");
      if (!r.path("resourceType").asText().equals("MedicationRequest")) {
        continue;
      }
      MappedCode item = medication(r);
      Double dose = dose(r);
      Set<String> classes = ward.assessor().drugClasses(item, dose);
      if (classes.stream().noneMatch(ANTITHROMBOTIC::contains)) {
        continue;
      }
      String name = item.local().display();
      Map<String, Object> card =
          card(
              "拟开具" + name + "：" + String.join("、", reasons),
              contraindicated ? "critical" : "warning",
              "该医嘱属于抗栓药物（"
                  + String.join(", ", classes)
                  + "）。\n\n"
                  + "当前存在：\n- "
                  + String.join("\n- ", reasons)
                  + "\n\nVTE评估建议："
                  + v.recommendation().textZh());
      card.put(
          "overrideReasons",
          List.of(
              Map.of("code", "benefit-outweighs-risk", "display", "获益大于风险，已评估"),
              Map.of("code", "contraindication-resolved", "display", "禁忌已解除")));
      card.put(
          "links",
          List.of(
              Map.of(
                  "label", "查看VTE评估",
                  "url", base(http) + "/vte/patients/" + call.patientId,
                  "type", "absolute")));
      cards.add(card);
    }
    return Map.of("cards", cards);
  }

  private record Call(String hookInstance, String patientId, String encounterId) {}

  private record Assessed(PatientRecord record, VteAssessment assessment) {}

  private static Call call(JsonNode request, String hook) {
    if (!request.path("hook").asText(hook).equals(hook)) {
      throw new IllegalArgumentException("this service answers the " + hook + " hook");
    }
    JsonNode ctx = request.path("context");
    String patientId = ctx.path("patientId").asText("");
    if (patientId.isBlank()) {
      throw new IllegalArgumentException("context.patientId is required");
    }
    String encounterId = ctx.path("encounterId").asText("");
    return new Call(
        request.path("hookInstance").asText(""),
        patientId,
        encounterId.isBlank() ? null : encounterId);
  }

  private Optional<Assessed> assess(Call call) {
    Optional<PatientRecord> r = store.readPatient(call.patientId);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Optional<Encounter> stay =
        r.get().encounters().stream()
            .filter(e -> e.type() == EncounterType.INPATIENT)
            .filter(
                e ->
                    call.encounterId != null
                        ? e.id().equals(call.encounterId)
                        : !e.admittedAt().isAfter(now)
                            && (e.dischargedAt() == null || e.dischargedAt().isAfter(now)))
            .findFirst();
    if (stay.isEmpty()) {
      return Optional.empty();
    }
    LocalDateTime at =
        stay.get().dischargedAt() != null && stay.get().dischargedAt().isBefore(now)
            ? stay.get().dischargedAt()
            : now;
    return Optional.of(new Assessed(r.get(), ward.assessor().assess(r.get(), stay.get().id(), at)));
  }

  private static MappedCode medication(JsonNode r) {
    JsonNode concept = r.path("medicationCodeableConcept");
    String text = concept.path("text").asText("");
    JsonNode coding = concept.path("coding").path(0);
    String code = coding.path("code").asText("");
    String display = coding.path("display").asText(text);
    if (display.isBlank()) {
      display = text;
    }
    if (code.isBlank()) {
      code = display.isBlank() ? "unknown" : display;
    }
    return MappedCode.standard(Code.of(CodeSystem.local("cds-hooks"), code, display));
  }

  private static Double dose(JsonNode r) {
    JsonNode q =
        r.path("dosageInstruction").path(0).path("doseAndRate").path(0).path("doseQuantity");
    return q.has("value") ? q.get("value").asDouble() : null;
  }

  private static Map<String, Object> card(String summary, String indicator, String detail) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("uuid", UUID.randomUUID().toString());
    card.put("summary", summary.length() > 139 ? summary.substring(0, 139) : summary);
    card.put("indicator", indicator);
    card.put("detail", detail);
    card.put(
        "source",
        Map.of(
            "label",
            "天枢 Tianshu VTE",
            "topic",
            Map.of("code", "vte", "display", "VTE prevention")));
    return card;
  }

  private static String base(HttpServletRequest http) {
    return http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort();
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
