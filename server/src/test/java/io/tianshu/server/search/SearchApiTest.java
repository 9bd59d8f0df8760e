package io.tianshu.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.WorkbenchClient.Reply;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /api/search}: affirmed and all-mentions search over the running server's index, filters,
 * problem details for a bad query, who may search and reindex, auditing, and the researchers'
 * scrubbed snippets whose marks still point at the words of the document viewer's text. Two
 * patients of {@code search/search-patients.json} (department 搜索测试科) are added to the shared test
 * CDR and the index rebuilt through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest extends ServerTestSupport {

  private static final String CLINICIAN = "dr.search";
  private static final String RESEARCHER = "researcher.search";
  private static final String STEWARD = "steward.search";
  private static final String PASSWORD = "Search-Passw0rd!";
  private static final String DEPARTMENT = "&department=" + encode("搜索测试科");

  @LocalServerPort int port;
  @Autowired CdrStore store;
  @Autowired ObjectMapper json;

  @BeforeAll
  void accountsAndPatients() throws IOException {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    for (String[] account :
        List.of(
            new String[] {CLINICIAN, "CLINICIAN"},
            new String[] {RESEARCHER, "RESEARCHER"},
            new String[] {STEWARD, "DATA_STEWARD"})) {
      admin.post(
          "/api/admin/users",
          Map.of("username", account[0], "password", PASSWORD, "roles", List.of(account[1])));
    }
    if (store.readPatient("TSRCH-P1").isEmpty()) {
      NoteStructurer structurer = new NoteStructurer();
      try (InputStream in = getClass().getResourceAsStream("/search/search-patients.json");
          CdrWriter writer = store.writer("test-search", "test")) {
        List<PatientRecord> records = json.readValue(in, new TypeReference<>() {});
        records.stream().map(structurer::structure).forEach(writer::add);
        writer.commit();
      }
    }
    Reply reindex = as(STEWARD).post("/api/search/reindex", null);
    assertThat(reindex.status()).isEqualTo(200);
    assertThat(reindex.body().get("built").asBoolean()).isTrue();
    assertThat(reindex.body().get("documents").asLong()).isGreaterThan(2);
  }

  private WorkbenchClient as(String user) {
    WorkbenchClient client = new WorkbenchClient(port);
    assertThat(client.login(user, PASSWORD).status()).isEqualTo(200);
    return client;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<String> documentIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("hits").forEach(h -> ids.add(h.get("documentId").asText()));
    return ids;
  }

  @Test
  void affirmedByDefaultEveryMentionOnRequest() {
    WorkbenchClient doctor = as(CLINICIAN);
    Reply affirmed = doctor.get("/api/search/documents?q=" + encode("发热") + DEPARTMENT);
    assertThat(affirmed.status()).isEqualTo(200);
    assertThat(affirmed.body().get("mode").asText()).isEqualTo("AFFIRMED");
    assertThat(documentIds(affirmed.body())).containsExactly("TSRCH-D1");
    assertThat(affirmed.body().get("total").asLong()).isEqualTo(1);
    assertThat(affirmed.body().get("patients").asLong()).isEqualTo(1);

    Reply all = doctor.get("/api/search/documents?mode=all&q=" + encode("发热") + DEPARTMENT);
    assertThat(documentIds(all.body())).containsExactlyInAnyOrder("TSRCH-D1", "TSRCH-D2");
    JsonNode denied = null;
    for (JsonNode hit : all.body().get("hits")) {
      if (hit.get("documentId").asText().equals("TSRCH-D2")) {
        denied = hit;
      }
    }
    assertThat(denied.get("facts").get(0).get("concept").asText()).isEqualTo("发热");
    assertThat(denied.get("facts").get(0).get("negated").asBoolean()).isTrue();
    assertThat(denied.get("department").asText()).isEqualTo("搜索测试科");
    assertThat(denied.get("type").asText()).isEqualTo("PROGRESS_NOTE");
    assertThat(denied.get("patientId").asText()).isEqualTo("TSRCH-P2");

    // Filters: type and dates.
    assertThat(
            documentIds(
                doctor
                    .get(
                        "/api/search/documents?mode=all&type=ADMISSION_NOTE&q="
                            + encode("发热")
                            + DEPARTMENT)
                    .body()))
        .containsExactly("TSRCH-D1");
    assertThat(
            documentIds(
                doctor
                    .get(
                        "/api/search/documents?mode=all&from=2024-05-07&to=2024-05-31&q="
                            + encode("发热 OR 咳嗽")
                            + DEPARTMENT)
                    .body()))
        .containsExactly("TSRCH-D2");
  }

  @Test
  void snippetsMarkTheWordsAndCarryNoMrn() {
    JsonNode page =
        as(CLINICIAN).get("/api/search/documents?q=" + encode("发热") + DEPARTMENT).body();
    JsonNode hit = page.get("hits").get(0);
    assertThat(page.findValues("mrn")).isEmpty();
    JsonNode snippets = hit.get("snippets");
    assertThat(snippets.size()).isPositive();
    int marks = 0;
    for (JsonNode s : snippets) {
      String text = s.get("text").asText();
      int start = s.get("start").asInt();
      for (JsonNode m : s.get("marks")) {
        assertThat(text.substring(m.get("start").asInt() - start, m.get("end").asInt() - start))
            .isEqualTo("发热");
        marks++;
      }
    }
    assertThat(marks).isEqualTo(2); // 主诉：发热伴咳嗽 and 出现发热
    // Clinicians read the note as written.
    assertThat(snippets.toString()).contains("13900001111");
  }

  @Test
  void researchersGetScrubbedSnippetsWhoseMarksMatchTheirDocumentViewer() {
    WorkbenchClient researcher = as(RESEARCHER);
    JsonNode page = researcher.get("/api/search/documents?q=" + encode("发热") + DEPARTMENT).body();
    JsonNode hit = page.get("hits").get(0);
    String snippets = hit.get("snippets").toString();
    assertThat(snippets)
        .doesNotContain("测试搜", "13900001111", "测试市搜索路8号")
        .contains("[电话已隐去]", "[地址已隐去]");
    assertThat(page.findValues("mrn")).isEmpty();

    // The same offsets open the researcher's (scrubbed) copy of the note at the words.
    JsonNode record = researcher.get("/api/patients/TSRCH-P1").body();
    String text = record.get("documents").get(0).get("text").asText();
    for (JsonNode s : hit.get("snippets")) {
      assertThat(text.substring(s.get("start").asInt(), s.get("end").asInt()))
          .isEqualTo(s.get("text").asText());
      for (JsonNode m : s.get("marks")) {
        assertThat(text.substring(m.get("start").asInt(), m.get("end").asInt())).isEqualTo("发热");
      }
    }
    for (JsonNode f : hit.get("facts")) {
      assertThat(text.substring(f.get("start").asInt(), f.get("end").asInt())).isEqualTo("发热");
    }
  }

  @Test
  void searchesAreAuditedWithoutTheQueryText() {
    as(CLINICIAN).get("/api/search/documents?q=" + encode("咳嗽") + DEPARTMENT);
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    JsonNode audit = admin.get("/api/audit?user=" + CLINICIAN).body();
    JsonNode entry = audit.get("items").get(0);
    assertThat(entry.get("action").asText()).isEqualTo("SEARCH_DOCUMENTS");
    assertThat(entry.get("endpoint").asText()).isEqualTo("GET /api/search/documents");
    assertThat(entry.get("detail").asText())
        .contains("q=[2 chars]", "mode=AFFIRMED", "搜索测试科", "hits=")
        .doesNotContain("咳嗽");
    assertThat(
            admin.get("/api/audit?user=" + STEWARD).body().get("items").findValuesAsText("action"))
        .contains("REINDEX_DOCUMENTS");
  }

  @Test
  void aBadQueryIsAProblemThatSaysWhy() {
    WorkbenchClient doctor = as(CLINICIAN);
    Reply bad = doctor.get("/api/search/documents?q=" + encode("发热 AND"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.body().get("code").asText()).isEqualTo("TS-QUERY-101");
    assertThat(bad.body().get("detail").asText()).contains("ends too early");

    Reply quote = doctor.get("/api/search/documents?q=" + encode("\"胸痛"));
    assertThat(quote.body().get("detail").asText()).contains("quotation mark");
    Reply mode = doctor.get("/api/search/documents?mode=some&q=" + encode("胸痛"));
    assertThat(mode.status()).isEqualTo(400);
    assertThat(mode.body().get("detail").asText()).contains("affirmed or all");
    Reply type = doctor.get("/api/search/documents?type=LETTER&q=" + encode("胸痛"));
    assertThat(type.status()).isEqualTo(400);
    assertThat(type.body().get("detail").asText()).contains("Unknown document type 'LETTER'");
    Reply missing = doctor.get("/api/search/documents");
    assertThat(missing.status()).isEqualTo(400);
    Reply dates = doctor.get("/api/search/documents?from=2024-06-01&to=2024-05-01&q=x");
    assertThat(dates.status()).isEqualTo(400);
  }

  @Test
  void patientReadersSearchAndOnlyAdminsAndStewardsReindex() {
    assertThat(new WorkbenchClient(port).get("/api/search/documents?q=x").status()).isEqualTo(401);
    assertThat(as(RESEARCHER).get("/api/search/status").body().get("built").asBoolean()).isTrue();
    assertThat(as(RESEARCHER).post("/api/search/reindex", null).status()).isEqualTo(403);
    assertThat(as(CLINICIAN).post("/api/search/reindex", null).status()).isEqualTo(403);
  }
}
