package io.tianshu.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.query.Fixtures;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written ward in {@code search/ward-notes.json} (seven notes of five patients, structured
 * by {@link NoteStructurer}) pins what a document search finds: affirmed mentions only by default,
 * every mention in {@code ALL} mode, words inside sentences, phrases, boolean operators, filters,
 * snippets whose offsets point at the words, and never a patient's own identifiers. On DuckDB, and
 * on PostgreSQL when configured.
 */
class DocumentIndexTest {

  private static final String WARD = "/search/ward-notes.json";
  private static final Map<String, Ward> WARDS = new ConcurrentHashMap<>();

  /** A store holding the ward and an index built from it. */
  private record Ward(
      SearchStores.Opened opened, DocumentIndex index, Map<String, ClinicalDocument> documents) {}

  static List<String> engines() {
    return SearchStores.engines();
  }

  private static Ward ward(String engine) {
    return WARDS.computeIfAbsent(
        engine,
        e -> {
          List<PatientRecord> records = structuredWard();
          SearchStores.Opened opened = SearchStores.open(e);
          SearchStores.load(opened.store(), "ward", records);
          DocumentIndex index = DocumentIndex.inMemory();
          index.rebuild(opened.store());
          Map<String, ClinicalDocument> documents = new HashMap<>();
          records.forEach(r -> r.documents().forEach(d -> documents.put(d.id(), d)));
          return new Ward(opened, index, documents);
        });
  }

  private static List<PatientRecord> structuredWard() {
    NoteStructurer structurer = new NoteStructurer();
    return Fixtures.patients(WARD).stream().map(structurer::structure).toList();
  }

  @AfterAll
  static void closeWards() {
    WARDS
        .values()
        .forEach(
            w -> {
              w.index().close();
              w.opened().close();
            });
    WARDS.clear();
  }

  private static SearchResult search(String engine, String query, SearchMode mode) {
    return ward(engine).index().search(SearchRequest.of(query).withMode(mode).withPage(0, 50));
  }

  private static Set<String> ids(SearchResult result) {
    Set<String> ids = new LinkedHashSet<>();
    result.hits().forEach(h -> ids.add(h.documentId()));
    return ids;
  }

