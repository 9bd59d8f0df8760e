package io.tianshu.server.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.WorkbenchClient.Reply;
import io.tianshu.store.CdrStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class NlpApiTest extends ServerTestSupport {

  @LocalServerPort int port;

  @Autowired CdrStore store;

  record Coded(String code, String display) {}

  /** Diagnosis displays of the loaded hospital that name one ICD-10 code only. */
  private List<Coded> unambiguousDisplays() {
    return store.inTransaction(
        c -> {
          List<Coded> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT min(std_code), txt FROM (SELECT std_code, std_display AS txt FROM"
                      + " diagnosis WHERE std_system = ? UNION ALL SELECT std_code, local_display"
                      + " FROM diagnosis WHERE std_system = ?) t GROUP BY txt"
                      + " HAVING count(DISTINCT std_code) = 1 ORDER BY txt"); ) {
            ps.setString(1, "icd10");
            ps.setString(2, "icd10");
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Coded(rs.getString(1), rs.getString(2)));
              }
            }
          }
          return out;
        });
  }

  @Test
  void codesDiagnosesWithTheHospitalsOwnVocabulary() {
    // Displays the lexicon finds as one whole disease mention, so that the code depends on the
    // vocabulary alone.
    ClinicalNlp lexicon = ClinicalNlp.lexiconOnly();
    List<Coded> whole = new ArrayList<>();
    for (Coded d : unambiguousDisplays()) {
      List<Entity> found = lexicon.annotate("诊断：" + d.display()).get(Entity.LAYER);
      if (found.size() == 1
          && found.get(0).type().equals("disease")
          && found.get(0).surface().equals(d.display())) {
        whole.add(d);
      }
    }
    assertThat(whole).as("synthetic diagnoses the lexicon knows").hasSizeGreaterThanOrEqualTo(3);
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);

    for (Coded d : whole) {
      Reply reply = admin.post("/api/nlp/annotate", Map.of("text", "诊断：" + d.display()));
      assertThat(reply.status()).isEqualTo(200);
      JsonNode concepts = reply.body().get("concepts");
      assertThat(concepts).as("concepts of %s", d.display()).hasSize(1);
      JsonNode match = concepts.get(0).get("match");
      assertThat(match.get("code").asText()).as(d.display()).isEqualTo(d.code());
      assertThat(match.get("system").asText()).isEqualTo("icd10");
      assertThat(match.get("kind").asText()).isIn("EXACT", "SYNONYM");
      assertThat(concepts.get(0).get("surface").asText()).isEqualTo(d.display());
    }
  }

  @Test
  void findsTheDiagnosesOnlyTheHospitalsVocabularyKnows() {
    // Displays the lexicon alone does not find as one whole disease mention.
    ClinicalNlp lexicon = ClinicalNlp.lexiconOnly();
    List<Coded> unknown = new ArrayList<>();
    for (Coded d : unambiguousDisplays()) {
      List<Entity> found = lexicon.annotate("诊断：" + d.display()).get(Entity.LAYER);
      if (d.display().length() >= 2
          && found.stream()
              .noneMatch(e -> e.type().equals("disease") && e.surface().equals(d.display()))) {
        unknown.add(d);
      }
    }
    assertThat(unknown).as("synthetic diagnoses the lexicon does not know").isNotEmpty();
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);

    for (Coded d : unknown) {
      Reply reply = admin.post("/api/nlp/annotate", Map.of("text", "诊断：" + d.display()));
      assertThat(reply.status()).isEqualTo(200);
      List<String> diseases = new ArrayList<>();
      for (JsonNode e : reply.body().get("entities")) {
        if (e.get("type").asText().equals("disease")) {
          diseases.add(e.get("surface").asText());
        }
      }
      assertThat(diseases).as(d.display()).containsExactly(d.display());
      JsonNode concepts = reply.body().get("concepts");
      assertThat(concepts).as("concepts of %s", d.display()).hasSize(1);
      assertThat(concepts.get(0).get("match").get("code").asText())
          .as(d.display())
          .isEqualTo(d.code());
    }
  }
}
