package io.tianshu.cds.vte.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.VitalType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VTE knowledge base: findings, drug classes, risk and bleeding models, contraindications and
 * policy, read from the versioned YAML files under {@code knowledge/vte/} on the class path. A
 * hospital overrides any file by putting one of the same name in its own directory. Everything is
 * checked when loaded (unknown fields, dangling references, cycles, bands that miss a score), so a
 * bad file stops start-up with the file and place named rather than mis-scoring patients later.
 */
public final class VteKnowledge {

  static final String RESOURCE_DIR = "/knowledge/vte/";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([dh])");

  private final Map<String, Finding> findings;
  private final Map<String, DrugClass> drugClasses;
  private final Map<String, RiskModel> models;
  private final List<Contraindication> contraindications;
  private final VtePolicy policy;
  private final String findingsVersion;
  private final String drugClassesVersion;
  private final String contraindicationsVersion;

  private VteKnowledge(Path overrides) {
    Reader r = new Reader(overrides);
    JsonNode findingsFile = r.read("findings.yaml");
    findingsVersion = text(findingsFile, "version", "findings.yaml");
    Map<String, CodeSet> codeSets = new LinkedHashMap<>();
    JsonNode sets = findingsFile.path("codeSets");
    sets.fieldNames()
        .forEachRemaining(n -> codeSets.put(n, new CodeSet(strings(sets.get(n), "codeSets." + n))));
    ConditionReader cr = new ConditionReader("findings.yaml", codeSets);
    Map<String, Finding> fs = new LinkedHashMap<>();
    JsonNode fnode = findingsFile.path("findings");
    for (Iterator<String> it = fnode.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      fs.put(id, new Finding(id, cr.read(fnode.get(id), "findings." + id)));
    }
    findings = Map.copyOf(fs);

    JsonNode drugsFile = r.read("drug-classes.yaml");
    drugClassesVersion = text(drugsFile, "version", "drug-classes.yaml");
    Map<String, DrugClass> dc = new LinkedHashMap<>();
    JsonNode classes = drugsFile.path("classes");
    for (Iterator<String> it = classes.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      JsonNode c = classes.get(id);
      String where = "drug-classes.yaml classes." + id;
      Map<String, DrugClass.DoseRule> rules = new LinkedHashMap<>();
      c.path("dose")
          .fields()
          .forEachRemaining(
              e ->
                  rules.put(
                      e.getKey(),
                      new DrugClass.DoseRule(
                          number(e.getValue(), "max"), number(e.getValue(), "above"))));
      dc.put(
          id,
          new DrugClass(
              id,
              label(c.path("label")),
              new CodeSet(strings(c.path("codes"), where + ".codes")),
              strings(c.path("names"), where + ".names"),
              rules));
    }
    drugClasses = Map.copyOf(dc);

    JsonNode policyFile = r.read("policy.yaml");
    policy = policy(policyFile);

    Map<String, RiskModel> ms = new LinkedHashMap<>();
    List<String> modelIds = new ArrayList<>(policy.riskModels());
    modelIds.addAll(policy.bleedingModels());
    for (String id : modelIds) {
      ms.put(id, model(id, r.read(id + ".yaml"), cr));
    }
    models = Map.copyOf(ms);

    JsonNode ci = r.read("contraindications.yaml");
    contraindicationsVersion = text(ci, "version", "contraindications.yaml");
    List<Contraindication> cs = new ArrayList<>();
    for (String against : List.of("pharmacological", "mechanical")) {
      int i = 0;
      for (JsonNode n : ci.path(against)) {
        String where = "contraindications.yaml " + against + "[" + i++ + "]";
        cs.add(
            new Contraindication(
                text(n, "id", where), label(n.path("label")), against, itemCondition(n, where)));
      }
    }
    contraindications = List.copyOf(cs);
    validate();
  }

  /** The knowledge shipped with Tianshu. */
  public static VteKnowledge bundled() {
    return new VteKnowledge(null);
  }

  /**
   * The shipped knowledge with any file present in {@code overrides} used instead of the shipped
   * one of the same name.
   */
  public static VteKnowledge withOverrides(Path overrides) {
    return new VteKnowledge(overrides);
  }

