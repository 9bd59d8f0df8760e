package io.tianshu.query.criteria;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A JSON node with its JSON pointer, for the project's strict parsers (cohort definitions, dataset
 * specifications): every accessor checks the type it needs and fails with an error that names the
 * place, built by the parser's own exception type.
 */
public final class JsonAt {

  private final JsonNode json;
  private final String pointer;
  private final BiFunction<String, String, ? extends RuntimeException> errors;

  private JsonAt(
      JsonNode json,
      String pointer,
      BiFunction<String, String, ? extends RuntimeException> errors) {
    this.json = json;
    this.pointer = pointer;
    this.errors = errors;
  }

  /**
   * The document's root.
   *
   * @param errors makes the exception for a pointer and a reason
   */
  public static JsonAt root(
      JsonNode json, BiFunction<String, String, ? extends RuntimeException> errors) {
    return new JsonAt(json, "", errors);
  }

  /** The node itself (null when absent). */
  public JsonNode json() {
    return json;
  }

  /** Where it is, as a JSON pointer ("" for the root). */
  public String pointer() {
    return pointer;
  }

  /** The error for this place, to throw. */
  public RuntimeException error(String reason) {
    return errors.apply(pointer, reason);
  }

  public JsonAt field(String name) {
    return new JsonAt(
        json.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"), errors);
  }

  public JsonAt optional(String name) {
    JsonNode child = json.get(name);
    return child == null || child.isNull() ? null : field(name);
  }

  public JsonAt required(String name) {
    JsonAt child = optional(name);
    if (child == null) {
      throw field(name).error("is required");
    }
    return child;
  }

  public void requireObject() {
    if (json == null || !json.isObject()) {
      throw error("must be an object");
    }
  }

  public void allowOnly(String... names) {
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

  public List<JsonAt> elements() {
    if (!json.isArray()) {
      throw error("must be an array");
    }
    List<JsonAt> out = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      out.add(new JsonAt(json.get(i), pointer + "/" + i, errors));
    }
    return out;
  }

  public String text() {
    if (!json.isTextual()) {
      throw error("must be a string");
    }
    return json.textValue();
  }

  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (JsonAt element : elements()) {
      String text = element.text();
      if (!out.contains(text)) {
        out.add(text);
      }
    }
    return out;
  }

  public boolean bool() {
    if (!json.isBoolean()) {
      throw error("must be true or false");
    }
    return json.booleanValue();
  }

  public double number() {
    if (!json.isNumber()) {
      throw error("must be a number");
    }
    double value = json.doubleValue();
    if (!Double.isFinite(value)) {
      throw error("must be finite");
    }
    return value;
  }

  public int integer() {
    if (!json.isNumber()) {
      throw error("must be a number");
    }
    if (!json.isIntegralNumber() || !json.canConvertToInt()) {
      throw error("must be a whole number");
    }
    return json.intValue();
  }

  public int nonNegative() {
    int value = integer();
    if (value < 0) {
      throw error("must not be negative");
    }
    return value;
  }

  public <E extends Enum<E>> E enumValue(Class<E> type) {
    return parseEnum(type, text(), this);
  }

  public <E extends Enum<E>> List<E> enums(Class<E> type) {
    List<E> out = new ArrayList<>();
    for (JsonAt element : elements()) {
      E value = parseEnum(type, element.text(), element);
      if (!out.contains(value)) {
        out.add(value);
      }
    }
    return out;
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, JsonAt where) {
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
