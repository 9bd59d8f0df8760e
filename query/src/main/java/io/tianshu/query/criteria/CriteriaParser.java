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
    JsonAt doc = JsonAt.root(root, CriteriaException::new);
    doc.requireObject();
    doc.allowOnly("version", "name", "index", "rules");
    JsonAt version = doc.required("version");
    int v = version.integer();
    if (v != CohortDefinition.VERSION) {
      throw version.error("unsupported version " + v + "; this build reads version 1");
    }
    String name = doc.optional("name") == null ? "" : doc.optional("name").text();
    IndexEvent index = index(doc.required("index"));
    List<InclusionRule> rules = new ArrayList<>();
    JsonAt rulesNode = doc.optional("rules");
    if (rulesNode != null) {
      Set<String> names = new LinkedHashSet<>();
      for (JsonAt rule : rulesNode.elements()) {
        rule.requireObject();
        rule.allowOnly("name", "criterion");
        JsonAt ruleName = rule.required("name");
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

  private IndexEvent index(JsonAt node) {
    node.requireObject();
    node.allowOnly("occurrence", "criterion");
    JsonAt occ = node.optional("occurrence");
    IndexEvent.Occurrence occurrence =
        occ == null ? IndexEvent.Occurrence.FIRST : occ.enumValue(IndexEvent.Occurrence.class);
    JsonAt c = node.required("criterion");
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

  private Criterion criterion(JsonAt node) {
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

  private Demographics demographics(JsonAt node) {
    node.allowOnly("type", "age", "sex");
    Integer min = null;
    Integer max = null;
    JsonAt age = node.optional("age");
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

  private Group group(JsonAt node) {
    node.allowOnly("type", "match", "n", "criteria");
    Group.Match match = node.required("match").enumValue(Group.Match.class);
    List<Criterion> members = new ArrayList<>();
    JsonAt list = node.required("criteria");
    for (JsonAt member : list.elements()) {
      members.add(criterion(member));
    }
    if (members.isEmpty()) {
      throw list.error("a group needs at least one criterion");
    }
    int n = 0;
    if (match == Group.Match.AT_LEAST) {
      JsonAt nNode = node.required("n");
      n = nNode.integer();
      if (n < 1 || n > members.size()) {
        throw nNode.error("must be between 1 and the number of criteria (" + members.size() + ")");
      }
    } else if (node.optional("n") != null) {
      throw node.field("n").error("only AT_LEAST groups take n");
    }
    return new Group(match, n, members);
  }

  private DiagnosisCriterion diagnosis(JsonAt node) {
    allowOnlyWithScope(node, "type", "codes", "kind", "mainOnly");
    CodeSet codes = codeSet(node.required("codes"), "icd10");
    List<DiagnosisKind> kinds =
        node.optional("kind") == null ? List.of() : node.field("kind").enums(DiagnosisKind.class);
    boolean mainOnly = node.optional("mainOnly") != null && node.field("mainOnly").bool();
    return new DiagnosisCriterion(codes, kinds, mainOnly, scope(node, true));
  }

  private OperationCriterion operation(JsonAt node) {
    allowOnlyWithScope(node, "type", "codes");
    return new OperationCriterion(codeSet(node.required("codes"), "icd9cm3"), scope(node, true));
  }

  private DrugCriterion drug(JsonAt node) {
    allowOnlyWithScope(node, "type", "codes", "source");
    DrugCriterion.Source source =
        node.optional("source") == null
            ? DrugCriterion.Source.BOTH
            : node.field("source").enumValue(DrugCriterion.Source.class);
    return new DrugCriterion(codeSet(node.required("codes"), "ts-drug"), source, scope(node, true));
  }

  private LabCriterion lab(JsonAt node) {
    allowOnlyWithScope(node, "type", "codes", "value", "flag");
    CodeSet codes = codeSet(node.required("codes"), "loinc");
    ValueRange value = node.optional("value") == null ? null : valueRange(node.field("value"));
    List<AbnormalFlag> flags =
        node.optional("flag") == null ? List.of() : node.field("flag").enums(AbnormalFlag.class);
    return new LabCriterion(codes, value, flags, scope(node, true));
  }

  private VitalCriterion vital(JsonAt node) {
    allowOnlyWithScope(node, "type", "vitalType", "value");
    JsonAt typesNode = node.required("vitalType");
    List<VitalType> types = typesNode.enums(VitalType.class);
    if (types.isEmpty()) {
      throw typesNode.error("needs at least one vital type");
    }
    ValueRange value = node.optional("value") == null ? null : valueRange(node.field("value"));
    return new VitalCriterion(types, value, scope(node, true));
  }

  private EncounterCriterion encounter(JsonAt node) {
    allowOnlyWithScope(node, "type", "encounterType", "department", "lengthOfStay");
    List<EncounterType> types =
        node.optional("encounterType") == null
            ? List.of()
            : node.field("encounterType").enums(EncounterType.class);
    List<String> departments =
        node.optional("department") == null ? List.of() : node.field("department").texts();
    Integer min = null;
    Integer max = null;
    JsonAt los = node.optional("lengthOfStay");
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

  private DocumentCriterion document(JsonAt node) {
    allowOnlyWithScope(node, "type", "documentType", "timeliness");
    List<DocumentType> types =
        node.optional("documentType") == null
            ? List.of()
            : node.field("documentType").enums(DocumentType.class);
    DocumentCriterion.Timeliness timeliness = null;
    JsonAt t = node.optional("timeliness");
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

  private NoteFactCriterion noteFact(JsonAt node) {
    allowOnlyWithScope(
        node,
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

  private static List<String> nonBlankTexts(JsonAt node) {
    if (node == null) {
      return List.of();
    }
    List<JsonAt> elements = node.elements();
    List<String> texts = node.texts();
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).text().isBlank()) {
        throw elements.get(i).error("must not be blank");
      }
    }
    return texts;
  }

  private CohortReference cohort(JsonAt node) {
    node.allowOnly("type", "id", "version");
    JsonAt idNode = node.required("id");
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

  private CodeSet codeSet(JsonAt node, String defaultSystem) {
    node.requireObject();
    node.allowOnly("system", "include", "exclude");
    String system = node.optional("system") == null ? defaultSystem : node.field("system").text();
    if (system.isBlank()) {
      throw node.field("system").error("must not be blank");
    }
    JsonAt include = node.required("include");
    List<CodePattern> in = patterns(include);
    if (in.isEmpty()) {
      throw include.error("needs at least one code");
    }
    List<CodePattern> out =
        node.optional("exclude") == null ? List.of() : patterns(node.field("exclude"));
    return new CodeSet(system, in, out);
  }

  private List<CodePattern> patterns(JsonAt node) {
    List<CodePattern> patterns = new ArrayList<>();
    for (JsonAt code : node.elements()) {
      String text = code.text();
      try {
        patterns.add(new CodePattern(text));
      } catch (IllegalArgumentException e) {
        throw code.error(e.getMessage());
      }
    }
    return patterns;
  }

  private ValueRange valueRange(JsonAt node) {
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

  private EventScope scope(JsonAt node, boolean codedDomain) {
    Window window = node.optional("window") == null ? null : window(node.field("window"));
    boolean same = node.optional("sameEncounter") != null && node.field("sameEncounter").bool();
    Count count = Count.AT_LEAST_ONE;
    JsonAt c = node.optional("count");
    if (c != null) {
      count = count(c);
      if (count.distinct() == Count.Distinct.CODE && !codedDomain) {
        throw c.field("distinct").error("CODE is only for coded domains and vitals");
      }
    }
    return new EventScope(window, same, count);
  }

  private Window window(JsonAt node) {
    node.requireObject();
    JsonAt relation = node.optional("relation");
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
  private int duration(JsonAt node) {
    node.requireObject();
    node.allowOnly("days", "hours");
    return hours(node);
  }

  /**
   * The {@code days} and {@code hours} fields of an object whose other fields the caller has
   * checked, as whole hours; a day is 24 hours.
   */
  private int hours(JsonAt node) {
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

  private static int nonNegative(JsonAt node, int value) {
    if (value < 0) {
      throw node.error("must not be negative");
    }
    return value;
  }

  private Count count(JsonAt node) {
    node.requireObject();
    node.allowOnly("atLeast", "atMost", "exactly", "distinct");
    Count.Comparison comparison = null;
    JsonAt n = null;
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

  private static void allowOnlyWithScope(JsonAt node, String... names) {
    List<String> all = new ArrayList<>(Arrays.asList(names));
    all.addAll(SCOPE_FIELDS);
    node.allowOnly(all.toArray(String[]::new));
  }
}