  public Map<String, Finding> findings() {
    return findings;
  }

  public Finding finding(String id) {
    Finding f = findings.get(id);
    if (f == null) {
      throw new KnowledgeException("unknown finding " + id);
    }
    return f;
  }

  public Map<String, DrugClass> drugClasses() {
    return drugClasses;
  }

  public RiskModel model(String id) {
    RiskModel m = models.get(id);
    if (m == null) {
      throw new KnowledgeException("unknown model " + id + "; known: " + models.keySet());
    }
    return m;
  }

  public Map<String, RiskModel> models() {
    return models;
  }

  public List<Contraindication> contraindications() {
    return contraindications;
  }

  public VtePolicy policy() {
    return policy;
  }

  /**
   * Every note concept a finding names: the only note facts an assessment can use, so readers may
   * fetch just these.
   */
  public Set<String> noteConcepts() {
    Set<String> out = new java.util.TreeSet<>();
    for (Finding f : findings.values()) {
      collectConcepts(f.condition(), out);
    }
    for (Contraindication c : contraindications) {
      collectConcepts(c.condition(), out);
    }
    return Set.copyOf(out);
  }

  private static void collectConcepts(Condition c, Set<String> out) {
    if (c instanceof Condition.Note n) {
      out.addAll(n.concepts());
    } else if (c instanceof Condition.AnyOf any) {
      any.conditions().forEach(x -> collectConcepts(x, out));
    } else if (c instanceof Condition.AllOf all) {
      all.conditions().forEach(x -> collectConcepts(x, out));
    } else if (c instanceof Condition.Not not) {
      collectConcepts(not.condition(), out);
    }
  }

