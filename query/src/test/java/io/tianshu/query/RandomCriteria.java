package io.tianshu.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import io.tianshu.query.criteria.CohortLibrary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Random cohort definitions in the JSON language, drawn over the whole language and aimed at one
 * hospital: codes, units, departments, values and lengths of stay are sampled from its records, so
 * criteria select some patients and value bounds fall exactly on real values (inclusive-bound bugs
 * show). Produces JSON text, so the parser is exercised too and a failing case can be saved as a
 * fixture.
 */
final class RandomCriteria {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Random random;
  private final List<PatientRecord> records;
  private final Pool hospital;
  private Pool anchor;

  RandomCriteria(List<PatientRecord> records, long seed) {
    this.random = new Random(seed);
    this.records = List.copyOf(records);
    this.hospital = new Pool(records);
  }

  /**
   * Codes, values, departments and durations seen in some records, one entry per occurrence, so
   * picks are weighted by frequency.
   */
  private static final class Pool {
    final Map<String, List<String>> diagnosisCodes = new LinkedHashMap<>();
    final Map<String, List<String>> operationCodes = new LinkedHashMap<>();
    final Map<String, List<String>> drugCodes = new LinkedHashMap<>();
    final Map<String, List<String>> labCodes = new LinkedHashMap<>();
    final List<LabResult> labs = new ArrayList<>();
    final Map<VitalType, List<Double>> vitals = new LinkedHashMap<>();
    final List<String> departments = new ArrayList<>();
    final List<Integer> stays = new ArrayList<>(List.of(72));
    final List<Integer> documentDelays = new ArrayList<>(List.of(24));
    final List<NoteFact> noteFacts = new ArrayList<>();

    Pool(List<PatientRecord> records) {
      for (PatientRecord r : records) {
        r.diagnoses().forEach(d -> collect(diagnosisCodes, d.code()));
        r.operations().forEach(o -> collect(operationCodes, o.code()));
        r.orders().forEach(o -> collect(drugCodes, o.item()));
        r.administrations().forEach(a -> collect(drugCodes, a.item()));
        r.labs().forEach(l -> collect(labCodes, l.item()));
        labs.addAll(r.labs());
        for (VitalSign v : r.vitals()) {
          vitals.computeIfAbsent(v.type(), t -> new ArrayList<>()).add(v.value());
        }
        for (Encounter e : r.encounters()) {
          departments.add(e.department());
          e.lengthOfStay().ifPresent(d -> stays.add((int) d.toHours()));
        }
        noteFacts.addAll(r.noteFacts());
        for (ClinicalDocument d : r.documents()) {
          if (d.eventAt() != null) {
            documentDelays.add((int) Duration.between(d.eventAt(), d.createdAt()).toHours());
          }
        }
      }
    }

    private static void collect(Map<String, List<String>> pool, MappedCode code) {
      add(pool, code.local());
      if (code.standard() != null) {
        add(pool, code.standard());
      }
    }

    private static void add(Map<String, List<String>> pool, Code code) {
      pool.computeIfAbsent(code.system().id(), s -> new ArrayList<>()).add(code.code());
    }
  }

  /**
   * Mostly the anchor patient's own facts, so a definition's rules tend to hold for at least one
   * patient of its index population; sometimes the whole hospital's. Falls back to the hospital
   * when the anchor has nothing of that kind.
   */
  private Pool pool(Predicate<Pool> has) {
    if (random.nextInt(10) < 7 && has.test(anchor)) {
      return anchor;
    }
    return hospital;
  }

  /** Earlier definitions, saved under {@code saved-N}, for {@code cohort} references. */
  private final List<String> saved = new ArrayList<>();

  /** The saved definitions, each at version 1. */
  CohortLibrary library() {
    return (id, version) -> {
      if (!id.startsWith("saved-") || (version != null && version != 1)) {
        return Optional.empty();
      }
      int k = Integer.parseInt(id.substring("saved-".length()));
      return k < saved.size()
          ? Optional.of(new CohortLibrary.Saved(1, saved.get(k)))
          : Optional.empty();
    };
  }

