package io.tianshu.cds.vte.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tianshu.cds.vte.knowledge.KnowledgeException;
import io.tianshu.cds.vte.knowledge.Label;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The VTE-centre metrics of {@code knowledge/vte/metrics.yaml}: each a numerator and denominator
 * over the flags of one stay, plus the patterns that recognise a documented assessment.
 */
public record MetricDefinitions(
    String version,
    int minAgeYears,
    List<Pattern> documentedRisk,
    List<Pattern> documentedBleeding,
    List<Metric> metrics) {

  /** The stay flags a metric may use, with the SQL each stands for (no user text reaches SQL). */
  static final Map<String, String> FLAGS =
      Map.of(
          "discharged", "discharged_at IS NOT NULL",
          "risk_assessed", "risk_assessed_at IS NOT NULL",
          "risk_assessed_24h", "risk_assessed_24h",
          "bleeding_assessed", "bleeding_assessed_at IS NOT NULL",
          "at_risk", "at_risk",
          "pharmacological", "pharmacological",
          "mechanical", "mechanical",
          "appropriate", "appropriate",
          "ha_vte", "ha_vte",
          "not_appropriate", "(at_risk AND NOT appropriate)");

  /** One metric. */
  public record Metric(
      String id, String group, Label label, List<String> numerator, List<String> denominator) {

    String numeratorSql() {
      return sql(numerator);
    }

    String denominatorSql() {
      return sql(denominator);
    }

    private static String sql(List<String> flags) {
      return String.join(" AND ", flags.stream().map(FLAGS::get).toList());
    }
  }

  public Metric metric(String id) {
    return metrics.stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown VTE metric " + id));
  }

  public static MetricDefinitions bundled() {
    return load(null);
  }

  public static MetricDefinitions load(Path overrides) {
    String name = "metrics.yaml";
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode n;
    try {
      if (overrides != null && Files.isRegularFile(overrides.resolve(name))) {
        try (InputStream in = Files.newInputStream(overrides.resolve(name))) {
          n = yaml.readTree(in);
        }
      } else {
        try (InputStream in =
            MetricDefinitions.class.getResourceAsStream("/knowledge/vte/" + name)) {
          if (in == null) {
            throw new KnowledgeException("missing knowledge file " + name);
          }
          n = yaml.readTree(in);
        }
      }
    } catch (IOException e) {
      throw new KnowledgeException(name + ": " + e.getMessage(), e);
    }
    List<Metric> metrics = new ArrayList<>();
    for (JsonNode m : n.path("metrics")) {
      String id = m.path("id").asText();
      List<String> num = strings(m.path("numerator"), name + " " + id);
      List<String> den = strings(m.path("denominator"), name + " " + id);
      if (num.isEmpty() || den.isEmpty()) {
        throw new KnowledgeException(name + " " + id + ": numerator and denominator are required");
      }
      metrics.add(
          new Metric(
              id,
              m.path("group").asText(""),
              new Label(m.path("label").path("zh").asText(), m.path("label").path("en").asText()),
              num,
              den));
    }
    return new MetricDefinitions(
        n.path("version").asText(),
        n.path("minAgeYears").asInt(0),
        patterns(n.path("documented").path("risk")),
        patterns(n.path("documented").path("bleeding")),
        metrics);
  }

  private static List<String> strings(JsonNode n, String where) {
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!FLAGS.containsKey(x.asText())) {
        throw new KnowledgeException(
            where + ": unknown stay flag " + x.asText() + "; known " + FLAGS.keySet());
      }
      out.add(x.asText());
    }
    return out;
  }

  private static List<Pattern> patterns(JsonNode n) {
    List<Pattern> out = new ArrayList<>();
    n.forEach(x -> out.add(Pattern.compile(x.asText())));
    return out;
  }
}
