package io.tianshu.ingest.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A declarative mapping of table extracts (CSV files) to CDR records, read from YAML and checked
 * completely when loaded (docs/table-mapping.md): unknown keys, entities and fields, missing
 * required fields, value maps onto values the field cannot take, and bad date patterns are errors
 * naming where they are.
 *
 * @param name e.g. {@code mimic-iv-demo}
 * @param version the mapping's version; staged rows name {@code name@version}, so a replay uses the
 *     mapping they were staged with
 * @param source the source system of the records when the caller names none
 * @param charset the files' character set (UTF-8, GBK, GB18030…)
 */
public record TableMapping(
    String name,
    String version,
    String source,
    Charset charset,
    Map<String, Lookup> lookups,
    List<TableSpec> tables) {

  /**
   * A code list joined to rows by key at staging, e.g. MIMIC's {@code d_labitems}: its columns are
   * read as {@code <lookup>.<column>}.
   */
  public record Lookup(String name, String file, String key) {}

  public TableMapping {
    lookups = Map.copyOf(lookups);
    tables = List.copyOf(tables);
  }

  /** {@code name@version}, as staged units name their mapping. */
  public String key() {
    return name + "@" + version;
  }

  /** Names of the tables, in the order the mapping lists them (the order files are loaded). */
  public List<String> tableNames() {
    return tables.stream().map(TableSpec::name).toList();
  }

  Optional<TableSpec> table(String tableName) {
    return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
  }

  /** The table whose file pattern matches, or empty. */
  Optional<TableSpec> tableFor(Path file) {
    return tables.stream().filter(t -> t.matches(file)).findFirst();
  }

  /** Reads and checks a mapping file. */
  public static TableMapping load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read table mapping " + file, e);
    }
  }

  /** Reads and checks a mapping; {@code origin} names it in error messages. */
  public static TableMapping load(InputStream yaml, String origin) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new TableMappingException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new TableMappingException(origin + ": a mapping is a YAML object");
    }
    return new Reader(origin).mapping(root);
  }

  /** Turns the YAML tree into a mapping, failing at the first problem with its path. */
  private static final class Reader {
    private final String origin;

    Reader(String origin) {
      this.origin = origin;
    }

    private TableMappingException error(String path, String message) {
      return new TableMappingException(origin + ": " + path + ": " + message);
    }

    TableMapping mapping(JsonNode root) {
      keys(
          root,
          "",
          Set.of(
              "mapping",
              "version",
              "description",
              "source",
              "charset",
              "dateTimeFormats",
              "dateFormats",
              "lookups",
              "tables"));
      String name = text(root, "mapping", true);
      String version = text(root, "version", true);
      if (!name.matches("[A-Za-z0-9._-]+") || !version.matches("[A-Za-z0-9._-]+")) {
        throw error("mapping", "name and version may hold letters, digits, '.', '_', '-'");
      }
      String source = text(root, "source", false);
      Charset charset = charset(text(root, "charset", false));
      TemporalFormats dateTimes = formats(root.get("dateTimeFormats"), "dateTimeFormats");
      TemporalFormats dates = formats(root.get("dateFormats"), "dateFormats");
      Map<String, Lookup> lookups = lookups(root.get("lookups"));
      JsonNode tablesNode = root.get("tables");
      if (tablesNode == null || !tablesNode.isObject() || tablesNode.isEmpty()) {
        throw error("tables", "at least one table is required (an object of table name → spec)");
      }
      List<TableSpec> tables = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = tablesNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        tables.add(table(e.getKey(), e.getValue(), dateTimes, dates, lookups));
      }
      return new TableMapping(name, version, source, charset, lookups, tables);
    }

    private Charset charset(String name) {
      if (name == null) {
        return java.nio.charset.StandardCharsets.UTF_8;
      }
      try {
        return Charset.forName(name);
      } catch (IllegalArgumentException e) {
        throw error("charset", "unknown character set '" + name + "'");
      }
    }

    private TemporalFormats formats(JsonNode node, String path) {
      if (node == null) {
        return TemporalFormats.ISO;
      }
      List<String> patterns = new ArrayList<>();
      if (node.isTextual()) {
        patterns.add(node.asText());
      } else if (node.isArray()) {
        node.forEach(n -> patterns.add(n.isTextual() ? n.asText() : null));
      } else {
        throw error(path, "a pattern or a list of patterns");
      }
      return TemporalFormats.of(patterns, origin + ": " + path);
    }

    private Map<String, Lookup> lookups(JsonNode node) {
      Map<String, Lookup> out = new LinkedHashMap<>();
      if (node == null) {
        return out;
      }
      if (!node.isObject()) {
        throw error("lookups", "an object of lookup name → {file, key}");
      }
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "lookups." + e.getKey();
        keys(e.getValue(), path, Set.of("file", "key"));
        out.put(
            e.getKey(),
            new Lookup(
                e.getKey(),
                text(e.getValue(), "file", true, path),
                text(e.getValue(), "key", true, path)));
      }
      return out;
    }

    private TableSpec table(
        String name,
        JsonNode node,
        TemporalFormats dateTimes,
        TemporalFormats dates,
        Map<String, Lookup> lookups) {
      String path = "tables." + name;
      keys(node, path, Set.of("file", "entity", "patient", "encounter", "id", "fields"));
      String file = text(node, "file", true, path);
      String entityName = text(node, "entity", true, path);
      TableEntity entity =
          TableEntity.byName(entityName)
              .orElseThrow(
                  () ->
                      error(
                          path + ".entity",
                          "unknown entity '"
                              + entityName
                              + "', expected one of "
                              + TableEntity.names()));
      Template patient = Template.parse(text(node, "patient", true, path), path + ".patient");
      Template id = Template.parse(text(node, "id", true, path), path + ".id");
      ValueSpec encounter = null;
      if (entity.needsEncounter()) {
        JsonNode enc = node.get("encounter");
        if (enc == null) {
          throw error(path, "'encounter' is required for entity " + entityName);
        }
        encounter = value("encounter", enc, path + ".encounter", dateTimes, lookups);
      } else if (node.has("encounter")) {
        throw error(path + ".encounter", "entity " + entityName + " is not filed under one");
      }
      JsonNode fieldsNode = node.get("fields");
      if (fieldsNode == null || !fieldsNode.isObject()) {
        throw error(path + ".fields", "required: an object of field → value");
      }
      Map<String, ValueSpec> fields = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String field = e.getKey();
        String fieldPath = path + ".fields." + field;
        FieldType type = entity.fields().get(field);
        if (type == null) {
          throw error(
              fieldPath,
              "unknown field '"
                  + field
                  + "' for entity "
                  + entityName
                  + ", expected one of "
                  + new java.util.TreeSet<>(entity.fields().keySet()));
        }
        TemporalFormats defaults = type == FieldType.DATE ? dates : dateTimes;
        ValueSpec spec = value(field, e.getValue(), fieldPath, defaults, lookups);
        checkTargets(spec, type, fieldPath);
        fields.put(field, spec);
      }
      for (String required : new java.util.TreeSet<>(entity.required())) {
        if (!fields.containsKey(required)) {
          throw error(
              path + ".fields", "entity " + entityName + " requires field '" + required + "'");
        }
      }
      if (fields.containsKey("std_code") != fields.containsKey("std_system")) {
        throw error(path + ".fields", "std_code and std_system go together");
      }
      return new TableSpec(name, file, entity, patient, encounter, id, fields);
    }

    /** Constants and value-map targets must be values the field can take. */
    private void checkTargets(ValueSpec spec, FieldType type, String path) {
      List<String> targets = new ArrayList<>();
      if (spec.constant() != null) {
        targets.add(spec.constant());
      }
      if (spec.map() != null) {
        targets.addAll(spec.map().values());
      }
      if (spec.otherwise() != null) {
        targets.add(spec.otherwise());
      }
      for (String t : targets) {
        if (type.isEnum() && type.constant(t) == null) {
          throw error(path, "'" + t + "' is not a value of " + type.name().toLowerCase());
        }
        if (type == FieldType.CODE_SYSTEM) {
          try {
            CodeSystems.byName(t);
          } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
          }
        }
      }
    }

    private ValueSpec value(
        String field,
        JsonNode node,
        String path,
        TemporalFormats formats,
        Map<String, Lookup> lookups) {
      if (node.isTextual()) {
        checkColumn(node.asText(), path, lookups);
        return new ValueSpec(
            field,
            Template.parse("{" + node.asText() + "}", path),
            null,
            null,
            null,
            null,
            null,
            formats);
      }
      if (!node.isObject()) {
        throw error(
            path,
            "a column name or an object with one of column, template, constant," + " birthYear");
      }
      keys(node, path, Set.copyOf(ValueSpec.keys()));
      int sources =
          (node.has("column") ? 1 : 0)
              + (node.has("template") ? 1 : 0)
              + (node.has("constant") ? 1 : 0)
              + (node.has("birthYear") ? 1 : 0);
      if (sources != 1) {
        throw error(path, "exactly one of column, template, constant, birthYear");
      }
      Template source = null;
      String constant = null;
      ValueSpec.BirthYear birthYear = null;
      if (node.has("column")) {
        String column = text(node, "column", true, path);
        checkColumn(column, path, lookups);
        source = Template.parse("{" + column + "}", path);
      } else if (node.has("template")) {
        source = Template.parse(text(node, "template", true, path), path + ".template");
        source.columns().forEach(c -> checkColumn(c, path, lookups));
      } else if (node.has("constant")) {
        JsonNode c = node.get("constant");
        if (!c.isValueNode() || c.isNull()) {
          throw error(path + ".constant", "a text, number or boolean");
        }
        constant = c.asText();
      } else {
        JsonNode b = node.get("birthYear");
        keys(b, path + ".birthYear", Set.of("year", "age"));
        birthYear =
            new ValueSpec.BirthYear(
                text(b, "year", true, path + ".birthYear"),
                text(b, "age", true, path + ".birthYear"));
      }
      Map<String, String> map = null;
      if (node.has("map")) {
        JsonNode m = node.get("map");
        if (!m.isObject() || m.isEmpty()) {
          throw error(path + ".map", "an object of local code → value");
        }
        map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            throw error(path + ".map." + e.getKey(), "a text, number or boolean");
          }
          map.put(e.getKey(), e.getValue().asText());
        }
        map = java.util.Collections.unmodifiableMap(map); // keeps the YAML order for reasons
      }
      Template ifBlank =
          node.has("ifBlank")
              ? Template.parse(text(node, "ifBlank", true, path), path + ".ifBlank")
              : null;
      String otherwise = node.has("otherwise") ? text(node, "otherwise", true, path) : null;
      if (otherwise != null && map == null) {
        throw error(path + ".otherwise", "only with a value map");
      }
      TemporalFormats own =
          node.has("format") ? formats(node.get("format"), path + ".format") : formats;
      return new ValueSpec(field, source, constant, birthYear, map, ifBlank, otherwise, own);
    }

    private void checkColumn(String column, String path, Map<String, Lookup> lookups) {
      if (column.isBlank()) {
        throw error(path, "blank column name");
      }
      int dot = column.indexOf('.');
      if (dot > 0 && lookups.containsKey(column.substring(0, dot))) {
        return;
      }
      // Any other name is a CSV column, checked against each file's header when it is read.
    }

    private void keys(JsonNode node, String path, Set<String> allowed) {
      if (node == null || !node.isObject()) {
        throw error(path.isEmpty() ? "(root)" : path, "an object is required");
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String key = names.next();
        if (!allowed.contains(key)) {
          throw error(
              (path.isEmpty() ? "" : path + ".") + key,
              "unknown key, expected one of " + new java.util.TreeSet<>(allowed));
        }
      }
    }

    private String text(JsonNode node, String key, boolean required) {
      return text(node, key, required, "");
    }

    private String text(JsonNode node, String key, boolean required, String path) {
      JsonNode v = node.get(key);
      String where = path.isEmpty() ? key : path + "." + key;
      if (v == null || v.isNull()) {
        if (required) {
          throw error(where, "required");
        }
        return null;
      }
      if (!v.isValueNode() || v.asText().isBlank()) {
        throw error(where, "a non-blank text is required");
      }
      return v.asText();
    }
  }
}