  private static Set<String> found(String engine, String query, SearchMode mode) {
    SearchResult result = search(engine, query, mode);
    assertThat(result.total()).isEqualTo(result.hits().size());
    return ids(result);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void feverFindsThePatientsOwnFeverAndNotDeniedFever(String engine) {
    assertThat(found(engine, "发热", SearchMode.AFFIRMED))
        .containsExactlyInAnyOrder("S001-N1", "S005-N1");
    assertThat(found(engine, "发热", SearchMode.ALL))
        .containsExactlyInAnyOrder(
            "S001-N1", "S002-N1", "S003-N1", "S003-N2", "S004-N1", "S005-N1", "S005-N2");

    // In ALL mode the denied fever is marked, and its note fact says it was denied.
    DocumentHit denied = hit(search(engine, "发热", SearchMode.ALL), "S002-N1");
    assertThat(denied.facts())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.concept()).isEqualTo("发热");
              assertThat(f.negated()).isTrue();
              assertThat(f.masked()).isTrue();
            });
    String text = ward(engine).documents().get("S002-N1").text();
    TextSpan mark = denied.snippets().get(0).marks().get(0);
    assertThat(text.substring(mark.start() - 1, mark.end())).isEqualTo("无发热");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void familyHistoryPastHistoryAndUncertainDiagnosesAreLeftOut(String engine) {
    // 母亲患高血压 (family), 既往有高血压病史 (historical), 否认高血压 (negated, historical).
    assertThat(found(engine, "高血压", SearchMode.AFFIRMED)).isEmpty();
    assertThat(found(engine, "高血压", SearchMode.ALL))
        .containsExactlyInAnyOrder("S001-N1", "S002-N1", "S004-N1");
    assertThat(hit(search(engine, "高血压", SearchMode.ALL), "S002-N1").facts())
        .anySatisfy(f -> assertThat(f.family()).isTrue());
    // 考虑急性阑尾炎可能 is uncertain.
    assertThat(found(engine, "阑尾炎", SearchMode.AFFIRMED)).isEmpty();
    assertThat(found(engine, "阑尾炎", SearchMode.ALL)).containsExactly("S004-N1");
    // The affirmed words of the same notes are still found.
    assertThat(found(engine, "右下腹痛", SearchMode.AFFIRMED)).containsExactly("S004-N1");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aShortQueryIsFoundInsideASentence(String engine) {
    // 胸骨后压榨样胸痛伴大汗 and 患者今日诉胸痛较前缓解: the word is not set off by anything.
    assertThat(found(engine, "胸痛", SearchMode.AFFIRMED))
        .containsExactlyInAnyOrder("S003-N1", "S003-N2");
    assertThat(found(engine, "大汗", SearchMode.AFFIRMED)).containsExactly("S003-N1");
    // One character finds every word that holds it (咳黄痰, 咳嗽咳痰).
    assertThat(found(engine, "痰", SearchMode.ALL))
        .containsExactlyInAnyOrder("S001-N1", "S005-N1", "S005-N2");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void phrasesKeepTheirOrder(String engine) {
    Set<String> both = Set.of("S005-N1", "S005-N2");
    assertThat(found(engine, "\"咳嗽咳痰\"", SearchMode.AFFIRMED)).isEqualTo(both);
    assertThat(found(engine, "咳嗽咳痰", SearchMode.AFFIRMED)).isEqualTo(both);
    assertThat(found(engine, "“咳嗽咳痰”", SearchMode.AFFIRMED)).isEqualTo(both);
    assertThat(found(engine, "咳痰咳嗽", SearchMode.AFFIRMED)).isEmpty();
    assertThat(found(engine, "\"压榨样胸痛\"", SearchMode.AFFIRMED)).containsExactly("S003-N1");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void booleanOperatorsAndParentheses(String engine) {
    SearchMode affirmed = SearchMode.AFFIRMED;
    assertThat(found(engine, "发热 AND 咳嗽", affirmed))
        .containsExactlyInAnyOrder("S001-N1", "S005-N1");
    assertThat(found(engine, "发热 咳嗽", affirmed)).containsExactlyInAnyOrder("S001-N1", "S005-N1");
    assertThat(found(engine, "胸痛 OR 胸闷", affirmed))
        .containsExactlyInAnyOrder("S002-N1", "S003-N1", "S003-N2");
    assertThat(found(engine, "(胸痛 OR 胸闷) AND 大汗", affirmed)).containsExactly("S003-N1");
    assertThat(found(engine, "（胸痛 OR 胸闷） AND 大汗", affirmed)).containsExactly("S003-N1");
    assertThat(found(engine, "咳嗽 NOT 发热", affirmed))
        .containsExactlyInAnyOrder("S003-N2", "S005-N2");
    assertThat(found(engine, "咳嗽 -发热", affirmed)).containsExactlyInAnyOrder("S003-N2", "S005-N2");
    // A query of negations alone means every document without the words.
    assertThat(found(engine, "NOT 发热", affirmed))
        .containsExactlyInAnyOrder("S002-N1", "S003-N1", "S003-N2", "S004-N1", "S005-N2");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void filtersByTypeDepartmentAndDate(String engine) {
    DocumentIndex index = ward(engine).index();
    SearchRequest all = SearchRequest.of("发热").withMode(SearchMode.ALL);
    assertThat(ids(index.search(all.withFilter(Set.of("ADMISSION_NOTE"), null, null, null))))
        .containsExactlyInAnyOrder("S001-N1", "S002-N1", "S003-N1", "S005-N1");
    assertThat(ids(index.search(all.withFilter(null, Set.of("心血管内科"), null, null))))
        .containsExactlyInAnyOrder("S002-N1", "S003-N1", "S003-N2");
    assertThat(
            ids(
                index.search(
                    all.withFilter(
                        null, null, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 20)))))
        .containsExactlyInAnyOrder("S003-N1", "S003-N2", "S004-N1");
    assertThat(
            ids(
                index.search(
                    all.withFilter(
                        Set.of("ADMISSION_NOTE", "DISCHARGE_SUMMARY"),
                        Set.of("呼吸内科"),
                        LocalDate.of(2025, 6, 1),
                        null))))
        .containsExactlyInAnyOrder("S005-N1", "S005-N2");

    DocumentHit hit = hit(index.search(all), "S004-N1");
    assertThat(hit.patientId()).isEqualTo("S004");
    assertThat(hit.encounterId()).isEqualTo("S004-E1");
    assertThat(hit.type()).isEqualTo("OUTPATIENT_NOTE");
    assertThat(hit.title()).isEqualTo("门诊病历");
    assertThat(hit.department()).isEqualTo("普通外科");
    assertThat(hit.createdAt()).isEqualTo(LocalDateTime.of(2025, 4, 20, 10, 30));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void countsPatientsOrdersAndPages(String engine) {
    DocumentIndex index = ward(engine).index();
    SearchRequest all = SearchRequest.of("发热").withMode(SearchMode.ALL);
    SearchResult newest = index.search(all.withOrder(SearchOrder.NEWEST));
    assertThat(newest.total()).isEqualTo(7);
    assertThat(newest.patients()).isEqualTo(5);
    List<LocalDateTime> times = newest.hits().stream().map(DocumentHit::createdAt).toList();
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(newest.hits().get(0).documentId()).isEqualTo("S005-N2");

    SearchResult page = index.search(all.withOrder(SearchOrder.NEWEST).withPage(2, 3));
    assertThat(page.total()).isEqualTo(7);
    assertThat(page.offset()).isEqualTo(2);
    assertThat(ids(page)).containsExactlyElementsOf(ids(newest).stream().skip(2).limit(3).toList());

    SearchResult best = index.search(all);
    assertThat(best.hits()).allSatisfy(h -> assertThat(h.score()).isPositive());
    assertThat(best.hits().stream().map(DocumentHit::score).toList())
        .isSortedAccordingTo((a, b) -> Float.compare(b, a));

    assertThat(index.matches(SearchRequest.of("发热")))
        .extracting(DocumentMatch::documentId, DocumentMatch::patientId, DocumentMatch::createdAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "S001-N1", "S001", LocalDateTime.of(2025, 1, 10, 15, 0)),
            org.assertj.core.groups.Tuple.tuple(
                "S005-N1", "S005", LocalDateTime.of(2025, 6, 1, 16, 0)));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void snippetsAndMarksPointAtTheWords(String engine) {
    for (String query : List.of("发热", "胸痛", "\"咳嗽咳痰\"", "胸痛 OR 大汗", "痰")) {
      for (SearchMode mode : SearchMode.values()) {
        for (DocumentHit hit : search(engine, query, mode).hits()) {
          String text = ward(engine).documents().get(hit.documentId()).text();
          assertThat(hit.snippets()).as("%s in %s", query, hit.documentId()).isNotEmpty();
          for (Snippet s : hit.snippets()) {
            assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
            assertThat(s.marks()).isNotEmpty();
            for (TextSpan m : s.marks()) {
              assertThat(m.start()).isGreaterThanOrEqualTo(s.start());
              assertThat(m.end()).isLessThanOrEqualTo(s.end());
              assertThat(text.substring(m.start(), m.end()))
                  .as("mark of %s in %s", query, hit.documentId())
                  .matches(markPattern(query));
            }
          }
          for (MatchedFact f : hit.facts()) {
            assertThat(text.substring(f.start(), f.end())).isEqualTo(f.surface());
            assertThat(f.masked() && mode == SearchMode.AFFIRMED).isFalse();
          }
        }
      }
    }
    // The phrase marks the phrase, not every 咳嗽 of the note.
    DocumentHit phrase = hit(search(engine, "\"咳嗽咳痰\"", SearchMode.ALL), "S005-N1");
    assertThat(phrase.snippets().stream().flatMap(s -> s.marks().stream()).toList())
        .allSatisfy(m -> assertThat(m.end() - m.start()).isEqualTo(4));
  }

  private static String markPattern(String query) {
    return switch (query) {
      case "发热" -> "发热";
      case "胸痛" -> "胸痛";
      case "\"咳嗽咳痰\"" -> "咳嗽咳痰";
      case "胸痛 OR 大汗" -> "胸痛|大汗|胸痛伴大汗";
      case "痰" -> "黄痰|咳痰|痰";
      default -> throw new IllegalArgumentException(query);
    };
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aPatientsOwnIdentifiersAreNeverSearched(String engine) {
    for (String identifier :
        List.of("张建国", "王磊", "13812345678", "110101196706150011", "学院路", "海淀区")) {
      for (SearchMode mode : SearchMode.values()) {
        assertThat(found(engine, "\"" + identifier + "\"", mode)).as(identifier).isEmpty();
      }
    }
    // The doctor is not the patient: staff names stay searchable.
    assertThat(found(engine, "刘强", SearchMode.ALL)).containsExactly("S003-N2");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aTextViewRedactsSnippetsAndKeepsMarksOnTheWords(String engine) {
    // A redaction that changes lengths before the words, as the server's de-identified view does.
    Pattern name = Pattern.compile("王磊");
    TextView redacted =
        (patientId, text) -> {
          StringBuilder out = new StringBuilder();
          int[] starts = new int[text.length() + 1];
          int[] ends = new int[text.length() + 1];
          Matcher m = name.matcher(text);
          int copied = 0;
          while (m.find()) {
            for (int o = copied; o <= m.start(); o++) {
              starts[o] = ends[o] = out.length() + o - copied;
            }
            out.append(text, copied, m.start());
            int from = out.length();
            out.append("[姓名已隐去]");
            for (int o = m.start() + 1; o < m.end(); o++) {
              starts[o] = from;
              ends[o] = out.length();
            }
            copied = m.end();
          }
          for (int o = copied; o <= text.length(); o++) {
            starts[o] = ends[o] = out.length() + o - copied;
          }
          out.append(text, copied, text.length());
          return ShownText.mapped(out.toString(), starts, ends);
        };
    SearchResult result =
        ward(engine)
            .index()
            .search(SearchRequest.of("胸痛").withFilter(null, null, null, null), redacted);
    DocumentHit hit = hit(result, "S003-N1");
    String shown = redacted.show("S003", ward(engine).documents().get("S003-N1").text()).text();
    assertThat(hit.snippets()).isNotEmpty();
    for (Snippet s : hit.snippets()) {
      assertThat(s.text()).doesNotContain("王磊").isEqualTo(shown.substring(s.start(), s.end()));
      for (TextSpan m : s.marks()) {
        assertThat(shown.substring(m.start(), m.end())).isEqualTo("胸痛");
      }
    }
    assertThat(hit.facts())
        .allSatisfy(f -> assertThat(shown.substring(f.start(), f.end())).isEqualTo("胸痛"));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void noteStructurerFlagsWhatTheseTestsRelyOn(String engine) {
    // If the NLP pipeline reads these notes differently, the expectations above change with it.
    Map<String, List<String>> flagged = new HashMap<>();
    for (PatientRecord r : structuredWard()) {
      for (NoteFact f : r.noteFacts()) {
        List<String> flags = new ArrayList<>();
        if (f.negated()) {
          flags.add("negated");
        }
        if (f.uncertain()) {
          flags.add("uncertain");
        }
        if (f.historical()) {
          flags.add("historical");
        }
        if (f.family()) {
          flags.add("family");
        }
        flagged.put(f.documentId() + ":" + f.surface() + "@" + f.start(), flags);
      }
    }
    assertThat(flagged)
        .containsEntry("S002-N1:发热@48", List.of("negated"))
        .containsEntry("S002-N1:高血压@83", List.of("family"))
        .containsEntry("S004-N1:高血压病@43", List.of("historical"))
        .containsEntry("S004-N1:急性阑尾炎@60", List.of("uncertain"))
        .containsEntry("S001-N1:发热@47", List.of());
    assertThat(ward(engine).index().status().documents()).isEqualTo(7);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void unreadableQueriesSayWhy(String engine) {
    DocumentIndex index = ward(engine).index();
    assertBad(index, "发热 AND", "ends too early");
    assertBad(index, "(发热 OR 咳嗽", "ends too early");
    assertBad(index, "\"发热", "quotation mark is not closed");
    assertBad(index, "title:发热", "names a field ('title:')");
    assertBad(index, "   ", "Type words");
    assertBad(index, "发".repeat(SearchRequest.MAX_QUERY_LENGTH + 1), "at most 500");
    assertBad(index, "*热", "'*' or '?' not allowed");
    // Special characters in quotes are words.
    assertThat(index.search(SearchRequest.of("\"体温:39.2\"")).total()).isZero();
  }

  private static void assertBad(DocumentIndex index, String query, String reason) {
    assertThatThrownBy(() -> index.search(SearchRequest.of(query)))
        .isInstanceOfSatisfying(
            TianshuException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SearchErrors.BAD_QUERY))
        .hasMessageContaining(reason);
  }

  @Test
  void anIndexNeverBuiltIsNotReady() {
    try (DocumentIndex index = DocumentIndex.inMemory()) {
      assertThat(index.status().built()).isFalse();
      assertThatThrownBy(() -> index.search(SearchRequest.of("发热")))
          .isInstanceOfSatisfying(
              TianshuException.class,
              e -> assertThat(e.errorCode()).isEqualTo(SearchErrors.NOT_READY));
    }
  }

  @Test
  void requestsRejectBadPagesAndDates() {
    SearchRequest r = SearchRequest.of("发热");
    assertThatThrownBy(() -> r.withPage(-1, 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.withPage(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.withPage(9_990, 20)).hasMessageContaining("10000");
    assertThatThrownBy(
            () -> r.withFilter(null, null, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)))
        .hasMessageContaining("after");
  }

  private static DocumentHit hit(SearchResult result, String documentId) {
    return result.hits().stream()
        .filter(h -> h.documentId().equals(documentId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(documentId + " not among " + ids(result)));
  }
}
