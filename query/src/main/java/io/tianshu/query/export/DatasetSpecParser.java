package io.tianshu.query.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.Count;
import io.tianshu.query.criteria.CriteriaException;
import io.tianshu.query.criteria.Criterion;
import io.tianshu.query.criteria.EventCriterion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the JSON form of a dataset specification strictly, as the criteria parser reads cohorts:
 * unknown fields, wrong types and impossible combinations are errors with the JSON pointer of the
 * field. A variable's criterion is handed to the criteria language's own parser, so a variable
 * selects facts with exactly the language (and the errors) researchers know from cohorts.
 */
final class DatasetSpecParser {

  static final int MAX_VARIABLES = 1000;

  /** Column names that work unquoted in SQL, R and pandas alike: Chinese letters are fine too. */
  private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]{0,62}");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final String RULE_POINTER = "/rules/0/criterion";

  DatasetSpec parse(String json) {
    if (json == null) {
      throw new DatasetSpecException("", "no dataset specification");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new DatasetSpecException(
          "",
          "not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
    }
    Node doc = new Node(root, "");
    doc.requireObject();
    doc.allowOnly("version", "name", "variables");
    Node version = doc.required("version");
    int v = version.integer();
    if (v != DatasetSpec.VERSION) {
      throw version.error("unsupported version " + v + "; this build reads version 1");
    }
    String name = doc.optional("name") == null ? "" : doc.field("name").text();
    Node list = doc.required("variables");
    List<Node> elements = list.elements();
    if (elements.isEmpty()) {
      throw list.error("needs at least one variable");
    }
    if (elements.size() > MAX_VARIABLES) {
      throw list.error("at most " + MAX_VARIABLES + " variables");
    }
    Set<String> names = new HashSet<>(DatasetColumns.IDENTITY_NAMES);
    List<Variable> variables = new ArrayList<>();
    for (Node element : elements) {
      variables.add(variable(element, names));
    }
    return new DatasetSpec(v, name, variables, json);
  }

  private Variable variable(Node node, Set<String> names) {
    node.requireObject();
    Node nameNode = node.required("name");
    String name = nameNode.text();
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error(
          "must start with a letter or underscore and have only letters, digits and underscores"
              + " (at most 63)");
    }
    // Case-insensitive, because DuckDB (and so the Parquet writer) compares column names so.
    if (!names.add(name.toLowerCase(Locale.ROOT))) {
      throw nameNode.error(
          DatasetColumns.IDENTITY_NAMES.contains(name.toLowerCase(Locale.ROOT))
              ? "'" + name + "' is an identity column of every export"
              : "duplicate variable name '" + name + "'");
    }
    if (node.optional("demographic") != null) {
      node.allowOnly("name", "demographic");
      return new DemographicVariable(
          name, node.field("demographic").enumValue(DemographicVariable.Demographic.class));
    }
    node.allowOnly("name", "aggregate", "field", "distinct", "criterion");
    Aggregate aggregate = node.required("aggregate").enumValue(Aggregate.class);
    EventCriterion criterion = criterion(node.required("criterion"));
    String domain = criterion.domain();
    FactField field = null;
    Node fieldNode = node.optional("field");
    if (aggregate.readsField()) {
      field =
          fieldNode != null
              ? fieldNode.enumValue(FactField.class)
              : FactField.defaultFor(domain)
                  .orElseThrow(
                      () ->
                          node.field("field")
                              .error(
                                  "is required for "
                                      + aggregate
                                      + " of "
                                      + domain
                                      + " facts; one of "
                                      + names(FactField.of(domain))));
      Node where = fieldNode != null ? fieldNode : node.field("aggregate");
      if (!field.appliesTo(domain)) {
        throw where.error(
            field
                + " is not a field of "
                + domain
                + " facts; one of "
                + names(FactField.of(domain)));
      }
      if (aggregate.numeric() && field.type() != ColumnType.DOUBLE) {
        throw where.error(
            aggregate + " needs a numeric field; " + field + " of " + domain + " is text");
      }
    } else if (fieldNode != null) {
      throw fieldNode.error(aggregate + " reads no field");
    }
    Count.Distinct distinct = Count.Distinct.FACT;
    Node distinctNode = node.optional("distinct");
    if (distinctNode != null) {
      if (aggregate != Aggregate.COUNT) {
        throw distinctNode.error("only COUNT takes distinct");
      }
      distinct = distinctNode.enumValue(Count.Distinct.class);
      if (distinct == Count.Distinct.CODE
          && (domain.equals("encounter") || domain.equals("document"))) {
        throw distinctNode.error("CODE is only for coded domains, vitals and note facts");
      }
    }
    return new FactVariable(name, aggregate, field, distinct, criterion);
  }

  /**
   * The criterion, parsed by the criteria language as the only rule of a cohort whose index event
   * is any encounter; its errors are moved to where the criterion sits in the spec.
   */
  private EventCriterion criterion(Node node) {
    node.requireObject();
    if (node.optional("count") != null) {
      throw node.field("count")
          .error("a variable counts with the aggregate COUNT (and distinct), not with count");
    }
    ObjectNode cohort = JSON.createObjectNode();
    cohort.put("version", CohortDefinition.VERSION);
    cohort.putObject("index").putObject("criterion").put("type", "encounter");
    ObjectNode rule = cohort.putArray("rules").addObject();
    rule.put("name", "variable");
    rule.set("criterion", node.json());
    Criterion parsed;
    try {
      parsed = CohortDefinition.parse(cohort.toString()).rules().get(0).criterion();
    } catch (CriteriaException e) {
      String pointer =
          e.pointer().startsWith(RULE_POINTER)
              ? node.pointer() + e.pointer().substring(RULE_POINTER.length())
              : node.pointer();
      throw new DatasetSpecException(pointer, e.reason());
    }
    if (!(parsed instanceof EventCriterion event) || !FactSelector.supports(event)) {
      throw node.field("type")
          .error(
              "a variable reads dated facts: diagnosis, operation, drug, lab, vital, encounter,"
                  + " document or noteFact (age and sex are \"demographic\" variables)");
    }
    return event;
  }

  private static String names(List<? extends Enum<?>> values) {
    return String.join(", ", values.stream().map(Enum::name).toList());
  }

  /** A JSON node with its pointer, so every error can say where it is. */
  private record Node(JsonNode json, String pointer) {

    DatasetSpecException error(String reason) {
      return new DatasetSpecException(pointer, reason);
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
              .error(
                  "unknown field; expected one of "
                      + String.join(", ", Arrays.stream(names).sorted().toList()));
        }
      }
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

    int integer() {
      if (!json.isNumber()) {
        throw error("must be a number");
      }
      if (!json.isIntegralNumber() || !json.canConvertToInt()) {
        throw error("must be a whole number");
      }
      return json.intValue();
    }

    <E extends Enum<E>> E enumValue(Class<E> type) {
      String text = text();
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(text)) {
          return constant;
        }
      }
      throw error(
          "must be one of "
              + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
    }
  }
}
