package io.tianshu.query.criteria;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.VitalType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the JSON form of the criteria language into {@link CohortDefinition}, strictly: unknown
 * fields, wrong types and impossible combinations are errors carrying the JSON pointer of the
 * field, because a silently ignored typo in a cohort definition changes a study's population
 * without anyone noticing.
 */
final class CriteriaParser {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> SCOPE_FIELDS = Set.of("window", "sameEncounter", "count");

  /** How deep saved-cohort references may nest; deeper is almost surely a mistake. */
  private static final int MAX_REFERENCE_DEPTH = 8;

  private final CohortLibrary library;

  /** Ids of the saved cohorts being parsed, outermost first, to report cycles. */
  private final List<String> referencing;

  CriteriaParser(CohortLibrary library) {
    this(library, List.of());
  }

  private CriteriaParser(CohortLibrary library, List<String> referencing) {
    this.library = library;
    this.referencing = referencing;
  }

  CohortDefinition parse(String json) {
    if (json == null) {
      throw new CriteriaException("", "no cohort definition");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CriteriaException(
          "",
          "not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
    }
    Node doc = new Node(root, "");
    doc.requireObject();
    doc.allowOnly("version", "name", "index", "rules");
    Node version = doc.required("version");
    int v = version.integer();
    if (v != CohortDefinition.VERSION) {
      throw version.error("unsupported version " + v + "; this build reads version 1");
    }
    String name = doc.optional("name") == null ? "" : doc.optional("name").text();
    IndexEvent index = index(doc.required("index"));
    List<InclusionRule> rules = new ArrayList<>();
    Node rulesNode = doc.optional("rules");
    if (rulesNode != null) {
      Set<String> names = new LinkedHashSet<>();
      for (Node rule : rulesNode.elements()) {
        rule.requireObject();
        rule.allowOnly("name", "criterion");
        Node ruleName = rule.required("name");
        String text = ruleName.text();
        if (text.isBlank()) {
          throw ruleName.error("must not be blank");
        }
        if (!names.add(text)) {
          throw ruleName.error("duplicate rule name '" + text + "'");
        }
        rules.add(new InclusionRule(text, criterion(rule.required("criterion"))));
      }
    }
    return new CohortDefinition(v, name, index, rules);
  }

  private IndexEvent index(Node node) {
    node.requireObject();
    node.allowOnly("occurrence", "criterion");
    Node occ = node.optional("occurrence");
    IndexEvent.Occurrence occurrence =
        occ == null ? IndexEvent.Occurrence.FIRST : occ.enumValue(IndexEvent.Occurrence.class);
    Node c = node.required("criterion");
    Criterion criterion = criterion(c);
    if (!(criterion instanceof EventCriterion event)) {
      throw c.error(
          "an index event must be a dated fact (diagnosis, operation, drug, lab, vital, "
              + "encounter, document or noteFact)");
    }
    for (String field : SCOPE_FIELDS) {
      if (c.optional(field) != null) {
        throw c.field(field).error("an index criterion has no " + field);
      }
    }
    return new IndexEvent(occurrence, event);
  }

  private Criterion criterion(Node node) {
    node.requireObject();
    String type = node.required("type").text();
    return switch (type) {
      case "demographics" -> demographics(node);
      case "group" -> group(node);
      case "diagnosis" -> diagnosis(node);
      case "operation" -> operation(node);
      case "drug" -> drug(node);
      case "lab" -> lab(node);
      case "vital" -> vital(node);
      case "encounter" -> encounter(node);
      case "document" -> document(node);
      case "noteFact" -> noteFact(node);
      case "cohort" -> cohort(node);
      default ->
          throw node.field("type")
              .error(
                  "unknown criterion type '"
                      + type
                      + "'; expected one of demographics, group, cohort, "
                      + "diagnosis, operation, drug, lab, vital, encounter, document, noteFact");
    };
  }

  private Demographics demographics(Node node) {
    node.allowOnly("type", "age", "sex");
    Integer min = null;
    Integer max = null;
    Node age = node.optional("age");
    if (age != null) {
      age.requireObject();
      age.allowOnly("min", "max");
      min = age.optional("min") == null ? null : age.field("min").nonNegative();
      max = age.optional("max") == null ? null : age.field("max").nonNegative();
      if (min != null && max != null && min > max) {
        throw age.field("min").error("must not be greater than max");
      }
    }
    List<Sex> sex = node.optional("sex") == null ? List.of() : node.field("sex").enums(Sex.class);
    if (age == null && sex.isEmpty()) {
      throw node.error("demographics needs age or sex");
    }
    return new Demographics(min, max, sex);
  }

  private Group group(Node node) {
    node.allowOnly("type", "match", "n", "criteria");
    Group.Match match = node.required("match").enumValue(Group.Match.class);
    List<Criterion> members = new ArrayList<>();
    Node list = node.required("criteria");
    for (Node member : list.elements()) {
      members.add(criterion(member));
    }
    if (members.isEmpty()) {
      throw list.error("a group needs at least one criterion");
    }
    int n = 0;
    if (match == Group.Match.AT_LEAST) {
      Node nNode = node.required("n");
      n = nNode.integer();
      if (n < 1 || n > members.size()) {
        throw nNode.error("must be between 1 and the number of criteria (" + members.size() + ")");
      }
    } else if (node.optional("n") != null) {
      throw node.field("n").error("only AT_LEAST groups take n");
    }
    return new Group(match, n, members);
  }

  private DiagnosisCriterion diagnosis(Node node) {
    node.allowOnlyWithScope("type", "codes", "kind", "mainOnly");
    CodeSet codes = codeSet(node.required("codes"), "icd10");
    List<DiagnosisKind> kinds =
        node.optional("kind") == null ? List.of() : node.field("kind").enums(DiagnosisKind.class);
    boolean mainOnly = node.optional("mainOnly") != null && node.field("mainOnly").bool();
    return new DiagnosisCriterion(codes, kinds, mainOnly, scope(node, true));
  }

  private OperationCriterion operation(Node node) {
    node.allowOnlyWithScope("type", "codes");
    return new OperationCriterion(codeSet(node.required("codes"), "icd9cm3"), scope(node, true));
  }

  private DrugCriterion drug(Node node) {
    node.allowOnlyWithScope("type", "codes", "source");
    DrugCriterion.Source source =
        node.optional("source") == null
            ? DrugCriterion.Source.BOTH
            : node.field("source").enumValue(DrugCriterion.Source.class);
    return new DrugCriterion(codeSet(node.required("codes"), "ts-drug"), source, scope(node, true));
  }

  private LabCriterion lab(Node node) {
    node.allowOnlyWithScope("type", "codes", "value", "flag");
    CodeSet codes = codeSet(node.required("codes"), "loinc");
    ValueRange value = node.optional("value") == null ? null : valueRange(node.field("value"));
    List<AbnormalFlag> flags =
        node.optional("flag") == null ? List.of() : node.field("flag").enums(AbnormalFlag.class);
    return new LabCriterion(codes, value, flags, scope(node, true));
  }

  private VitalCriterion vital(Node node) {
    node.allowOnlyWithScope("type", "vitalType", "value");
    Node typesNode = node.required("vitalType");
    List<VitalType> types = typesNode.enums(VitalType.class);
    if (types.isEmpty()) {
      throw typesNode.error("needs at least one vital type");
    }
    ValueRange value = node.optional("value") == null ? null : valueRange(node.field("value"));
    return new VitalCriterion(types, value, scope(node, true));
  }

  private EncounterCriterion encounter(Node node) {
    node.allowOnlyWithScope("type", "encounterType", "department", "lengthOfStay");
    List<EncounterType> types =
        node.optional("encounterType") == null
            ? List.of()
            : node.field("encounterType").enums(EncounterType.class);
    List<String> departments =
        node.optional("department") == null ? List.of() : node.field("department").texts();
    Integer min = null;
    Integer max = null;
    Node los = node.optional("lengthOfStay");
    if (los != null) {
      los.requireObject();
      los.allowOnly("min", "max");
      min =
          los.optional("min") == null
              ? null
              : nonNegative(los.field("min"), duration(los.field("min")));
      max =
          los.optional("max") == null
              ? null
              : nonNegative(los.field("max"), duration(los.field("max")));
      if (min == null && max == null) {
        throw los.error("needs min or max");
      }
      if (min != null && max != null && min > max) {
        throw los.field("min").error("must not be longer than max");
      }
    }
    return new EncounterCriterion(types, departments, min, max, scope(node, false));
  }

  private DocumentCriterion document(Node node) {
    node.allowOnlyWithScope("type", "documentType", "timeliness");
    List<DocumentType> types =
        node.optional("documentType") == null
            ? List.of()
            : node.field("documentType").enums(DocumentType.class);
    DocumentCriterion.Timeliness timeliness = null;
    Node t = node.optional("timeliness");
    if (t != null) {
      t.requireObject();
      t.allowOnly("status", "deadlineHours", "from");
      timeliness =
          new DocumentCriterion.Timeliness(
              t.required("status").enumValue(DocumentCriterion.Timeliness.Status.class),
              t.required("deadlineHours").nonNegative(),
              t.required("from").enumValue(DocumentCriterion.Timeliness.Reference.class));
    }
    return new DocumentCriterion(types, timeliness, scope(node, false));
  }

  private NoteFactCriterion noteFact(Node node) {
    node.allowOnlyWithScope(
        "type",
        "concept",
        "text",
        "factType",
        "section",
        "assertion",
        "temporality",
        "experiencer",
        "certainty");
    List<String> concepts = nonBlankTexts(node.optional("concept"));
    List<String> texts = nonBlankTexts(node.optional("text"));
    if (concepts.isEmpty() && texts.isEmpty()) {
      throw node.field("concept").error("a note fact criterion needs a concept or a text");
    }
    return new NoteFactCriterion(
        concepts,
        texts,
        nonBlankTexts(node.optional("factType")),
        nonBlankTexts(node.optional("section")),
        node.optional("assertion") == null
            ? NoteFactCriterion.Assertion.AFFIRMED
            : node.field("assertion").enumValue(NoteFactCriterion.Assertion.class),
        node.optional("temporality") == null
            ? NoteFactCriterion.Temporality.ANY
            : node.field("temporality").enumValue(NoteFactCriterion.Temporality.class),
        node.optional("experiencer") == null
            ? NoteFactCriterion.Experiencer.PATIENT
            : node.field("experiencer").enumValue(NoteFactCriterion.Experiencer.class),
        node.optional("certainty") == null
            ? NoteFactCriterion.Certainty.ANY
            : node.field("certainty").enumValue(NoteFactCriterion.Certainty.class),
        scope(node, true));
  }

  private static List<String> nonBlankTexts(Node node) {
    if (node == null) {
      return List.of();
    }
    List<Node> elements = node.elements();
    List<String> texts = node.texts();
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).text().isBlank()) {
        throw elements.get(i).error("must not be blank");
      }
    }
    return texts;
  }

  private CohortReference cohort(Node node) {
    node.allowOnly("type", "id", "version");
    Node idNode = node.required("id");
    String id = idNode.text();
    Integer version = node.optional("version") == null ? null : node.field("version").integer();
    if (referencing.contains(id)) {
      throw idNode.error(
          "cohort '" + id + "' refers to itself (" + String.join(" -> ", referencing) + ")");
    }
    if (referencing.size() >= MAX_REFERENCE_DEPTH) {
      throw idNode.error("saved-cohort references nest deeper than " + MAX_REFERENCE_DEPTH);
    }
    CohortLibrary.Saved saved =
        library
            .find(id, version)
            .orElseThrow(
                () ->
                    idNode.error(
                        version == null
                            ? "no saved cohort '" + id + "'"
                            : "no version " + version + " of saved cohort '" + id + "'"));
    List<String> path = new ArrayList<>(referencing);
    path.add(id);
    CohortDefinition referenced;
    try {
      referenced = new CriteriaParser(library, List.copyOf(path)).parse(saved.json());
    } catch (CriteriaException e) {
      throw idNode.error(
          "saved cohort '"
              + id
              + "' version "
              + saved.version()
              + " is invalid at "
              + (e.pointer().isEmpty() ? "/" : e.pointer())
              + ": "
              + e.reason());
    }
    return new CohortReference(id, saved.version(), referenced);
  }

  private CodeSet codeSet(Node node, String defaultSystem) {
    node.requireObject();
    node.allowOnly("system", "include", "exclude");
    String system = node.optional("system") == null ? defaultSystem : node.field("system").text();
    if (system.isBlank()) {
      throw node.field("system").error("must not be blank");
    }
    Node include = node.required("include");
    List<CodePattern> in = patterns(include);
    if (in.isEmpty()) {
      throw include.error("needs at least one code");
    }
    List<CodePattern> out =
        node.optional("exclude") == null ? List.of() : patterns(node.field("exclude"));
    return new CodeSet(system, in, out);
  }

  private List<CodePattern> patterns(Node node) {
    List<CodePattern> patterns = new ArrayList<>();
    for (Node code : node.elements()) {
      String text = code.text();
      try {
        patterns.add(new CodePattern(text));
      } catch (IllegalArgumentException e) {
        throw code.error(e.getMessage());
      }
    }
    return patterns;
  }

  private ValueRange valueRange(Node node) {
    node.requireObject();
    node.allowOnly("min", "max", "unit");
    Double min = node.optional("min") == null ? null : node.field("min").number();
    Double max = node.optional("max") == null ? null : node.field("max").number();
    String unit = node.optional("unit") == null ? null : node.field("unit").text();
    if (min == null && max == null && unit == null) {
      throw node.error("needs min, max or unit");
    }
    if (min != null && max != null && min > max) {
      throw node.field("min").error("must not be greater than max");
    }
    return new ValueRange(min, max, unit);
  }

  private EventScope scope(Node node, boolean codedDomain) {
    Window window = node.optional("window") == null ? null : window(node.field("window"));
    boolean same = node.optional("sameEncounter") != null && node.field("sameEncounter").bool();
    Count count = Count.AT_LEAST_ONE;
    Node c = node.optional("count");
    if (c != null) {
      count = count(c);
      if (count.distinct() == Count.Distinct.CODE && !codedDomain) {
        throw c.field("distinct").error("CODE is only for coded domains and vitals");
      }
    }
    return new EventScope(window, same, count);
  }

  private Window window(Node node) {
    node.requireObject();
    Node relation = node.optional("relation");
    if (relation != null) {
      node.allowOnly("relation", "days", "hours");
      Integer span = null;
      if (node.optional("days") != null || node.optional("hours") != null) {
        span = hours(node);
        if (span < 0) {
          throw node.error(
              "days and hours of a " + relation.text() + " window must not be negative");
        }
      }
      return switch (relation.text()) {
        case "before" -> new Window(span == null ? null : -span, 0);
        case "after" -> new Window(0, span);
        case "around" -> {
          if (span == null) {
            throw node.error("an around window needs days or hours");
          }
          yield new Window(-span, span);
        }
        default -> throw relation.error("must be one of before, after, around");
      };
    }
    node.allowOnly("start", "end");
    Integer start = node.optional("start") == null ? null : duration(node.field("start"));
    Integer end = node.optional("end") == null ? null : duration(node.field("end"));
    if (start == null && end == null) {
      throw node.error("needs relation, or start and/or end");
    }
    if (start != null && end != null && start > end) {
      throw node.field("start").error("must not be after end");
    }
    return new Window(start, end);
  }

  /** A {@code {"days": d, "hours": h}} object as whole hours. */
  private int duration(Node node) {
    node.requireObject();
    node.allowOnly("days", "hours");
    return hours(node);
  }

  /**
   * The {@code days} and {@code hours} fields of an object whose other fields the caller has
   * checked, as whole hours; a day is 24 hours.
   */
  private int hours(Node node) {
    int days = node.optional("days") == null ? 0 : node.field("days").integer();
    int hours = node.optional("hours") == null ? 0 : node.field("hours").integer();
    if (node.optional("days") == null && node.optional("hours") == null) {
      throw node.error("needs days or hours");
    }
    long total = days * 24L + hours;
    if (Math.abs(total) > 200L * 365 * 24) {
      throw node.error("must be within 200 years");
    }
    return (int) total;
  }

  private static int nonNegative(Node node, int value) {
    if (value < 0) {
      throw node.error("must not be negative");
    }
    return value;
  }

  private Count count(Node node) {
    node.requireObject();
    node.allowOnly("atLeast", "atMost", "exactly", "distinct");
    Count.Comparison comparison = null;
    Node n = null;
    for (Count.Comparison candidate : Count.Comparison.values()) {
      String key = camel(candidate.name());
      if (node.optional(key) != null) {
        if (comparison != null) {
          throw node.field(key).error("give only one of atLeast, atMost, exactly");
        }
        comparison = candidate;
        n = node.field(key);
      }
    }
    if (comparison == null) {
      throw node.error("needs one of atLeast, atMost, exactly");
    }
    Count.Distinct distinct =
        node.optional("distinct") == null
            ? Count.Distinct.FACT
            : node.field("distinct").enumValue(Count.Distinct.class);
    return new Count(comparison, n.nonNegative(), distinct);
  }

  private static String camel(String constant) {
    String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
    StringBuilder out = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return out.toString();
  }

  /** A JSON node with its pointer, so every error can say where it is. */
  private record Node(JsonNode json, String pointer) {

    CriteriaException error(String reason) {
      return new CriteriaException(pointer, reason);
    }

    Node field(String name) {
      return new Node(json.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
    }

    Node optional(String name) {
      JsonNode child = json.get(name);
      return child == null || child.isNull() ? null : field(name);
    }

    Node required(String name) {
      Node child = optional(name);
      if (child == null) {
        throw field(name).error("is required");
      }
      return child;
    }

    void requireObject() {
      if (json == null || !json.isObject()) {
        throw error("must be an object");
      }
    }

    void allowOnly(String... names) {
      Set<String> allowed = Set.of(names);
      Iterator<String> it = json.fieldNames();
      while (it.hasNext()) {
        String name = it.next();
        if (!allowed.contains(name)) {
          throw field(name)
              .error("unknown field; expected one of " + String.join(", ", sorted(names)));
        }
      }
    }

    void allowOnlyWithScope(String... names) {
      List<String> all = new ArrayList<>(Arrays.asList(names));
      all.addAll(SCOPE_FIELDS);
      allowOnly(all.toArray(String[]::new));
    }

    List<Node> elements() {
      if (!json.isArray()) {
        throw error("must be an array");
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        out.add(new Node(json.get(i), pointer + "/" + i));
      }
      return out;
    }

    String text() {
      if (!json.isTextual()) {
        throw error("must be a string");
      }
      return json.textValue();
    }

    List<String> texts() {
      List<String> out = new ArrayList<>();
      for (Node element : elements()) {
        String text = element.text();
        if (!out.contains(text)) {
          out.add(text);
        }
      }
      return out;
    }

    boolean bool() {
      if (!json.isBoolean()) {
        throw error("must be true or false");
      }
      return json.booleanValue();
    }

    double number() {
      if (!json.isNumber()) {
        throw error("must be a number");
      }
      double value = json.doubleValue();
      if (!Double.isFinite(value)) {
        throw error("must be finite");
      }
      return value;
    }

    int integer() {
      if (!json.isNumber()) {
        throw error("must be a number");
      }
      if (!json.isIntegralNumber() || !json.canConvertToInt()) {
        throw error("must be a whole number");
      }
      return json.intValue();
    }

    int nonNegative() {
      int value = integer();
      if (value < 0) {
        throw error("must not be negative");
      }
      return value;
    }

    <E extends Enum<E>> E enumValue(Class<E> type) {
      return parseEnum(type, text(), this);
    }

    <E extends Enum<E>> List<E> enums(Class<E> type) {
      List<E> out = new ArrayList<>();
      for (Node element : elements()) {
        E value = parseEnum(type, element.text(), element);
        if (!out.contains(value)) {
          out.add(value);
        }
      }
      return out;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, Node where) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(text)) {
          return constant;
        }
      }
      List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      throw where.error("must be one of " + String.join(", ", names));
    }

    private static List<String> sorted(String[] names) {
      return Arrays.stream(names).sorted().toList();
    }
  }
}
