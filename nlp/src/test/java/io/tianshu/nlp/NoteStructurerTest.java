package io.tianshu.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeMatch;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.nlp.concept.ConceptNormalizerTest;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.eval.CcksCorpus;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.tagger.PerceptronTagger;
import io.tianshu.nlp.tagger.TrainOptions;
import io.tianshu.nlp.value.Value;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NoteStructurerTest {

  private static final NoteStructurer STRUCTURER = new NoteStructurer();
  private static final LocalDateTime WRITTEN = LocalDateTime.of(2024, 3, 2, 14, 30);

  static ClinicalDocument document(String id, String text, LocalDateTime createdAt) {
    return new ClinicalDocument(
        id,
        "P000101",
        "E000101-02",
        DocumentType.ADMISSION_NOTE,
        null,
        "李医生",
        createdAt,
        createdAt,
        null,
        text,
        new Provenance("EMR", id, "b1"));
  }

  /** One row of {@code notes/vte-mentions.tsv}. */
  record Mention(String text, String target, String concept, String flags) {}

  static List<Mention> mentions() {
    List<Mention> out = new ArrayList<>();
    for (String line : Fixtures.text("/notes/vte-mentions.tsv").lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      out.add(new Mention(cols[0], cols[1], cols[2], cols[3]));
    }
    return out;
  }

  static String flags(NoteFact f) {
    List<String> out = new ArrayList<>();
    if (f.negated()) {
      out.add("N");
    }
    if (f.uncertain()) {
      out.add("U");
    }
    if (f.historical()) {
      out.add("H");
    }
    if (f.family()) {
      out.add("F");
    }
    return out.isEmpty() ? "-" : String.join(",", out);
  }

  @Test
  void everyVteMentionIsFoundWithItsConceptAndFlags() {
    List<Mention> mentions = mentions();
    List<String> wrong = new ArrayList<>();
    for (Mention m : mentions) {
      int start = m.text().indexOf(m.target());
      assertThat(start).as("target '%s' in '%s'", m.target(), m.text()).isNotNegative();
      NoteFact fact =
          STRUCTURER.structure(document("DOC1", m.text(), WRITTEN)).stream()
              .filter(f -> f.start() == start && f.end() == start + m.target().length())
              .findFirst()
              .orElse(null);
      String got = fact == null ? "not found" : fact.concept() + " " + flags(fact);
      if (!got.equals(m.concept() + " " + m.flags())) {
        wrong.add(
            m.text()
                + " ["
                + m.target()
                + "] expected "
                + m.concept()
                + " "
                + m.flags()
                + ", got "
                + got);
      }
    }
    assertThat(mentions).hasSizeGreaterThanOrEqualTo(50);
    assertThat(wrong).isEmpty();
  }

  @Test
  void factsCarryTheValuesTheirSentencesGiveThem() {
    List<String> wrong = new ArrayList<>();
    int rows = 0;
    for (String line : Fixtures.text("/notes/values.tsv").lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      rows++;
      String[] cols = line.split("\t");
      String text = cols[0];
      int start = text.indexOf(cols[1]);
      assertThat(start).as("mention '%s' in '%s'", cols[1], text).isNotNegative();
      NoteFact fact =
          STRUCTURER.structure(document("DOC1", text, WRITTEN)).stream()
              .filter(f -> f.start() == start && f.end() == start + cols[1].length())
              .findFirst()
              .orElse(null);
      String expected = cols[2] + " " + cols[3] + " " + cols[4];
      String got =
          fact == null
              ? "no fact"
              : orDash(fact.value())
                  + " "
                  + number(fact.numericValue())
                  + " "
                  + orDash(fact.unit());
      if (!got.equals(expected)) {
        wrong.add(text + " [" + cols[1] + "] expected " + expected + ", got " + got);
      }
    }
    assertThat(rows).isGreaterThanOrEqualTo(30);
    assertThat(wrong).isEmpty();
  }

  @Test
  void vitalSignsAreFactsOfTheirOwnNamedByLoinc() {
    String text = "入院查体：T 36.5℃，BP 120/80mmHg。双肺呼吸音清。";

    List<NoteFact> facts = STRUCTURER.structure(document("DOC1", text, WRITTEN));

    assertThat(facts)
        .filteredOn(f -> f.type().equals(NoteStructurer.VITAL_SIGN))
        .extracting(NoteFact::surface, NoteFact::concept, NoteFact::numericValue, NoteFact::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "T 36.5℃", "8310-5", 36.5, Code.of(CodeSystem.LOINC, "8310-5", "体温")),
            org.assertj.core.groups.Tuple.tuple(
                "BP 120/80mmHg", "85354-9", null, Code.of(CodeSystem.LOINC, "85354-9", "血压")));
    assertThat(facts).extracting(NoteFact::start).isSorted();
    assertThat(
            new NoteStructurer(ClinicalNlp.lexiconOnly().withoutValues(), "no-values")
                .structure(document("DOC1", text, WRITTEN)))
        .as("without a value stage: entities only, without values")
        .allSatisfy(
            f -> {
              assertThat(f.type()).isNotEqualTo(NoteStructurer.VITAL_SIGN);
              assertThat(f.value()).isNull();
            });
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static String number(Double n) {
    if (n == null) {
      return "-";
    }
    return n == Math.rint(n) ? Long.toString(n.longValue()) : n.toString();
  }

  @Test
  void aFactNamesItsDocumentSpanSectionTimeAndPipeline() {
    String text = Fixtures.text("/notes/admission-note.txt");
    ClinicalDocument doc = document("DOC000101-001", text, WRITTEN);

    List<NoteFact> facts = STRUCTURER.structure(doc);

    assertThat(facts).isNotEmpty();
    assertThat(facts)
        .allSatisfy(
            f -> {
              assertThat(text.substring(f.start(), f.end())).isEqualTo(f.surface());
              assertThat(f.id()).isEqualTo("DOC000101-001:" + f.start() + "-" + f.end());
              assertThat(f.patientId()).isEqualTo("P000101");
              assertThat(f.encounterId()).isEqualTo("E000101-02");
              assertThat(f.documentId()).isEqualTo("DOC000101-001");
              assertThat(f.documentedAt()).isEqualTo(WRITTEN);
              assertThat(f.pipeline()).isEqualTo(NoteStructurer.PIPELINE_VERSION);
            });
    assertThat(facts).extracting(NoteFact::id).doesNotHaveDuplicates();
    assertThat(facts).extracting(NoteFact::start).isSorted();
    NoteFact hypertensionInFamily =
        facts.stream()
            .filter(f -> f.surface().equals("高血压") && f.family())
            .findFirst()
            .orElseThrow();
    assertThat(hypertensionInFamily.section()).isEqualTo("FAMILY_HISTORY");
    assertThat(hypertensionInFamily.concept()).isEqualTo("高血压");
    NoteFact copd = STRUCTURER.structure(document("DOC2", "慢阻肺急性加重", WRITTEN)).get(0);
    assertThat(copd.concept()).as("a synonym names its preferred term").isEqualTo("慢性阻塞性肺疾病");
    assertThat(copd.section()).isNull();
  }

  @Test
  void aRecordGetsTheFactsOfAllItsDocumentsInTheStoresOrder() {
    ClinicalDocument later = document("DOC-B", "否认高血压病史。", WRITTEN.plusDays(1));
    ClinicalDocument earlier = document("DOC-A", "患者长期卧床。", WRITTEN);
    PatientRecord record =
        new PatientRecord(
            patient(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(later, earlier));
    PatientRecord stale =
        record.withNoteFacts(STRUCTURER.structure(document("DOC-X", "发热", WRITTEN)));

    PatientRecord structured = STRUCTURER.structure(stale);

    assertThat(structured.noteFacts())
        .extracting(NoteFact::documentId, NoteFact::concept, NoteFact::documentedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("DOC-A", "卧床", WRITTEN),
            org.assertj.core.groups.Tuple.tuple("DOC-B", "高血压", WRITTEN.plusDays(1)));
    assertThat(structured.documents()).isEqualTo(record.documents());
    assertThat(STRUCTURER.structure(record.withNoteFacts(List.of()))).isEqualTo(structured);
  }

  /**
   * After an ingest batch: the unchanged document keeps its facts (even a fact the pipeline would
   * not find, which shows it was not read again), the changed and the new one are read, and the
   * facts of a document the record lost are dropped.
   */
  @Test
  void aChangedRecordHasOnlyWhatChangedReadAgain() {
    ClinicalDocument kept = document("DOC-A", "患者长期卧床。", WRITTEN);
    ClinicalDocument edited = document("DOC-B", "否认高血压病史。", WRITTEN.plusDays(1));
    ClinicalDocument lost = document("DOC-D", "发热。", WRITTEN.plusDays(2));
    NoteFact marker = marker(NoteStructurer.PIPELINE_VERSION);
    PatientRecord before =
        STRUCTURER
            .structure(records(kept, edited, lost))
            .withNoteFacts(
                concat(List.of(marker), STRUCTURER.structure(edited), STRUCTURER.structure(lost)));
    ClinicalDocument corrected = document("DOC-B", "有高血压病史。", WRITTEN.plusDays(1));
    ClinicalDocument added = document("DOC-C", "咳嗽三天。", WRITTEN.plusDays(3));
    // As an apply batch leaves it: the documents replaced and added, the stored facts carried.
    PatientRecord after = records(kept, corrected, added).withNoteFacts(before.noteFacts());

    PatientRecord structured = STRUCTURER.structure(before, after);

    assertThat(structured.noteFacts())
        .filteredOn(f -> f.documentId().equals("DOC-A"))
        .containsExactly(marker);
    assertThat(structured.noteFacts())
        .filteredOn(f -> f.documentId().equals("DOC-B"))
        .isEqualTo(STRUCTURER.structure(corrected))
        .extracting(NoteFact::concept, NoteStructurerTest::flags)
        .contains(org.assertj.core.groups.Tuple.tuple("高血压", "H"));
    assertThat(structured.noteFacts())
        .filteredOn(f -> f.documentId().equals("DOC-C"))
        .isEqualTo(STRUCTURER.structure(added))
        .isNotEmpty();
    assertThat(structured.noteFacts()).noneMatch(f -> f.documentId().equals("DOC-D"));

    // Nothing changed: the record comes back as it was.
    assertThat(STRUCTURER.structure(structured, structured)).isSameAs(structured);
    // Facts of an older pipeline version are rebuilt even for an unchanged document.
    NoteFact old = marker("tianshu-nlp-lexicon-1");
    PatientRecord olderPipeline = records(kept).withNoteFacts(List.of(old));
    assertThat(STRUCTURER.structure(olderPipeline, olderPipeline).noteFacts())
        .isEqualTo(STRUCTURER.structure(kept));
    // A new patient: everything is read.
    assertThat(STRUCTURER.structure(null, after).noteFacts())
        .isEqualTo(STRUCTURER.structure(after).noteFacts());
  }

  /** A fact on DOC-A the pipeline would never find: seen in a result, it was kept, not re-read. */
  private static NoteFact marker(String pipeline) {
    return new NoteFact(
        "DOC-A:0-2",
        "P000101",
        "E000101-02",
        "DOC-A",
        0,
        2,
        "symptom",
        "患者",
        "marker",
        false,
        false,
        false,
        false,
        null,
        WRITTEN,
        pipeline);
  }

  @SafeVarargs
  private static List<NoteFact> concat(List<NoteFact>... lists) {
    List<NoteFact> out = new ArrayList<>();
    for (List<NoteFact> l : lists) {
      out.addAll(l);
    }
    return out;
  }

  private static PatientRecord records(ClinicalDocument... documents) {
    return new PatientRecord(
        patient(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(documents));
  }

  @Test
  void oddTextsGiveValidFactsOrNone() {
    for (String text :
        List.of("", "\uD83D\uDE37\uD840\uDC00", "ＣＯＰＤ，ＰＥ（－）", "PEEP 5cmH2O", "高血压".repeat(5_000))) {
      for (NoteFact f : STRUCTURER.structure(document("DOC1", text, WRITTEN))) {
        assertThat(text.substring(f.start(), f.end())).isEqualTo(f.surface());
      }
    }
    assertThat(STRUCTURER.structure(document("DOC1", "PEEP 5cmH2O，WHITE", WRITTEN))).isEmpty();
  }

  @Test
  void skippingValuesChangesNoEntity() {
    String text = Fixtures.text("/notes/admission-note.txt");
    ClinicalNlp full = ClinicalNlp.lexiconOnly();
    AnnotatedDocument annotated = full.withoutValues().annotate(text);

    assertThat(annotated.has(Value.LAYER)).isFalse();
    assertThat(annotated.get(Entity.LAYER)).isEqualTo(full.annotate(text).get(Entity.LAYER));
    assertThat(STRUCTURER.structure(document("DOC1", text, WRITTEN)))
        .filteredOn(f -> !f.type().equals(NoteStructurer.VITAL_SIGN))
        .extracting(NoteFact::start, NoteFact::end)
        .containsExactlyElementsOf(
            full.annotate(text).get(Entity.LAYER).stream()
                .map(e -> org.assertj.core.groups.Tuple.tuple(e.start(), e.end()))
                .toList());
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    String text = Fixtures.text("/notes/admission-note.txt");
    List<NoteFact> alone = STRUCTURER.structure(document("DOC1", text, WRITTEN));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<NoteFact>>> runs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        runs.add(pool.submit(() -> STRUCTURER.structure(document("DOC1", text, WRITTEN))));
      }
      for (Future<List<NoteFact>> run : runs) {
        assertThat(run.get()).isEqualTo(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTaggerEntityTakesItsCodeFromTheVocabularyAndALexiconConceptKeepsItsTerm() throws Exception {
    PerceptronTagger tagger =
        PerceptronTagger.train(
            CcksCorpus.read(Path.of(getClass().getResource("/ccks/toy.jsonl").toURI())),
            // Without clusters, which six notes cannot teach: the test is about codes.
            TrainOptions.defaults().withEpochs(10).withHashBits(16).withClusters(false));
    ConceptVocabulary vocabulary = ConceptNormalizerTest.vocabulary();
    // No lexicon entity in this pipeline: every entity is the tagger's.
    ClinicalNlp taggerOnly = ClinicalNlp.withModel(Lexicon.of(List.of()), tagger);
    ClinicalDocument doc = document("DOC-T", "患者因胆囊结石行腹腔镜胆囊切除术，术后予头孢呋辛抗感染。", WRITTEN);

    Map<String, String> coded =
        concepts(new NoteStructurer(taggerOnly.withConcepts(vocabulary), "test-tagger+vocab"), doc);
    Map<String, String> uncoded = concepts(new NoteStructurer(taggerOnly, "test-tagger"), doc);
    Map<String, String> lexicon =
        concepts(
            new NoteStructurer(ClinicalNlp.lexiconOnly().withConcepts(vocabulary), "test-lex"),
            document("DOC-L", "既往高血压病史。", WRITTEN));

    assertThat(coded)
        .containsEntry("胆囊结石", "K80.2")
        .containsEntry("腹腔镜胆囊切除术", "51.23")
        .containsEntry("头孢呋辛", "头孢呋辛");
    assertThat(uncoded).containsEntry("胆囊结石", "胆囊结石");
    // The vocabulary codes 高血压病 as I10, but the fact keeps the lexicon's concept, which the
    // decision-support knowledge names.
    assertThat(lexicon).containsEntry("高血压病", "高血压");
    // Its code is stored beside it, and a tagger entity's too.
    NoteFact hypertension =
        new NoteStructurer(ClinicalNlp.lexiconOnly().withConcepts(vocabulary), "test-lex")
            .structure(document("DOC-L", "既往高血压病史。", WRITTEN))
            .get(0);
    assertThat(hypertension.code()).isEqualTo(Code.of(CodeSystem.ICD10, "I10", "高血压"));
    assertThat(
            new NoteStructurer(taggerOnly.withConcepts(vocabulary), "test-tagger+vocab")
                .structure(doc))
        .filteredOn(f -> f.surface().equals("胆囊结石"))
        .extracting(f -> f.code().code())
        .containsExactly("K80.2");
    assertThat(STRUCTURER.structure(document("DOC-L", "既往高血压病史。", WRITTEN)).get(0).code())
        .as("no vocabulary, no code")
        .isNull();
  }

  @Test
  void aCodeKeepsHowTheVocabularyMatchedItAndWithWhatConfidence() throws Exception {
    NoteStructurer structurer =
        new NoteStructurer(
            ClinicalNlp.lexiconOnly().withConcepts(ConceptNormalizerTest.vocabulary()), "test-lex");
    String text = "既往高血压10年，冠心病。因右股骨颈骨折入院。查体：T 36.5℃。予头孢呋辛抗感染。";

    Map<String, NoteFact> bySurface = new LinkedHashMap<>();
    structurer
        .structure(document("DOC-C", text, WRITTEN))
        .forEach(f -> bySurface.put(f.surface(), f));

    // 高血压 is a display of I10; 冠心病 a synonym of I25.1; 右股骨颈骨折 is only close to S72.0's
    // 股骨颈骨折 (bigram Dice 0.77, confidence 0.8 × 0.77).
    NoteFact exact = bySurface.get("高血压");
    assertThat(exact.code()).isEqualTo(Code.of(CodeSystem.ICD10, "I10", "高血压"));
    assertThat(exact.codeMatch()).isEqualTo(CodeMatch.EXACT);
    assertThat(exact.codeConfidence()).isEqualTo(1.0);
    NoteFact synonym = bySurface.get("冠心病");
    assertThat(synonym.code().code()).isEqualTo("I25.1");
    assertThat(synonym.codeMatch()).isEqualTo(CodeMatch.SYNONYM);
    assertThat(synonym.codeConfidence()).isEqualTo(0.9);
    NoteFact fuzzy = bySurface.get("右股骨颈骨折");
    assertThat(fuzzy.surface()).as("the surface stays as written").isEqualTo("右股骨颈骨折");
    assertThat(fuzzy.code()).isEqualTo(Code.of(CodeSystem.ICD10, "S72.0", "股骨颈骨折"));
    assertThat(fuzzy.codeMatch()).isEqualTo(CodeMatch.FUZZY);
    assertThat(fuzzy.codeConfidence()).isCloseTo(0.8 * 10 / 13, within(1e-9)).isLessThan(0.9);
    // A vital sign's LOINC code comes from a fixed table: exact.
    NoteFact temperature = bySurface.get("T 36.5℃");
    assertThat(temperature.codeMatch()).isEqualTo(CodeMatch.EXACT);
    assertThat(temperature.codeConfidence()).isEqualTo(1.0);
    // Drugs are not coded: no code, no kind, no confidence.
    NoteFact drug = bySurface.get("头孢呋辛");
    assertThat(drug.code()).isNull();
    assertThat(drug.codeMatch()).isNull();
    assertThat(drug.codeConfidence()).isNull();
  }

  private static Map<String, String> concepts(NoteStructurer structurer, ClinicalDocument doc) {
    Map<String, String> out = new LinkedHashMap<>();
    structurer.structure(doc).forEach(f -> out.put(f.surface(), f.concept()));
    return out;
  }

  private static Patient patient() {
    return new Patient(
        "P000101",
        "BA2024000101",
        "张三",
        Sex.MALE,
        LocalDate.of(1956, 3, 14),
        null,
        null,
        null,
        List.of(),
        new Provenance("HIS", "P000101", "b1"));
  }
}