  /** One random cohort definition as JSON text; it can be referenced by later ones. */
  String definition() {
    String json = draw();
    saved.add(json);
    return json;
  }

  private String draw() {
    anchor = new Pool(List.of(pick(records)));
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("name", "random");
    ObjectNode index = root.putObject("index");
    index.put("occurrence", random.nextBoolean() ? "FIRST" : "EVERY");
    index.set("criterion", event(false));
    ArrayNode rules = root.putArray("rules");
    int n = random.nextInt(4);
    for (int k = 0; k < n; k++) {
      ObjectNode rule = rules.addObject();
      rule.put("name", "rule " + (k + 1));
      rule.set("criterion", criterion(2));
    }
    return root.toPrettyString();
  }

  private ObjectNode criterion(int depth) {
    int roll = random.nextInt(100);
    if (roll < 15) {
      return demographics();
    }
    if (roll < 35 && depth > 0) {
      return group(depth);
    }
    if (roll < 40 && !saved.isEmpty()) {
      ObjectNode c = JSON.createObjectNode().put("type", "cohort");
      c.put("id", "saved-" + random.nextInt(saved.size()));
      if (random.nextBoolean()) {
        c.put("version", 1);
      }
      return c;
    }
    return event(true);
  }

  private ObjectNode demographics() {
    ObjectNode c = JSON.createObjectNode().put("type", "demographics");
    if (random.nextInt(3) > 0) {
      ObjectNode age = c.putObject("age");
      int min = random.nextInt(90);
      if (random.nextBoolean()) {
        age.put("min", min);
      }
      if (random.nextBoolean() || age.isEmpty()) {
        age.put("max", min + random.nextInt(40));
      }
    }
    if (c.get("age") == null || random.nextBoolean()) {
      ArrayNode sex = c.putArray("sex");
      sex.add(pick(List.of(Sex.values())).name());
    }
    return c;
  }

  private ObjectNode group(int depth) {
    ObjectNode c = JSON.createObjectNode().put("type", "group");
    String match = pick(List.of("ALL", "ANY", "AT_LEAST", "NONE"));
    c.put("match", match);
    ArrayNode members = c.putArray("criteria");
    int size = 1 + random.nextInt(3);
    for (int m = 0; m < size; m++) {
      members.add(criterion(depth - 1));
    }
    if (match.equals("AT_LEAST")) {
      c.put("n", 1 + random.nextInt(size));
    }
    return c;
  }

  private ObjectNode event(boolean scoped) {
    ObjectNode c =
        switch (random.nextInt(8)) {
          case 0 -> coded("diagnosis", pool(p -> !p.diagnosisCodes.isEmpty()).diagnosisCodes);
          case 1 -> coded("operation", pool(p -> !p.operationCodes.isEmpty()).operationCodes);
          case 2 -> coded("drug", pool(p -> !p.drugCodes.isEmpty()).drugCodes);
          case 3 -> lab();
          case 4 -> vital();
          case 5 -> encounter();
          case 6 -> document();
          default -> noteFact();
        };
    String type = c.get("type").asText();
    if (type.equals("diagnosis")) {
      if (random.nextInt(3) == 0) {
        c.putArray("kind").add(pick(List.of(DiagnosisKind.values())).name());
      }
      if (random.nextInt(4) == 0) {
        c.put("mainOnly", true);
      }
    }
    if (type.equals("drug") && random.nextBoolean()) {
      c.put("source", pick(List.of("ORDERS", "ADMINISTRATIONS", "BOTH")));
    }
    if (scoped) {
      scope(c, type.equals("encounter") || type.equals("document"));
    }
    if (type.equals("noteFact") && c.get("concept") == null && c.get("text") == null) {
      // No note facts anywhere in this hospital: a concept that cannot match.
      c.putArray("concept").add("无此概念");
    }
    return c;
  }

