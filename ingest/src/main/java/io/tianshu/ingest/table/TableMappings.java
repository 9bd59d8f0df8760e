package io.tianshu.ingest.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table mappings a feed can apply, by {@code name@version}: staged rows name the mapping they
 * were read with, and applying or replaying them looks it up here. Immutable.
 */
public final class TableMappings {

  /** The mappings shipped in this module, by the name the CLI accepts. */
  public static final List<String> BUILT_IN = List.of("synthetic-hospital", "mimic-iv-demo");

  private final Map<String, TableMapping> byKey;
  private final Map<TableSpec, RowMapper> mappers = new java.util.IdentityHashMap<>();

  private TableMappings(List<TableMapping> mappings) {
    Map<String, TableMapping> out = new LinkedHashMap<>();
    for (TableMapping m : mappings) {
      TableMapping earlier = out.putIfAbsent(m.key(), m);
      if (earlier != null && !earlier.equals(m)) {
        throw new TableMappingException(
            "two different mappings are both " + m.key() + ": change the version of one");
      }
      m.tables().forEach(t -> mappers.put(t, new RowMapper(t)));
    }
    this.byKey = java.util.Collections.unmodifiableMap(out);
  }

  public static TableMappings of(List<TableMapping> mappings) {
    return new TableMappings(mappings);
  }

  /** The shipped mappings (read once: every feed of a process names them). */
  public static TableMappings builtIn() {
    return Shipped.ALL;
  }

  private static final class Shipped {
    static final TableMappings ALL = of(BUILT_IN.stream().map(TableMappings::shipped).toList());
  }

  /** The shipped mappings and {@code more}. */
  public TableMappings with(TableMapping more) {
    List<TableMapping> all = new ArrayList<>(byKey.values());
    all.add(more);
    return of(all);
  }

  /** A shipped mapping by name, e.g. {@code mimic-iv-demo}. */
  public static TableMapping shipped(String name) {
    if (!BUILT_IN.contains(name)) {
      throw new TableMappingException(
          "no shipped table mapping '" + name + "', expected one of " + BUILT_IN);
    }
    String resource = name + ".yaml";
    try (InputStream in = TableMappings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource missing: " + resource);
      }
      return TableMapping.load(in, "classpath:io/tianshu/ingest/table/" + resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A shipped mapping's name, or a YAML file's path. */
  public static TableMapping resolve(String nameOrFile) {
    if (BUILT_IN.contains(nameOrFile)) {
      return shipped(nameOrFile);
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      throw new TableMappingException(
          "--mapping '" + nameOrFile + "' is neither a file nor one of " + BUILT_IN);
    }
    return TableMapping.load(file);
  }

  public Optional<TableMapping> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public List<TableMapping> all() {
    return List.copyOf(byKey.values());
  }

  RowMapper mapper(TableSpec table) {
    RowMapper m = mappers.get(table);
    return m != null ? m : new RowMapper(table);
  }
}
