package io.tianshu.cds.vte.assess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of an assessment, shared by the CLI, the REST API and CDS Hooks: {@code
 * {"caprini":{…},"padua":{…},"bleeding":{…},"recommendation":{…}}} plus every other model under its
 * id, contraindications, the prophylaxis in place and the knowledge versions.
 */
public final class AssessmentJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AssessmentJson() {}

  public static ObjectNode toJson(VteAssessment a) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("patientId", a.patientId());
    root.put("encounterId", a.encounterId());
    root.put("at", a.at().toString());
    root.put("surgical", a.surgical());
    ObjectNode chosen = root.putObject("model");
    chosen.put("risk", a.riskModel());
    chosen.put("bleeding", a.bleedingModel());
    ModelResult caprini = a.models().get("caprini-2005");
    if (caprini != null) {
      root.set("caprini", model(caprini));
    }
    ModelResult padua = a.models().get("padua");
    if (padua != null) {
      root.set("padua", model(padua));
    }
    root.set("bleeding", model(a.bleeding()));
    root.set("recommendation", recommendation(a.recommendation()));
    ObjectNode all = root.putObject("models");
    a.models().forEach((id, m) -> all.set(id, model(m)));
    ObjectNode contra = root.putObject("contraindications");
    ArrayNode pharm = contra.putArray("pharmacological");
    ArrayNode mech = contra.putArray("mechanical");
    ArrayNode check = contra.putArray("toCheck");
    for (ContraindicationResult c : a.contraindications()) {
      ObjectNode n = MAPPER.createObjectNode();
      n.put("id", c.contraindication().id());
      n.put("label", c.contraindication().label().zh());
      n.put("labelEn", c.contraindication().label().en());
      n.put("against", c.contraindication().against());
      if (c.status() == Outcome.Status.PRESENT) {
        n.set("evidence", evidence(c.evidence()));
        (c.contraindication().against().equals("pharmacological") ? pharm : mech).add(n);
      } else {
        n.put("reason", c.reason());
        check.add(n);
      }
    }
    ObjectNode inPlace = root.putObject("prophylaxis");
    inPlace.set("pharmacological", evidence(a.currentPharmacological()));
    inPlace.set("mechanical", evidence(a.currentMechanical()));
    ObjectNode versions = root.putObject("knowledge");
    a.versions().forEach(versions::put);
    return root;
  }

  public static String toJsonString(VteAssessment a) {
    return toJson(a).toString();
  }

  static ObjectNode model(ModelResult m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", m.model().id());
    n.put("model", m.model().family());
    n.put("version", m.model().version());
    n.put("title", m.model().title().zh());
    n.put("titleEn", m.model().title().en());
    n.put("source", m.model().source());
    number(n, "score", m.score());
    n.put("band", m.band().id());
    n.put("bandLabel", m.band().label().zh());
    n.put("bandLabelEn", m.band().label().en());
    number(n, "unknownPoints", m.unknownPoints());
    ArrayNode items = n.putArray("items");
    ArrayNode unknown = n.putArray("unknown");
    for (ItemResult i : m.items()) {
      if (i.status() == Outcome.Status.PRESENT) {
        ObjectNode item = items.addObject();
        item.put("id", i.id());
        item.put("label", i.label().zh());
        item.put("labelEn", i.label().en());
        number(item, "points", i.points());
        if (i.supersededBy() != null) {
          item.put("supersededBy", i.supersededBy());
        }
        item.set("evidence", evidence(i.evidence()));
      } else if (i.status() == Outcome.Status.UNKNOWN) {
        ObjectNode item = unknown.addObject();
        item.put("id", i.id());
        item.put("label", i.label().zh());
        item.put("labelEn", i.label().en());
        number(item, "points", i.itemPoints());
        item.put("reason", i.reason());
      }
    }
    return n;
  }

  static ObjectNode recommendation(Recommendation r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("riskModel", r.riskModel());
    n.put("band", r.band());
    n.put("prophylaxis", r.prophylaxis());
    n.put("pharmacological", r.pharmacological());
    n.put("mechanical", r.mechanical());
    n.put("bleedingRiskHigh", r.bleedingRiskHigh());
    n.put("text", r.textZh());
    n.put("textEn", r.textEn());
    ArrayNode reasons = n.putArray("reasons");
    r.reasons().forEach(reasons::add);
    return n;
  }

  static ArrayNode evidence(List<Evidence> list) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Evidence e : list) {
      ObjectNode n = a.addObject();
      n.put("kind", e.kind());
      n.put("id", e.recordId());
      if (e.code() != null) {
        n.put("code", e.code());
      }
      n.put("display", e.display());
      if (e.value() != null) {
        n.put("value", e.value());
      }
      if (e.at() != null) {
        n.put("at", e.at().toString());
      }
      if (e.start() != null) {
        n.put("documentId", e.recordId());
        n.put("start", e.start());
        n.put("end", e.end());
      }
    }
    return a;
  }

  private static void number(ObjectNode n, String field, double v) {
    if (v == Math.rint(v)) {
      n.put(field, (long) v);
    } else {
      n.put(field, v);
    }
  }

  /** Item ids with their points, for tests and the metrics tables. */
  public static Map<String, Double> countedItems(ModelResult m) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (ItemResult i : m.items()) {
      if (i.counted()) {
        out.put(i.id(), i.points());
      }
    }
    return out;
  }
}
