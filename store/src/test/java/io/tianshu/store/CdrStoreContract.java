package io.tianshu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeMatch;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CdrStore} engine must show, run against real databases by one subclass
 * per engine. Each test gets an empty database.
 */
abstract class CdrStoreContract {

  static final byte[] KEY = "tianshu-test-identifier-key-0001".getBytes(StandardCharsets.UTF_8);

  protected CdrStore store;

  /** Opens a store on a new, empty database. */
  abstract CdrStore openFresh();

  /** Opens a second store on the database of the last {@link #openFresh()}. */
  abstract CdrStore reopen();

  @BeforeEach
  void openStore() {
    store = openFresh();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  LoadSummary load(String batchId, List<PatientRecord> records) {
    try (CdrWriter writer = store.writer(batchId, "test")) {
      records.forEach(writer::add);
      return writer.commit();
    }
  }

  @Test
  void readPatientReturnsWhatWasLoadedWithTheIdNumberMasked() {
    List<PatientRecord> records = Fixtures.all();
    LoadSummary summary = load(Fixtures.BATCH, records);

    for (PatientRecord record : records) {
      assertThat(store.readPatient(record.patient().id())).contains(Fixtures.asStored(record));
    }
    assertThat(store.readPatient("P000101").orElseThrow().patient().idNumber())
        .isEqualTo("110101********1234");
    assertThat(store.readPatient("P000102").orElseThrow().patient().idNumber())
        .isEqualTo("440305********002X");
    assertThat(store.readPatient("P000101").orElseThrow().encounters().get(1).transfers())
        .extracting(t -> t.toDepartment())
        .containsExactly("重症医学科", "骨科");
    assertThat(store.readPatient("nobody")).isEmpty();
    assertThat(summary.patients()).isEqualTo(3);
    assertThat(summary.documents()).isEqualTo(4);
    assertThat(summary.facts())
        .isEqualTo(records.stream().mapToLong(PatientRecord::factCount).sum());
    assertThat(summary.noteFacts()).isEqualTo(5);
  }

  /**
   * Line breaks of every kind, quotes and commas inside a value come back as written: the bulk path
   * spools CSV, and a carriage return first seen inside a quoted value must not be taken for the
   * file's line ending (found by {@code CdrStorePropertyTest}, seed 7917538165347647974).
   */
  @Test
  void carriageReturnsQuotesAndCommasInValuesComeBackAsWritten() {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    Patient p = zhang.patient();
    String awkward = "\r";
    Patient odd =
        new Patient(
            p.id(),
            p.mrn(),
            "\r张\r\n三",
            p.sex(),
            p.birthDate(),
            p.idNumber(),
            awkward,
            "北京市,\"东城区\"\r\n\n某路\r",
            p.identifiers(),
            p.provenance());
    PatientRecord record =
        new PatientRecord(
            odd,
            zhang.encounters(),
            zhang.diagnoses(),
            zhang.operations(),
            zhang.orders(),
            zhang.administrations(),
            zhang.labs(),
            zhang.vitals(),
            zhang.exams(),
            zhang.documents(),
            zhang.noteFacts());

    load(Fixtures.BATCH, List.of(record));

    assertThat(store.readPatient(p.id())).contains(Fixtures.asStored(record));
  }

  @Test
  void readingManyPatientsAtOnceGivesTheSameRecordsAsOneByOne() {
    List<PatientRecord> records = Fixtures.all();
    load(Fixtures.BATCH, records);
    List<String> ids = new java.util.ArrayList<>();
    ids.add("nobody");
    for (int i = records.size() - 1; i >= 0; i--) {
      ids.add(records.get(i).patient().id());
    }
    ids.add(records.get(0).patient().id());
    java.util.Map<String, PatientRecord> many = store.readPatients(ids);
    // In the order asked, each once, the unknown id left out.
    assertThat(many.keySet()).containsExactlyElementsOf(ids.subList(1, records.size() + 1));
    for (PatientRecord record : records) {
      assertThat(many.get(record.patient().id()))
          .isEqualTo(store.readPatient(record.patient().id()).orElseThrow());
    }
    assertThat(store.readPatients(List.of())).isEmpty();
    PatientRecord full = many.get(records.get(0).patient().id());
    String concept = full.noteFacts().get(0).concept();
    PatientRecord sliced =
        store
            .readPatients(List.of(full.patient().id()), java.util.Set.of(concept))
            .get(full.patient().id());
    assertThat(sliced.noteFacts())
        .isNotEmpty()
        .isEqualTo(full.noteFacts().stream().filter(f -> f.concept().equals(concept)).toList());
    assertThat(sliced.withNoteFacts(full.noteFacts())).isEqualTo(full);
  }

  @Test
  void noteFactsComeBackWithTheirSpansFlagsAndSections() {
    load(Fixtures.BATCH, Fixtures.all());

    PatientRecord zhang = store.readPatient("P000101").orElseThrow();

    assertThat(zhang.noteFacts()).isEqualTo(Fixtures.load(Fixtures.ZHANG_SAN).noteFacts());
    NoteFact family = zhang.noteFacts().get(2);
    assertThat(family.surface()).isEqualTo("脑梗死");
    assertThat(family.family()).isTrue();
    assertThat(family.historical()).isTrue();
    assertThat(family.section()).isEqualTo("FAMILY_HISTORY");
    assertThat(zhang.noteFacts().get(3).section()).isNull();
    String text = zhang.documents().get(0).text();
    assertThat(zhang.noteFacts())
        .filteredOn(f -> f.documentId().equals("DOC000101-1"))
        .allSatisfy(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo(f.surface()));
    assertThat(store.readPatient("P000102").orElseThrow().noteFacts()).isEmpty();
  }

  @Test
  void aNoteFactOfAnotherDocumentOrADuplicateIsRefused() {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    NoteFact f = zhang.noteFacts().get(0);
    NoteFact elsewhere =
        new NoteFact(
            f.id(),
            f.patientId(),
            f.encounterId(),
            "DOC-NOT-IN-RECORD",
            f.start(),
            f.end(),
            f.type(),
            f.surface(),
            f.concept(),
            f.negated(),
            f.uncertain(),
            f.historical(),
            f.family(),
            f.section(),
            f.documentedAt(),
            f.pipeline());

    try (CdrWriter writer = store.writer("bad", "test")) {
      assertThatThrownBy(() -> writer.add(zhang.withNoteFacts(List.of(elsewhere))))
          .isInstanceOf(TianshuException.class)
          .hasMessageContaining("DOC-NOT-IN-RECORD");
      assertThatThrownBy(() -> writer.add(zhang.withNoteFacts(List.of(f, f))))
          .isInstanceOf(TianshuException.class)
          .hasMessageContaining(f.id());
    }
  }

  @Test
  void factsComeBackInTimeOrderWhateverTheInputOrder() {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    PatientRecord shuffled =
        new PatientRecord(
            zhang.patient(),
            reversed(zhang.encounters()),
            zhang.diagnoses(),
            zhang.operations(),
            reversed(zhang.orders()),
            reversed(zhang.administrations()),
            zhang.labs(),
            reversed(zhang.vitals()),
            zhang.exams(),
            reversed(zhang.documents()),
            reversed(zhang.noteFacts()));
    load(Fixtures.BATCH, List.of(shuffled));

    PatientRecord read = store.readPatient("P000101").orElseThrow();
    assertThat(read.encounters()).isEqualTo(zhang.encounters());
    assertThat(read.orders()).isEqualTo(zhang.orders());
    assertThat(read.documents()).isEqualTo(zhang.documents());
    // equal times keep the input order: the two vitals at 10:45 come back reversed, as given
    assertThat(read.vitals())
        .extracting(v -> v.id())
        .containsExactly("V000101-2", "V000101-1", "V000101-3");
    // note facts are timed by their document; those of one document keep the input order
    assertThat(read.noteFacts())
        .extracting(NoteFact::surface)
        .containsExactly("右股骨颈骨折", "脑梗死", "高血压", "头痛", "全髋关节置换术");
  }

  @Test
  void theFullIdNumberIsNeverStored() {
    load(Fixtures.BATCH, Fixtures.all());
    long leaks =
        store.inTransaction(
            connection -> {
              try (PreparedStatement find =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM patient WHERE id_number_hash = ? OR id_number_masked = ?")) {
                find.setString(1, "110101195603141234");
                find.setString(2, "110101195603141234");
                try (ResultSet rs = find.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
    assertThat(leaks).isZero();
  }

  @Test
  void searchFindsPatientsByNameMrnIdNumberDepartmentAndDates() {
    load(Fixtures.BATCH, Fixtures.all());

    assertThat(ids(query("张", null, null, null))).containsExactly("P000101");
    assertThat(ids(query("王小", null, null, null))).containsExactly("P000103");
    assertThat(ids(query("BA2024000102", null, null, null))).containsExactly("P000102");
    assertThat(ids(query("BA20240001", null, null, null))).as("MRN matches exactly").isEmpty();
    assertThat(ids(query("110101195603141234", null, null, null))).containsExactly("P000101");
    assertThat(ids(query("44030519381102002X", null, null, null))).containsExactly("P000102");
    assertThat(ids(query("110101", null, null, null))).as("ID number matches exactly").isEmpty();
    assertThat(ids(query("%", null, null, null))).as("LIKE wildcards are literal").isEmpty();
    assertThat(ids(query(null, "骨科", null, null))).containsExactly("P000101");
    assertThat(ids(query(null, "重症医学科", null, null))).as("by encounter department").isEmpty();
    assertThat(ids(query(null, null, LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 31))))
        .containsExactly("P000102");
    assertThat(ids(query(null, null, null, LocalDate.of(2024, 3, 10))))
        .containsExactly("P000101", "P000102");
    assertThat(ids(query(null, null, LocalDate.of(2024, 4, 1), null))).containsExactly("P000103");
    assertThat(ids(query("张", "心血管内科", null, null))).isEmpty();
    assertThat(ids(query(null, "骨科", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2))))
        .as("department and dates hold for one encounter")
        .containsExactly("P000101");
    assertThat(ids(query(null, "骨科", LocalDate.of(2024, 2, 21), LocalDate.of(2024, 3, 1))))
        .isEmpty();
  }

  @Test
  void searchPagesInPatientIdOrderWithSummaries() {
    load(Fixtures.BATCH, Fixtures.all());

    PatientPage first = store.searchPatients(new PatientQuery(null, null, null, null, 0, 2));
    PatientPage second = store.searchPatients(new PatientQuery(null, null, null, null, 2, 2));

    assertThat(first.total()).isEqualTo(3);
    assertThat(first.items()).extracting(PatientSummary::id).containsExactly("P000101", "P000102");
    assertThat(second.total()).isEqualTo(3);
    assertThat(second.items()).extracting(PatientSummary::id).containsExactly("P000103");
    PatientSummary zhang = first.items().get(0);
    assertThat(zhang.name()).isEqualTo("张三");
    assertThat(zhang.mrn()).isEqualTo("BA2024000101");
    assertThat(zhang.idNumberMasked()).isEqualTo("110101********1234");
    assertThat(zhang.birthDate()).isEqualTo(LocalDate.of(1956, 3, 14));
    assertThat(zhang.encounterCount()).isEqualTo(2);
    assertThat(zhang.lastDepartment()).isEqualTo("骨科");
    assertThat(zhang.lastAdmittedAt()).isEqualTo(LocalDateTime.of(2024, 3, 2, 10, 30));
    assertThat(second.items().get(0).idNumberMasked()).isNull();
  }

  @Test
  void countsDepartmentsAndActivity() {
    List<PatientRecord> records = Fixtures.all();
    load(Fixtures.BATCH, records);

    long facts = records.stream().mapToLong(PatientRecord::factCount).sum();
    assertThat(store.counts()).isEqualTo(new CdrCounts(3, 4, 4, facts, 5));
    assertThat(store.departments()).containsExactly("儿科", "心血管内科", "骨科");
    assertThat(store.activity())
        .containsExactly(
            new ActivityCount("儿科", YearMonth.of(2024, 4), 1, 0, 1),
            new ActivityCount("心血管内科", YearMonth.of(2024, 3), 1, 1, 0),
            // the death record is written in April for a March admission
            new ActivityCount("心血管内科", YearMonth.of(2024, 4), 0, 0, 1),
            new ActivityCount("骨科", YearMonth.of(2024, 2), 1, 0, 0),
            new ActivityCount("骨科", YearMonth.of(2024, 3), 1, 1, 2));
  }

  @Test
  void anEmptyStoreCountsNothing() {
    assertThat(store.counts()).isEqualTo(new CdrCounts(0, 0, 0, 0, 0));
    assertThat(store.departments()).isEmpty();
    assertThat(store.activity()).isEmpty();
    assertThat(store.searchPatients(PatientQuery.all(10))).isEqualTo(new PatientPage(0, List.of()));
  }

  @Test
  void nothingIsVisibleBeforeCommitAndCloseWithoutCommitRollsBack() throws Exception {
    try (CdrWriter writer = store.writer("abandoned", "test")) {
      Fixtures.all().forEach(writer::add);
    }
    assertThat(store.counts()).isEqualTo(new CdrCounts(0, 0, 0, 0, 0));
    assertThat(store.readPatient("P000101")).isEmpty();

    try (CdrWriter writer = store.writer(Fixtures.BATCH, "test")) {
      Fixtures.all().forEach(writer::add);
      // another thread reads while the batch is open: it must see nothing yet
      assertThat(CompletableFuture.supplyAsync(() -> store.readPatient("P000101")).get()).isEmpty();
      writer.commit();
    }
    assertThat(store.readPatient("P000101")).isPresent();
    assertThat(store.counts().patients()).isEqualTo(3);
  }

  @Test
  void committingABatchIdAgainChangesNothing() {
    LoadSummary first = load(Fixtures.BATCH, Fixtures.all());
    CdrCounts counts = store.counts();

    LoadSummary again = load(Fixtures.BATCH, Fixtures.all());

    assertThat(again).isEqualTo(first);
    assertThat(store.counts()).isEqualTo(counts);
    assertThat(store.readPatient("P000102"))
        .contains(Fixtures.asStored(Fixtures.load(Fixtures.LI_SI)));
  }

  @Test
  void loadingAPatientAgainReplacesTheWholeRecord() {
    load(Fixtures.BATCH, Fixtures.all());
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    PatientRecord onlyTheOutpatientVisit =
        new PatientRecord(
            zhang.patient(),
            zhang.encounters().subList(0, 1),
            zhang.diagnoses().subList(0, 1),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());

    load(Fixtures.BATCH, List.of(onlyTheOutpatientVisit)); // same batch id: a no-op
    assertThat(store.readPatient("P000101")).contains(Fixtures.asStored(zhang));

    // a new batch: the stored provenance names it, so compare through a fresh reading of the
    // fixture
    try (CdrWriter writer = store.writer("second-batch", "test")) {
      writer.add(onlyTheOutpatientVisit);
      writer.commit();
    }
    PatientRecord read = store.readPatient("P000101").orElseThrow();
    assertThat(read.encounters()).hasSize(1);
    assertThat(read.diagnoses()).hasSize(1);
    assertThat(read.documents()).isEmpty();
    assertThat(read.noteFacts()).as("note facts are replaced with the record").isEmpty();
    assertThat(store.counts().noteFacts()).isZero();
    assertThat(read.encounters().get(0).provenance().batchId()).isEqualTo("second-batch");
    assertThat(store.counts().patients()).isEqualTo(3);
    assertThat(store.counts().documents()).isEqualTo(2);
    assertThat(store.readPatient("P000102"))
        .contains(Fixtures.asStored(Fixtures.load(Fixtures.LI_SI)));
  }

  @Test
  void aRecordReadBackAndLoadedAgainKeepsItsIdNumberHash() {
    load(Fixtures.BATCH, Fixtures.all());
    PatientRecord stored = store.readPatient("P000101").orElseThrow();

    try (CdrWriter writer = store.writer("reloaded", "test")) {
      writer.add(stored);
      writer.commit();
    }

    assertThat(ids(query("110101195603141234", null, null, null))).containsExactly("P000101");
    assertThat(store.readPatient("P000101").orElseThrow().patient().idNumber())
        .isEqualTo("110101********1234");
  }

  @Test
  void aRemovedPatientLeavesNoRowInAnyTable() {
    load(Fixtures.BATCH, Fixtures.all());
    CdrCounts before = store.counts();
    PatientRecord li = Fixtures.load(Fixtures.LI_SI);

    try (CdrWriter writer = store.writer("merge", "test")) {
      writer.remove("P000102");
      writer.remove("nobody");
      assertThatThrownBy(() -> writer.add(li)).isInstanceOf(TianshuException.class);
      writer.commit();
    }

    assertThat(store.readPatient("P000102")).isEmpty();
    assertThat(store.counts().patients()).isEqualTo(before.patients() - 1);
    assertThat(store.counts().facts()).isEqualTo(before.facts() - li.factCount());
    long leftovers =
        store.inTransaction(
            connection -> {
              try (ResultSet rs =
                  connection
                      .createStatement()
                      .executeQuery(
                          "SELECT (SELECT COUNT(*) FROM patient_identifier WHERE patient_id = 'P000102')"
                              + " + (SELECT COUNT(*) FROM note_fact WHERE patient_id = 'P000102')"
                              + " + (SELECT COUNT(*) FROM clinical_document WHERE patient_id = 'P000102')")) {
                rs.next();
                return rs.getLong(1);
              }
            });
    assertThat(leftovers).isZero();
    assertThat(store.readPatient("P000101"))
        .contains(Fixtures.asStored(Fixtures.load(Fixtures.ZHANG_SAN)));
  }

  @Test
  void workCommittedWithTheBatchIsDurableWithItOrRolledBackWithIt() {
    try (CdrWriter writer = store.writer("with-work", "test")) {
      writer.add(Fixtures.load(Fixtures.LI_SI));
      writer.commit(connection -> insertUser(connection, "steward"));
    }
    assertThat(store.readPatient("P000102")).isPresent();
    assertThat(users()).isEqualTo(1);

    try (CdrWriter writer = store.writer("failing-work", "test")) {
      writer.add(Fixtures.load(Fixtures.ZHANG_SAN));
      assertThatThrownBy(
              () ->
                  writer.commit(
                      connection -> {
                        insertUser(connection, "second");
                        throw new java.sql.SQLException("refused by the work");
                      }))
          .isInstanceOf(TianshuException.class)
          .hasMessageContaining("refused by the work");
    }
    assertThat(store.readPatient("P000101")).as("the batch rolled back with its work").isEmpty();
    assertThat(users()).isEqualTo(1);
  }

  private static int insertUser(java.sql.Connection connection, String name)
      throws java.sql.SQLException {
    try (PreparedStatement user =
        connection.prepareStatement(
            "INSERT INTO app_user (username, display_name, password_hash, roles, enabled, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      user.setString(1, name);
      user.setString(2, name);
      user.setString(3, "{noop}x");
      user.setString(4, "DATA_STEWARD");
      user.setBoolean(5, true);
      user.setObject(6, LocalDateTime.of(2024, 1, 1, 8, 0));
      return user.executeUpdate();
    }
  }

  private long users() {
    return store.inTransaction(
        connection -> {
          try (ResultSet rs =
              connection.createStatement().executeQuery("SELECT COUNT(*) FROM app_user")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Test
  void oneWriterAtATime() {
    try (CdrWriter writer = store.writer("first", "test")) {
      assertThatThrownBy(() -> store.writer("second", "test"))
          .isInstanceOfSatisfying(
              TianshuException.class,
              e -> assertThat(e.errorCode()).isEqualTo(StoreErrors.LOAD_FAILED));
    }
    store.writer("third", "test").close();
  }

  @Test
  void aPatientTwiceInOneBatchIsRefused() {
    try (CdrWriter writer = store.writer("dup", "test")) {
      writer.add(Fixtures.load(Fixtures.LI_SI));
      assertThatThrownBy(() -> writer.add(Fixtures.load(Fixtures.LI_SI)))
          .isInstanceOf(TianshuException.class)
          .hasMessageContaining("P000102");
    }
  }

  @Test
  void reopeningKeepsDataAndMigrationsAreIdempotent() {
    load(Fixtures.BATCH, Fixtures.all());
    store.close();
    store = reopen();
    store.close();
    store = reopen();

    assertThat(store.counts().patients()).isEqualTo(3);
    assertThat(store.readPatient("P000103"))
        .contains(Fixtures.asStored(Fixtures.load(Fixtures.WANG_XIAOMING)));
    assertThat(schemaVersions()).isEqualTo(DuckDbMigrations.scripts().size());
  }

  /** Number of applied schema versions, from the engine's history table. */
  abstract long schemaVersions();

  /** Removes {@code version} from the engine's history table, as if it had never been applied. */
  abstract void forgetSchemaVersion(Connection connection, int version) throws SQLException;

  @Test
  void noteFactValuesAndCodesComeBackAsWritten() {
    load(Fixtures.BATCH, Fixtures.all());

    List<NoteFact> facts = store.readPatient("P000101").orElseThrow().noteFacts();

    NoteFact hypertension = facts.get(1);
    assertThat(hypertension.surface()).isEqualTo("高血压");
    assertThat(hypertension.value()).isEqualTo("10年");
    assertThat(hypertension.numericValue()).isEqualTo(10.0);
    assertThat(hypertension.unit()).isEqualTo("年");
    assertThat(hypertension.code()).isEqualTo(Code.of(CodeSystem.ICD10, "I10", "高血压"));
    assertThat(hypertension.codeMatch()).isEqualTo(CodeMatch.EXACT);
    assertThat(hypertension.codeConfidence()).isEqualTo(1.0);
    assertThat(facts.get(0).value()).isNull();
    assertThat(facts.get(0).code()).isNull();
    assertThat(facts.get(0).codeMatch()).isNull();
    assertThat(facts.get(0).codeConfidence()).isNull();
    assertThat(facts.get(0).numericValue()).isNull();
    assertThat(facts.get(0).unit()).isNull();
  }

  @Test
  void aFuzzyOrSynonymCodeComesBackWithItsKindAndConfidence() {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    List<NoteFact> facts = new ArrayList<>(zhang.noteFacts());
    facts.set(
        1,
        withCode(facts.get(1), Code.of(CodeSystem.ICD10, "I10", "原发性高血压"), CodeMatch.FUZZY, 0.62));
    facts.set(
        2,
        withCode(facts.get(2), Code.of(CodeSystem.ICD10, "I63.9", "脑梗死"), CodeMatch.SYNONYM, 0.9));
    load(Fixtures.BATCH, List.of(zhang.withNoteFacts(facts)));

    List<NoteFact> read = store.readPatient("P000101").orElseThrow().noteFacts();

    assertThat(read).isEqualTo(facts);
    assertThat(read.get(1).codeMatch()).isEqualTo(CodeMatch.FUZZY);
    assertThat(read.get(1).codeConfidence()).isEqualTo(0.62);
    assertThat(read.get(2).codeMatch()).isEqualTo(CodeMatch.SYNONYM);
    assertThat(read.get(2).codeConfidence()).isEqualTo(0.9);
  }

  @Test
  void aStoreOfSchemaVersion6KeepsItsCodesVitalSignsAsExactOthersOfUnknownMatch() {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    List<NoteFact> facts = new ArrayList<>(zhang.noteFacts());
    NoteFact disease = facts.get(1);
    NoteFact vital =
        new NoteFact(
            disease.id() + ":vital",
            disease.patientId(),
            disease.encounterId(),
            disease.documentId(),
            disease.start(),
            disease.end(),
            "vital",
            disease.surface(),
            "8310-5",
            false,
            false,
            false,
            false,
            null,
            disease.documentedAt(),
            disease.pipeline(),
            "36.5°C",
            36.5,
            "°C",
            Code.of(CodeSystem.LOINC, "8310-5", "体温"),
            CodeMatch.EXACT,
            1.0);
    facts.add(2, vital);
    load(Fixtures.BATCH, List.of(zhang.withNoteFacts(facts)));
    // Take the database back to what a release before V7 wrote: codes without how they were found.
    store.inTransaction(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE note_fact DROP COLUMN std_match_kind");
            statement.execute("ALTER TABLE note_fact DROP COLUMN std_confidence");
          }
          forgetSchemaVersion(connection, 7);
          return null;
        });
    store.close();
    store = reopen();

    assertThat(schemaVersions()).isEqualTo(DuckDbMigrations.scripts().size());
    List<NoteFact> read = store.readPatient("P000101").orElseThrow().noteFacts();
    assertThat(read).hasSize(6);
    assertThat(read.get(2)).isEqualTo(vital);
    // A code found before V7 stays, its match kind and confidence unknown.
    assertThat(read.get(1).code()).isEqualTo(facts.get(1).code()).isNotNull();
    assertThat(read.get(1).codeMatch()).isNull();
    assertThat(read.get(1).codeConfidence()).isNull();
    assertThat(read.get(1).value()).isEqualTo("10年");
    load("after-upgrade", List.of(zhang));
    assertThat(store.readPatient("P000101").orElseThrow().noteFacts()).isEqualTo(zhang.noteFacts());
  }

  private static NoteFact withCode(NoteFact f, Code code, CodeMatch match, double confidence) {
    return new NoteFact(
        f.id(),
        f.patientId(),
        f.encounterId(),
        f.documentId(),
        f.start(),
        f.end(),
        f.type(),
        f.surface(),
        f.concept(),
        f.negated(),
        f.uncertain(),
        f.historical(),
        f.family(),
        f.section(),
        f.documentedAt(),
        f.pipeline(),
        f.value(),
        f.numericValue(),
        f.unit(),
        code,
        match,
        confidence);
  }

  @Test
  void aStoreOfSchemaVersion5KeepsItsNoteFactsAndThenStoresValuesAndCodes() {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    PatientRecord before =
        zhang.withNoteFacts(zhang.noteFacts().stream().map(f -> withoutValueOrCode(f)).toList());
    load(Fixtures.BATCH, List.of(before));
    // Take the database back to what a release before V6 wrote.
    store.inTransaction(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE note_fact DROP COLUMN text_value");
            statement.execute("ALTER TABLE note_fact DROP COLUMN numeric_value");
            statement.execute("ALTER TABLE note_fact DROP COLUMN unit");
            statement.execute("ALTER TABLE note_fact DROP COLUMN std_system");
            statement.execute("ALTER TABLE note_fact DROP COLUMN std_code");
            statement.execute("ALTER TABLE note_fact DROP COLUMN std_display");
            // V7 adds columns beside V6's: it goes with them.
            statement.execute("ALTER TABLE note_fact DROP COLUMN std_match_kind");
            statement.execute("ALTER TABLE note_fact DROP COLUMN std_confidence");
          }
          forgetSchemaVersion(connection, 6);
          forgetSchemaVersion(connection, 7);
          return null;
        });
    store.close();
    store = reopen();

    assertThat(schemaVersions()).isEqualTo(DuckDbMigrations.scripts().size());
    assertThat(store.readPatient("P000101").orElseThrow().noteFacts())
        .hasSize(5)
        .isEqualTo(before.noteFacts());
    load("after-upgrade", List.of(zhang));
    assertThat(store.readPatient("P000101").orElseThrow().noteFacts())
        .isEqualTo(zhang.noteFacts())
        .anySatisfy(f -> assertThat(f.numericValue()).isEqualTo(10.0))
        .anySatisfy(f -> assertThat(f.code()).isNotNull());
  }

  private static NoteFact withoutValueOrCode(NoteFact f) {
    return new NoteFact(
        f.id(),
        f.patientId(),
        f.encounterId(),
        f.documentId(),
        f.start(),
        f.end(),
        f.type(),
        f.surface(),
        f.concept(),
        f.negated(),
        f.uncertain(),
        f.historical(),
        f.family(),
        f.section(),
        f.documentedAt(),
        f.pipeline());
  }

  @Test
  void serverTablesWorkThroughInTransactionAndFailuresRollBack() {
    store.inTransaction(
        connection -> {
          try (PreparedStatement user =
              connection.prepareStatement(
                  "INSERT INTO app_user (username, display_name, password_hash, roles, enabled, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            user.setString(1, "admin");
            user.setString(2, "管理员");
            user.setString(3, "{bcrypt}$2a$10$x");
            user.setString(4, "ADMIN,DATA_STEWARD");
            user.setBoolean(5, true);
            user.setObject(6, LocalDateTime.of(2024, 1, 1, 8, 0));
            return user.executeUpdate();
          }
        });
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    connection -> {
                      try (PreparedStatement audit =
                          connection.prepareStatement(
                              "INSERT INTO audit_log (seq, \"at\", username, action, patient_id, endpoint,"
                                  + " detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        audit.setLong(1, 1);
                        audit.setObject(2, LocalDateTime.of(2024, 1, 1, 8, 5));
                        audit.setString(3, "admin");
                        audit.setString(4, "READ_PATIENT");
                        audit.setString(5, "P000101");
                        audit.setString(6, "/api/patients/P000101");
                        audit.setString(7, null);
                        audit.setString(8, "0");
                        audit.setString(9, "abc");
                        audit.executeUpdate();
                      }
                      try (PreparedStatement bad =
                          connection.prepareStatement("SELECT no_such_column FROM app_user")) {
                        bad.executeQuery();
                      }
                      return null;
                    }))
        .isInstanceOfSatisfying(
            TianshuException.class,
            e -> assertThat(e.errorCode()).isEqualTo(StoreErrors.QUERY_FAILED));

    long[] rows =
        store.inTransaction(
            connection -> {
              long[] out = new long[2];
              try (ResultSet rs =
                  connection
                      .createStatement()
                      .executeQuery("SELECT COUNT(*) FROM app_user WHERE enabled")) {
                rs.next();
                out[0] = rs.getLong(1);
              }
              try (ResultSet rs =
                  connection.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log")) {
                rs.next();
                out[1] = rs.getLong(1);
              }
              return out;
            });
    assertThat(rows).containsExactly(1, 0);
  }

  private PatientQuery query(String text, String department, LocalDate from, LocalDate to) {
    return new PatientQuery(text, department, from, to, 0, 50);
  }

  private List<String> ids(PatientQuery query) {
    PatientPage page = store.searchPatients(query);
    assertThat(page.total()).isEqualTo(page.items().size());
    return page.items().stream().map(PatientSummary::id).toList();
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new java.util.ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