  /** Versions of every file in use, for the record kept with each stored assessment. */
  public Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("findings", findingsVersion);
    v.put("drugClasses", drugClassesVersion);
    v.put("contraindications", contraindicationsVersion);
    v.put("policy", policy.version());
    models.values().forEach(m -> v.put(m.id(), m.version()));
    return v;
  }

  // ------------------------------------------------------------------ validation

  private void validate() {
    for (Finding f : findings.values()) {
      checkRefs(f.condition(), "finding " + f.id(), new HashSet<>(Set.of(f.id())));
    }
    for (RiskModel m : models.values()) {
      Set<String> ids = new HashSet<>();
      for (ModelItem item : m.items()) {
        if (!ids.add(item.id())) {
          throw new KnowledgeException(m.id() + ".yaml: duplicate item " + item.id());
        }
        checkRefs(item.condition(), m.id() + ".yaml item " + item.id(), new HashSet<>());
      }
      for (List<String> g : m.groups()) {
        for (String id : g) {
          if (!ids.contains(id)) {
            throw new KnowledgeException(m.id() + ".yaml: group names unknown item " + id);
          }
        }
      }
      // Every reachable score must fall in a band: check the steps the points can make.
      double max = m.items().stream().mapToDouble(ModelItem::points).sum();
      boolean halves = m.items().stream().anyMatch(i -> i.points() != Math.rint(i.points()));
      double step = !m.anyScoring() && halves ? 0.5 : 1;
      for (double s = 0; s <= (m.anyScoring() ? m.items().size() : max); s += step) {
        double score = s;
        if (m.bands().stream().noneMatch(b -> b.contains(score))) {
          throw new KnowledgeException(m.id() + ".yaml: no band for score " + score);
        }
      }
    }
    for (Contraindication c : contraindications) {
      checkRefs(c.condition(), "contraindication " + c.id(), new HashSet<>());
    }
    for (String id : List.of(policy.surgicalRiskModel(), policy.medicalRiskModel())) {
      model(id);
    }
    for (String id : List.of(policy.surgicalBleedingModel(), policy.medicalBleedingModel())) {
      model(id);
    }
  }

  private void checkRefs(Condition c, String where, Set<String> path) {
    if (c instanceof Condition.FindingRef ref) {
      Finding f = findings.get(ref.findingId());
      if (f == null) {
        throw new KnowledgeException(where + " refers to unknown finding " + ref.findingId());
      }
      if (!path.add(ref.findingId())) {
        throw new KnowledgeException(where + ": findings refer to each other in a cycle " + path);
      }
      checkRefs(f.condition(), where, path);
      path.remove(ref.findingId());
    } else if (c instanceof Condition.AnyOf any) {
      any.conditions().forEach(x -> checkRefs(x, where, path));
    } else if (c instanceof Condition.AllOf all) {
      all.conditions().forEach(x -> checkRefs(x, where, path));
    } else if (c instanceof Condition.Not not) {
      checkRefs(not.condition(), where, path);
    } else if (c instanceof Condition.Drug d) {
      for (String cls : d.classes()) {
        if (!drugClasses.containsKey(cls)) {
          throw new KnowledgeException(where + " names unknown drug class " + cls);
        }
      }
    }
  }

  // ------------------------------------------------------------------ readers

  private RiskModel model(String id, JsonNode n, ConditionReader cr) {
    String file = id + ".yaml";
    List<ModelItem> items = new ArrayList<>();
    int i = 0;
    for (JsonNode item : n.path("items")) {
      String where = file + " items[" + i++ + "]";
      String itemId = text(item, "id", where);
      if (!item.has("points") || !item.get("points").isNumber()) {
        throw new KnowledgeException(where + " (" + itemId + "): points must be a number");
      }
      items.add(
          new ModelItem(
              itemId,
              label(item.path("label")),
              item.get("points").asDouble(),
              itemCondition(item, where)));
    }
    List<List<String>> groups = new ArrayList<>();
    for (JsonNode g : n.path("groups")) {
      groups.add(strings(g.path("items"), file + " groups"));
    }
    List<Band> bands = new ArrayList<>();
    for (JsonNode b : n.path("bands")) {
      bands.add(
          new Band(
              text(b, "id", file + " bands"),
              b.path("min").asDouble(),
              number(b, "max"),
              label(b.path("label")),
              b.path("prophylaxis").asText(null),
              b.path("alternative").asText(null)));
    }
    String scoring = text(n, "scoring", file);
    if (!scoring.equals("sum") && !scoring.equals("any")) {
      throw new KnowledgeException(file + ": scoring must be sum or any, not " + scoring);
    }
    return new RiskModel(
        id,
        text(n, "model", file),
        text(n, "version", file),
        label(n.path("title")),
        text(n, "source", file),
        text(n, "kind", file),
        scoring.equals("any"),
        items,
        groups,
        bands);
  }

  /** An item's condition: {@code finding: id}, {@code all: [ids]} or {@code any: [ids]}. */
  private static Condition itemCondition(JsonNode item, String where) {
    if (item.has("finding")) {
      return new Condition.FindingRef(item.get("finding").asText());
    }
    if (item.has("all")) {
      return new Condition.AllOf(
          strings(item.get("all"), where).stream()
              .map(id -> (Condition) new Condition.FindingRef(id))
              .toList());
    }
    if (item.has("any")) {
      return new Condition.AnyOf(
          strings(item.get("any"), where).stream()
              .map(id -> (Condition) new Condition.FindingRef(id))
              .toList());
    }
    throw new KnowledgeException(where + ": needs finding, all or any");
  }

  private static VtePolicy policy(JsonNode n) {
    String f = "policy.yaml";
    JsonNode choice = n.path("choice");
    return new VtePolicy(
        text(n, "version", f),
        strings(n.path("models").path("risk"), f + " models.risk"),
        strings(n.path("models").path("bleeding"), f + " models.bleeding"),
        strings(choice.path("surgicalDepartments"), f + " choice.surgicalDepartments"),
        text(choice.path("surgical"), "risk", f + " choice.surgical"),
        text(choice.path("surgical"), "bleeding", f + " choice.surgical"),
        text(choice.path("medical"), "risk", f + " choice.medical"),
        text(choice.path("medical"), "bleeding", f + " choice.medical"),
        strings(n.path("icuDepartments"), f + " icuDepartments"),
        n.path("due").path("afterAdmissionHours").asInt(24),
        n.path("due").path("afterOperationHours").asInt(24),
        n.path("due").path("afterTransferHours").asInt(24),
        n.path("alerts").path("noProphylaxisAfterHours").asInt(24),
        stringLists(n.path("alerts").path("atRiskBands")),
        stringLists(n.path("alerts").path("highBleedingBands")));
  }

  private static Map<String, List<String>> stringLists(JsonNode n) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), strings(e.getValue(), e.getKey())));
    return m;
  }

  static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw new KnowledgeException(where + ": missing " + field);
    }
    return v.asText();
  }

  static Double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asDouble();
  }

  static List<String> strings(JsonNode n, String where) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (n.isTextual()) {
      return List.of(n.asText());
    }
    if (!n.isArray()) {
      throw new KnowledgeException(where + ": expected a list");
    }
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  static Label label(JsonNode n) {
    return new Label(n.path("zh").asText(""), n.path("en").asText(""));
  }

  static Duration duration(JsonNode n, String where) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    Matcher m = DURATION.matcher(n.asText().strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new KnowledgeException(where + ": duration must look like 30d or 12h, not " + n);
    }
    long v = Long.parseLong(m.group(1));
    return m.group(2).equals("d") ? Duration.ofDays(v) : Duration.ofHours(v);
  }

  /** Reads one YAML condition; unknown keys are errors so that a typo cannot widen a finding. */
  private static final class ConditionReader {
    private final String file;
    private final Map<String, CodeSet> codeSets;

    ConditionReader(String file, Map<String, CodeSet> codeSets) {
      this.file = file;
      this.codeSets = codeSets;
    }

    Condition read(JsonNode n, String where) {
      String at = file + " " + where;
      if (n == null || !n.isObject() || n.size() != 1) {
        throw new KnowledgeException(at + ": a condition is an object with exactly one key");
      }
      String key = n.fieldNames().next();
      JsonNode v = n.get(key);
      switch (key) {
        case "any", "all" -> {
          List<Condition> cs = new ArrayList<>();
          int i = 0;
          for (JsonNode c : v) {
            cs.add(read(c, where + "." + key + "[" + i++ + "]"));
          }
          if (cs.isEmpty()) {
            throw new KnowledgeException(at + ": empty " + key);
          }
          return key.equals("any") ? new Condition.AnyOf(cs) : new Condition.AllOf(cs);
        }
        case "not" -> {
          return new Condition.Not(read(v, where + ".not"));
        }
        case "finding" -> {
          return new Condition.FindingRef(v.asText());
        }
        case "age" -> {
          allow(v, at, "min", "max");
          return new Condition.Age(
              v.has("min") ? v.get("min").asInt() : null,
              v.has("max") ? v.get("max").asInt() : null);
        }
        case "sex" -> {
          return new Condition.SexIs(Sex.valueOf(v.asText()));
        }
        case "bmi" -> {
          allow(v, at, "gt", "ge", "lt", "le");
          return new Condition.Bmi(comparison(v));
        }
        case "diagnosis" -> {
          allow(v, at, "codes", "within", "encounter");
          return new Condition.DiagnosisCodes(
              codes(v.path("codes"), at), duration(v.get("within"), at), scope(v, at));
        }
        case "operation" -> {
          allow(
              v,
              at,
              "codes",
              "names",
              "excludeCodes",
              "minMinutes",
              "maxMinutes",
              "anaesthesia",
              "within",
              "encounter");
          return new Condition.OperationDone(
              codes(v.path("codes"), at),
              strings(v.path("names"), at),
              codes(v.path("excludeCodes"), at),
              v.has("minMinutes") ? v.get("minMinutes").asInt() : null,
              v.has("maxMinutes") ? v.get("maxMinutes").asInt() : null,
              strings(v.path("anaesthesia"), at),
              duration(v.get("within"), at),
              scope(v, at));
        }
        case "lab" -> {
          allow(v, at, "codes", "gt", "ge", "lt", "le", "flag", "within", "missing");
          Set<AbnormalFlag> flags = EnumSet.noneOf(AbnormalFlag.class);
          strings(v.path("flag"), at).forEach(f -> flags.add(AbnormalFlag.valueOf(f)));
          Condition.Missing missing =
              v.has("missing")
                  ? Condition.Missing.valueOf(v.get("missing").asText().toUpperCase(Locale.ROOT))
                  : flags.isEmpty() ? Condition.Missing.UNKNOWN : Condition.Missing.ABSENT;
          return new Condition.Lab(
              codes(v.path("codes"), at),
              comparison(v),
              flags,
              duration(v.get("within"), at),
              missing);
        }
        case "egfr" -> {
          allow(v, at, "gt", "ge", "lt", "le", "within");
          return new Condition.Egfr(comparison(v), duration(v.get("within"), at));
        }
        case "vital" -> {
          allow(v, at, "type", "gt", "ge", "lt", "le", "within");
          return new Condition.Vital(
              VitalType.valueOf(text(v, "type", at)), comparison(v), duration(v.get("within"), at));
        }
        case "drug" -> {
          allow(v, at, "classes", "active", "activeForHours", "within");
          return new Condition.Drug(
              new HashSet<>(strings(v.path("classes"), at)),
              v.path("active").asBoolean(false),
              v.has("activeForHours") ? v.get("activeForHours").asInt() : null,
              duration(v.get("within"), at));
        }
        case "icu" -> {
          return new Condition.Icu();
        }
        case "note" -> {
          allow(v, at, "concepts", "historical", "family", "within", "encounter", "source");
          String source = v.path("source").asText("any");
          if (!source.equals("any") && !source.equals("coded")) {
            throw new KnowledgeException(at + ": note source must be any or coded, not " + source);
          }
          return new Condition.Note(
              new HashSet<>(strings(v.path("concepts"), at)),
              Condition.Historical.valueOf(
                  v.path("historical").asText("any").toUpperCase(Locale.ROOT)),
              v.path("family").asBoolean(false),
              duration(v.get("within"), at),
              scope(v, at),
              source.equals("coded"));
        }
        case "planned" -> {
          return new Condition.Planned(v.asText());
        }
        default -> throw new KnowledgeException(at + ": unknown condition " + key);
      }
    }

    private CodeSet codes(JsonNode n, String at) {
      List<String> out = new ArrayList<>();
      for (String s : strings(n, at)) {
        if (s.startsWith("@")) {
          CodeSet named = codeSets.get(s.substring(1));
          if (named == null) {
            throw new KnowledgeException(at + ": unknown code set " + s);
          }
          out.addAll(named.prefixes());
        } else {
          out.add(s);
        }
      }
      return new CodeSet(out);
    }

    private static Condition.Scope scope(JsonNode v, String at) {
      if (!v.has("encounter")) {
        return Condition.Scope.ANY;
      }
      try {
        return Condition.Scope.valueOf(v.get("encounter").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new KnowledgeException(at + ": encounter must be current or previous");
      }
    }

    private static Comparison comparison(JsonNode v) {
      return new Comparison(number(v, "gt"), number(v, "ge"), number(v, "lt"), number(v, "le"));
    }

    private static void allow(JsonNode v, String at, String... keys) {
      Set<String> ok = Set.of(keys);
      v.fieldNames()
          .forEachRemaining(
              k -> {
                if (!ok.contains(k)) {
                  throw new KnowledgeException(at + ": unknown field " + k + "; allowed " + ok);
                }
              });
    }
  }

  /** Reads a knowledge file from the override directory when it has one, else the class path. */
  private record Reader(Path overrides) {
    JsonNode read(String name) {
      try {
        if (overrides != null && Files.isRegularFile(overrides.resolve(name))) {
          try (InputStream in = Files.newInputStream(overrides.resolve(name))) {
            return YAML.readTree(in);
          }
        }
        try (InputStream in = VteKnowledge.class.getResourceAsStream(RESOURCE_DIR + name)) {
          if (in == null) {
            throw new KnowledgeException("missing knowledge file " + name);
          }
          return YAML.readTree(in);
        }
      } catch (IOException e) {
        throw new KnowledgeException(name + ": " + e.getMessage(), e);
      }
    }
  }
}
