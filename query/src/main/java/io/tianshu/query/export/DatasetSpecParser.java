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
import io.tianshu.query.criteria.JsonAt;
import java.util.ArrayList;
import java.util.HashSet;
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
    JsonAt doc = JsonAt.root(root, DatasetSpecException::new);
    doc.requireObject();
    doc.allowOnly("version", "name", "variables");
    JsonAt version = doc.required("version");
    int v = version.integer();
    if (v != DatasetSpec.VERSION) {
      throw version.error("unsupported version " + v + "; this build reads version 1");
    }
    String name = doc.optional("name") == null ? "" : doc.field("name").text();
    JsonAt list = doc.required("variables");
    List<JsonAt> elements = list.elements();
    if (elements.isEmpty()) {
      throw list.error("needs at least one variable");
    }
    if (elements.size() > MAX_VARIABLES) {
      throw list.error("at most " + MAX_VARIABLES + " variables");
    }
    Set<String> names = new HashSet<>(DatasetColumns.IDENTITY_NAMES);
    List<Variable> variables = new ArrayList<>();
    for (JsonAt element : elements) {
      variables.add(variable(element, names));
    }
    return new DatasetSpec(v, name, variables, json);
  }

  private Variable variable(JsonAt node, Set<String> names) {
    node.requireObject();
    JsonAt nameNode = node.required("name");
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
    JsonAt fieldNode = node.optional("field");
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
      JsonAt where = fieldNode != null ? fieldNode : node.field("aggregate");
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
    JsonAt distinctNode = node.optional("distinct");
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
  private EventCriterion criterion(JsonAt node) {
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
}
