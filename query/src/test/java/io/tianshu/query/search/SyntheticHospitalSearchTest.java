package io.tianshu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A synthetic hospital whose notes {@link NoteStructurer} has read, indexed on disk: for clinical
 * words of one or several characters, the documents found are exactly those whose text holds the
 * word ({@code ALL}) or holds it outside every negated, uncertain, historical or family fact span
 * ({@code AFFIRMED}) — an oracle computed from the records, not from the index. On DuckDB, and on
 * PostgreSQL when configured.
 */
class SyntheticHospitalSearchTest {

  private static final List<String> WORDS =
      List.of("发热", "胸痛", "咳嗽", "高血压", "糖尿病", "呼吸困难", "恶心", "水肿", "头晕");

  static List<String> engines() {
    return SearchStores.engines();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void foundExactlyWhereTheTextSaysItOfThePatient(String engine) throws Exception {
    SyntheticHospital hospital =
        new SyntheticHospital(new SynthConfig(11, 80, LocalDate.of(2025, 6, 30)));
    NoteStructurer structurer = new NoteStructurer();
    List<PatientRecord> records =
        hospital.stream().map(GeneratedPatient::record).map(structurer::structure).toList();
    Path directory = Files.createTempDirectory("tianshu-search-index-");
    try (SearchStores.Opened opened = SearchStores.open(engine);
        DocumentIndex index = DocumentIndex.open(directory)) {
      SearchStores.load(opened.store(), "synth", records);
      IndexStatus built = index.rebuild(opened.store());
      long documents = records.stream().mapToLong(r -> r.documents().size()).sum();
      assertThat(built.documents()).isEqualTo(documents);

      Map<String, ClinicalDocument> byId = new HashMap<>();
      records.forEach(r -> r.documents().forEach(d -> byId.put(d.id(), d)));
      int narrowed = 0;
      for (String word : WORDS) {
        Set<String> all = expected(records, word, false);
        Set<String> affirmed = expected(records, word, true);
        assertThat(found(index, word, SearchMode.ALL)).as("%s, all", word).isEqualTo(all);
        assertThat(found(index, word, SearchMode.AFFIRMED))
            .as("%s, affirmed", word)
            .isEqualTo(affirmed);
        narrowed += affirmed.size() < all.size() ? 1 : 0;
        for (SearchMode mode : SearchMode.values()) {
          SearchResult page = index.search(SearchRequest.of(word).withMode(mode));
          assertThat(page.total()).isEqualTo(mode == SearchMode.ALL ? all.size() : affirmed.size());
          assertThat(page.patients())
              .isEqualTo(patients(byId, mode == SearchMode.ALL ? all : affirmed));
          for (DocumentHit hit : page.hits()) {
            String text = byId.get(hit.documentId()).text();
            assertThat(hit.snippets()).isNotEmpty();
            for (Snippet s : hit.snippets()) {
              for (TextSpan m : s.marks()) {
                assertThat(text.substring(m.start(), m.end())).isEqualTo(word);
              }
            }
          }
        }
      }
      // The synthetic notes deny, doubt and recount: the affirmed mode must leave some out.
      assertThat(narrowed).as("words whose affirmed hits are fewer").isGreaterThanOrEqualTo(3);
      assertThat(expected(records, "发热", true)).isNotEmpty();
    } finally {
      SearchStores.deleteTree(directory);
    }
  }

  private static Set<String> found(DocumentIndex index, String word, SearchMode mode) {
    Set<String> ids = new TreeSet<>();
    index.matches(SearchRequest.of(word).withMode(mode)).forEach(m -> ids.add(m.documentId()));
    return ids;
  }

  /** Documents whose text holds {@code word}, outside masked fact spans when {@code affirmed}. */
  private static Set<String> expected(List<PatientRecord> records, String word, boolean affirmed) {
    Set<String> ids = new TreeSet<>();
    for (PatientRecord r : records) {
      Map<String, List<NoteFact>> facts = new HashMap<>();
      r.noteFacts()
          .forEach(f -> facts.computeIfAbsent(f.documentId(), k -> new ArrayList<>()).add(f));
      for (ClinicalDocument d : r.documents()) {
        char[] text = d.text().toCharArray();
        if (affirmed) {
          for (NoteFact f : facts.getOrDefault(d.id(), List.of())) {
            if (f.negated() || f.uncertain() || f.historical() || f.family()) {
              for (int i = f.start(); i < f.end(); i++) {
                text[i] = ' ';
              }
            }
          }
        }
        if (new String(text).contains(word)) {
          ids.add(d.id());
        }
      }
    }
    return ids;
  }

  private static long patients(Map<String, ClinicalDocument> byId, Set<String> documents) {
    Set<String> patients = new HashSet<>();
    documents.forEach(id -> patients.add(byId.get(id).patientId()));
    return patients.size();
  }
}