  private ObjectNode coded(String type, Map<String, List<String>> pool) {
    ObjectNode c = JSON.createObjectNode().put("type", type);
    c.set("codes", codeSet(pool));
    return c;
  }

  private ObjectNode codeSet(Map<String, List<String>> pool) {
    ObjectNode set = JSON.createObjectNode();
    if (pool.isEmpty()) {
      // A hospital without any fact of this domain: a code set that matches nothing.
      set.put("system", "icd10").putArray("include").add("none");
      return set;
    }
    String system = pick(new ArrayList<>(pool.keySet()));
    set.put("system", system);
    List<String> codes = pool.get(system);
    ArrayNode include = set.putArray("include");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      include.add(pattern(pick(codes)));
    }
    if (random.nextInt(4) == 0) {
      set.putArray("exclude").add(pattern(pick(codes)));
    }
    return set;
  }

  /** The code itself, its parent hierarchy ({@code I21.*}) or a short prefix ({@code I2*}). */
  private String pattern(String code) {
    int roll = random.nextInt(10);
    int dot = code.indexOf('.');
    if (roll < 3 && dot > 0) {
      return code.substring(0, dot) + ".*";
    }
    if (roll < 3) {
      // A parent written as a hierarchy: "I10.*" must still match "I10" itself.
      return code + ".*";
    }
    if (roll < 5 && code.length() > 2) {
      return code.substring(0, 1 + random.nextInt(2)) + "*";
    }
    return code;
  }

  private ObjectNode lab() {
    Pool pool = pool(p -> !p.labs.isEmpty());
    ObjectNode c = coded("lab", pool.labCodes);
    if (random.nextBoolean() && !pool.labs.isEmpty()) {
      LabResult sample = pick(pool.labs);
      ObjectNode value = c.putObject("value");
      if (sample.numericValue() != null && random.nextInt(3) > 0) {
        value.put(random.nextBoolean() ? "min" : "max", sample.numericValue());
      }
      if (value.isEmpty() || random.nextInt(3) == 0) {
        value.put("unit", random.nextInt(5) == 0 ? "mg/dL" : String.valueOf(sample.unit()));
      }
    }
    if (random.nextInt(4) == 0) {
      c.putArray("flag").add(pick(List.of(AbnormalFlag.values())).name()).add("HIGH");
    }
    return c;
  }

  private ObjectNode vital() {
    ObjectNode c = JSON.createObjectNode().put("type", "vital");
    Map<VitalType, List<Double>> vitals = pool(p -> !p.vitals.isEmpty()).vitals;
    VitalType type = pick(new ArrayList<>(vitals.keySet()));
    c.putArray("vitalType").add(type.name());
    if (random.nextBoolean()) {
      ObjectNode value = c.putObject("value");
      double sample = pick(vitals.get(type));
      value.put(random.nextBoolean() ? "min" : "max", sample);
      if (random.nextInt(4) == 0) {
        value.put("unit", type.unit());
      }
    }
    return c;
  }

  private ObjectNode encounter() {
    ObjectNode c = JSON.createObjectNode().put("type", "encounter");
    Pool pool = pool(p -> !p.departments.isEmpty());
    if (random.nextBoolean()) {
      c.putArray("encounterType").add(pick(List.of(EncounterType.values())).name());
    }
    if (random.nextInt(3) == 0) {
      c.putArray("department").add(pick(pool.departments));
    }
    if (random.nextBoolean()) {
      // Bounds sampled from real stays, so stays exactly on a bound occur; open encounters (still
      // in
      // hospital on the snapshot day) meet these bounds too.
      ObjectNode los = c.putObject("lengthOfStay");
      int a = pick(pool.stays);
      int b = pick(pool.stays);
      int roll = random.nextInt(3);
      if (roll != 1) {
        los.putObject("min").put("days", Math.min(a, b) / 24).put("hours", Math.min(a, b) % 24);
      }
      if (roll != 0) {
        los.putObject("max").put("days", Math.max(a, b) / 24).put("hours", Math.max(a, b) % 24);
      }
    }
    return c;
  }

  private ObjectNode document() {
    ObjectNode c = JSON.createObjectNode().put("type", "document");
    if (random.nextInt(3) > 0) {
      c.putArray("documentType").add(pick(List.of(DocumentType.values())).name());
    }
    if (random.nextBoolean()) {
      ObjectNode t = c.putObject("timeliness");
      t.put("status", random.nextBoolean() ? "ON_TIME" : "LATE");
      t.put("deadlineHours", Math.max(0, pick(pool(p -> true).documentDelays)));
      t.put("from", random.nextBoolean() ? "ADMISSION" : "EVENT");
    }
    return c;
  }

  private ObjectNode noteFact() {
    ObjectNode c = JSON.createObjectNode().put("type", "noteFact");
    List<NoteFact> facts = pool(p -> !p.noteFacts.isEmpty()).noteFacts;
    if (facts.isEmpty()) {
      return c;
    }
    NoteFact f = pick(facts);
    int roll = random.nextInt(10);
    if (roll < 6) {
      c.putArray("concept").add(f.concept());
    } else if (roll < 9) {
      int from = random.nextInt(f.surface().length());
      int to = from + 1 + random.nextInt(f.surface().length() - from);
      c.putArray("text").add(f.surface().substring(from, to));
    } else {
      c.putArray("concept").add(f.concept()).add(pick(facts).concept());
      c.putArray("text").add(pick(facts).surface());
    }
    if (random.nextInt(4) == 0) {
      c.putArray("factType").add(f.type());
    }
    if (random.nextInt(5) == 0 && f.section() != null) {
      c.putArray("section").add(f.section());
    }
    if (random.nextBoolean()) {
      c.put("assertion", pick(List.of("AFFIRMED", "NEGATED", "ANY")));
    }
    if (random.nextBoolean()) {
      c.put("temporality", pick(List.of("CURRENT", "HISTORICAL", "ANY")));
    }
    if (random.nextBoolean()) {
      c.put("experiencer", pick(List.of("PATIENT", "FAMILY", "ANY")));
    }
    if (random.nextBoolean()) {
      c.put("certainty", pick(List.of("CERTAIN", "UNCERTAIN", "ANY")));
    }
    return c;
  }

  private void scope(ObjectNode c, boolean uncoded) {
    int roll = random.nextInt(10);
    if (roll < 5) {
      ObjectNode w = c.putObject("window");
      if (roll < 3) {
        w.put("relation", pick(List.of("before", "after", "around")));
        int days = random.nextInt(31);
        int hours = random.nextInt(49);
        if (random.nextInt(4) > 0 || w.get("relation").asText().equals("around")) {
          w.put("days", days).put("hours", hours);
        }
      } else {
        if (random.nextInt(4) > 0) {
          w.putObject("start").put("days", -random.nextInt(30)).put("hours", -random.nextInt(24));
        }
        if (w.isEmpty() || random.nextBoolean()) {
          w.putObject("end").put("hours", random.nextInt(72));
        }
      }
    }
    if (random.nextInt(4) == 0) {
      c.put("sameEncounter", true);
    }
    if (random.nextBoolean()) {
      ObjectNode count = c.putObject("count");
      count.put(pick(List.of("atLeast", "atMost", "exactly")), random.nextInt(6));
      if (random.nextInt(5) > 1) {
        List<String> distinct = new ArrayList<>(List.of("FACT", "DAY", "ENCOUNTER"));
        if (!uncoded) {
          distinct.add("CODE");
        }
        count.put("distinct", pick(distinct));
      }
    }
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
