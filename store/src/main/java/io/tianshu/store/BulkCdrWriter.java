package io.tianshu.store;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The bulk writer shared by both engines. {@link #add} spools rows to one CSV file per table;
 * {@link #commit} loads every file through the engine's fast path, replaces earlier versions of the
 * batch's patients and records the batch in {@code load_batch}, all in one transaction.
 *
 * <p>Re-loading a patient replaces the patient's whole record (every table), so loading a record
 * twice equals loading it once. Committing a batch id that is already in {@code load_batch} is a
 * no-op that returns the first commit's summary; nothing is written twice.
 *
 * <p>Every stored row's {@link Provenance#batchId()} is this writer's batch id: the store is what
 * knows which load brought a row. Timestamps are kept to the microsecond.
 */
final class BulkCdrWriter implements CdrWriter {

  private final StoreEngine engine;
  private final Connection connection;
  private final IdNumberProtection idNumbers;
  private final String batchId;
  private final String sourceSystem;
  private final Runnable onClose;
  private final long started = System.nanoTime();
  private final long firstKey;
  private final Optional<LoadSummary> alreadyCommitted;
  private final Path directory;
  private final Map<CdrTable, CsvTableFile> files = new EnumMap<>(CdrTable.class);
  private final Set<String> patientIds = new HashSet<>();
  private final Set<String> removals = new HashSet<>();
  private boolean keepsStoredIdHashes;
  private long nextKey;
  private long documents;
  private long facts;
  private long noteFacts;
  private boolean finished;
  private boolean closed;

  BulkCdrWriter(
      StoreEngine engine,
      Connection connection,
      IdNumberProtection idNumbers,
      String batchId,
      String sourceSystem,
      Runnable onClose)
      throws SQLException, IOException {
    this.engine = engine;
    this.connection = connection;
    this.idNumbers = idNumbers;
    this.batchId = batchId;
    this.sourceSystem = sourceSystem;
    this.onClose = onClose;
    this.alreadyCommitted = committedSummary();
    this.firstKey = maxPatientKey() + 1;
    this.nextKey = firstKey;
    connection.rollback(); // end the read transaction; commit() starts the load's own
    this.directory = Files.createTempDirectory("tianshu-load-");
    for (CdrTable table : CdrTable.values()) {
      files.put(table, new CsvTableFile(table, directory));
    }
  }

  @Override
  public void add(PatientRecord record) {
    if (finished) {
      throw new IllegalStateException("load batch " + batchId + " is already committed or closed");
    }
    Patient patient = record.patient();
    if (patientIds.contains(patient.id())) {
      throw invalid("patient " + patient.id() + " was added twice to load batch " + batchId);
    }
    if (removals.contains(patient.id())) {
      throw invalid("patient " + patient.id() + " is removed by load batch " + batchId);
    }
    checkBelongs(record); // before registering the patient: a refused record leaves no trace
    patientIds.add(patient.id());
    if (alreadyCommitted.isPresent()) {
      return; // the batch is already in the store; commit() will be a no-op
    }
    long key = nextKey++;
    writePatient(key, patient);
    writeEncounters(key, record.encounters());
    writeDiagnoses(key, sorted(record.diagnoses(), Diagnosis::diagnosedAt));
    writeOperations(key, sorted(record.operations(), Operation::startedAt));
    writeOrders(key, sorted(record.orders(), MedicationOrder::startAt));
    writeAdministrations(
        key, sorted(record.administrations(), MedicationAdministration::administeredAt));
    writeLabs(key, sorted(record.labs(), LabResult::collectedAt));
    writeVitals(key, sorted(record.vitals(), VitalSign::measuredAt));
    writeExams(key, sorted(record.exams(), ExamReport::examinedAt));
    writeDocuments(key, sorted(record.documents(), ClinicalDocument::createdAt));
    writeNoteFacts(key, sorted(record.noteFacts(), NoteFact::documentedAt));
    documents += record.documents().size();
    facts += record.factCount();
    noteFacts += record.noteFacts().size();
  }

  @Override
  public void remove(String patientId) {
    if (finished) {
      throw new IllegalStateException("load batch " + batchId + " is already committed or closed");
    }
    if (patientId == null || patientId.isBlank()) {
      throw invalid("a patient id to remove is required");
    }
    if (patientIds.contains(patientId)) {
      throw invalid("patient " + patientId + " is added to load batch " + batchId);
    }
    removals.add(patientId);
  }

  @Override
  public LoadSummary commit() {
    return commit(connection -> null);
  }

  @Override
  public LoadSummary commit(SqlWork<?> inSameTransaction) {
    if (finished) {
      throw new IllegalStateException("load batch " + batchId + " is already committed or closed");
    }
    finished = true;
    try {
      closeFiles();
      if (alreadyCommitted.isPresent()) {
        return alreadyCommitted.get();
      }
      engine.lockForLoad(connection);
      Optional<LoadSummary> raced = committedSummary();
      if (raced.isPresent()) {
        connection.rollback();
        return raced.get();
      }
      if (maxPatientKey() >= firstKey) {
        throw new TianshuException(
            StoreErrors.LOAD_FAILED,
            "Load batch "
                + batchId
                + " overlapped another process's load into "
                + engine.describe()
                + "; run it again.");
      }
      long rows = 0;
      for (CsvTableFile file : files.values()) {
        if (file.rows() > 0) {
          engine.bulkLoad(connection, file);
          rows += file.rows();
        }
      }
      if (keepsStoredIdHashes) {
        keepStoredIdHashes();
      }
      replaceEarlierVersions();
      removePatients();
      LoadSummary summary =
          new LoadSummary(
              batchId,
              patientIds.size(),
              documents,
              facts,
              noteFacts,
              rows,
              (System.nanoTime() - started) / 1_000_000);
      recordBatch(summary);
      inSameTransaction.run(connection);
      connection.commit();
      return summary;
    } catch (SQLException | IOException | UncheckedIOException e) {
      rollbackQuietly();
      throw new TianshuException(
          StoreErrors.LOAD_FAILED,
          "Load batch "
              + batchId
              + " into "
              + engine.describe()
              + " failed and was rolled back: "
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      rollbackQuietly();
      throw e;
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    finished = true;
    rollbackQuietly();
    closeFiles();
    try (Stream<Path> paths = Files.list(directory)) {
      for (Path path : paths.toList()) {
        Files.deleteIfExists(path);
      }
      Files.deleteIfExists(directory);
    } catch (IOException ignored) {
      // a leftover temp file is harmless; the data are rolled back either way
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
    onClose.run();
  }

  /**
   * The batch's patients got fresh keys above every existing one, so rows of earlier versions are
   * those of the same patient ids with smaller keys. Deleting them after the load keeps the new
   * rows in key order on disk and skips all deletes when no patient was loaded before (the common
   * first load).
   */
  private void replaceEarlierVersions() throws SQLException {
    String earlier =
        "SELECT o.patient_key FROM patient o WHERE o.patient_key < ? AND o.id IN"
            + " (SELECT n.id FROM patient n WHERE n.patient_key >= ?)";
    try (PreparedStatement count =
        connection.prepareStatement("SELECT COUNT(*) FROM (" + earlier + ") x")) {
      count.setLong(1, firstKey);
      count.setLong(2, firstKey);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return;
        }
      }
    }
    List<CdrTable> tables = new ArrayList<>(List.of(CdrTable.values()));
    tables.remove(CdrTable.PATIENT);
    tables.add(CdrTable.PATIENT); // last: the subquery reads the old patient rows
    for (CdrTable table : tables) {
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM " + table.sqlName() + " WHERE patient_key IN (" + earlier + ")")) {
        delete.setLong(1, firstKey);
        delete.setLong(2, firstKey);
        delete.executeUpdate();
      }
    }
  }

  /**
   * A record read back from the store carries the masked ID number only (the store keeps a keyed
   * hash, not the number). When such a record is loaded again — ingest merges a message into the
   * stored record and writes it back — the new row keeps the stored hash of the same patient rather
   * than a hash of the masked text, which would no longer find the patient by ID number.
   */
  private void keepStoredIdHashes() throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE patient SET id_number_hash = (SELECT o.id_number_hash FROM patient o"
                + " WHERE o.id = patient.id AND o.patient_key < ?"
                + " AND o.id_number_masked = patient.id_number_masked"
                + " ORDER BY o.patient_key DESC LIMIT 1)"
                + " WHERE patient_key >= ? AND id_number_hash IS NULL AND id_number_masked IS NOT NULL")) {
      update.setLong(1, firstKey);
      update.setLong(2, firstKey);
      update.executeUpdate();
    }
  }

  /**
   * Deletes the stored rows of the removed patients from every table, by patient key (indexed on
   * PostgreSQL, zone maps on DuckDB), the patient row last.
   */
  private void removePatients() throws SQLException {
    if (removals.isEmpty()) {
      return;
    }
    List<Long> keys = new ArrayList<>();
    try (PreparedStatement find =
        connection.prepareStatement(
            "SELECT patient_key FROM patient WHERE id = ? AND patient_key < ?")) {
      for (String patientId : removals) {
        find.setString(1, patientId);
        find.setLong(2, firstKey);
        try (ResultSet rs = find.executeQuery()) {
          while (rs.next()) {
            keys.add(rs.getLong(1));
          }
        }
      }
    }
    List<CdrTable> tables = new ArrayList<>(List.of(CdrTable.values()));
    tables.remove(CdrTable.PATIENT);
    tables.add(CdrTable.PATIENT);
    for (CdrTable table : tables) {
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM " + table.sqlName() + " WHERE patient_key = ?")) {
        for (long key : keys) {
          delete.setLong(1, key);
          delete.executeUpdate();
        }
      }
    }
  }

  private void recordBatch(LoadSummary summary) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO load_batch (batch_id, source_system, committed_at, patients, documents, facts,"
                + " note_facts, rows_written, millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, batchId);
      insert.setString(2, sourceSystem);
      insert.setObject(3, LocalDateTime.now());
      insert.setLong(4, summary.patients());
      insert.setLong(5, summary.documents());
      insert.setLong(6, summary.facts());
      insert.setLong(7, summary.noteFacts());
      insert.setLong(8, summary.rows());
      insert.setLong(9, summary.millis());
      insert.executeUpdate();
    }
  }

  private Optional<LoadSummary> committedSummary() throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement(
            "SELECT patients, documents, facts, note_facts, rows_written, millis FROM load_batch"
                + " WHERE batch_id = ?")) {
      find.setString(1, batchId);
      try (ResultSet rs = find.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LoadSummary(
                batchId,
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6)));
      }
    }
  }

  private long maxPatientKey() throws SQLException {
    try (PreparedStatement max =
            connection.prepareStatement("SELECT MAX(patient_key) FROM patient");
        ResultSet rs = max.executeQuery()) {
      rs.next();
      return rs.getLong(1); // 0 when empty
    }
  }

  private void checkBelongs(PatientRecord record) {
    String id = record.patient().id();
    Stream<String> owners =
        Stream.of(
                record.encounters().stream().map(Encounter::patientId),
                record.diagnoses().stream().map(Diagnosis::patientId),
                record.operations().stream().map(Operation::patientId),
                record.orders().stream().map(MedicationOrder::patientId),
                record.administrations().stream().map(MedicationAdministration::patientId),
                record.labs().stream().map(LabResult::patientId),
                record.vitals().stream().map(VitalSign::patientId),
                record.exams().stream().map(ExamReport::patientId),
                record.documents().stream().map(ClinicalDocument::patientId),
                record.noteFacts().stream().map(NoteFact::patientId))
            .flatMap(Function.identity());
    owners
        .filter(owner -> !owner.equals(id))
        .findFirst()
        .ifPresent(
            owner -> {
              throw invalid("the record of patient " + id + " contains a fact of patient " + owner);
            });
    for (Encounter encounter : record.encounters()) {
      for (Transfer transfer : encounter.transfers()) {
        if (!transfer.encounterId().equals(encounter.id())) {
          throw invalid(
              "transfer " + transfer.id() + " is filed under encounter " + encounter.id());
        }
      }
    }
    checkNoteFacts(record);
  }

  /**
   * A note fact is read from one of the record's documents and can be rebuilt from it; one that
   * points elsewhere, or repeats an id, would be a fact nobody can trace.
   */
  private static void checkNoteFacts(PatientRecord record) {
    if (record.noteFacts().isEmpty()) {
      return;
    }
    Set<String> documentIds = new HashSet<>();
    record.documents().forEach(d -> documentIds.add(d.id()));
    Set<String> ids = new HashSet<>();
    for (NoteFact f : record.noteFacts()) {
      if (!documentIds.contains(f.documentId())) {
        throw invalid(
            "note fact "
                + f.id()
                + " of patient "
                + f.patientId()
                + " names document "
                + f.documentId()
                + ", which is not in the record");
      }
      if (!ids.add(f.id())) {
        throw invalid("note fact " + f.id() + " appears twice in the record of " + f.patientId());
      }
    }
  }

  private static TianshuException invalid(String message) {
    return new TianshuException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** Time order, ties in input order (List.sort is stable): the order readPatient returns. */
  private static <T> List<T> sorted(List<T> facts, Function<T, LocalDateTime> time) {
    List<T> copy = new ArrayList<>(facts);
    copy.sort(Comparator.comparing(time));
    return copy;
  }

  private CsvTableFile file(CdrTable table) {
    return files.get(table);
  }

  private void writePatient(long key, Patient p) {
    // A masked number is what readPatient returned: the stored hash is kept (keepStoredIdHashes).
    boolean masked = p.idNumber() != null && p.idNumber().contains("*");
    keepsStoredIdHashes |= masked;
    file(CdrTable.PATIENT)
        .num(key)
        .str(p.id())
        .str(p.mrn())
        .str(p.name())
        .enumName(p.sex())
        .date(p.birthDate())
        .str(masked ? null : idNumbers.hash(p.idNumber()))
        .str(masked ? p.idNumber() : IdNumberProtection.mask(p.idNumber()))
        .str(p.phone())
        .str(p.address());
    provenance(file(CdrTable.PATIENT), p.provenance());
    List<PatientIdentifier> identifiers = p.identifiers();
    for (int i = 0; i < identifiers.size(); i++) {
      file(CdrTable.PATIENT_IDENTIFIER)
          .num(key)
          .str(p.id())
          .num(i)
          .str(identifiers.get(i).system())
          .str(identifiers.get(i).value())
          .str(batchId)
          .end();
    }
  }

  private void writeEncounters(long key, List<Encounter> encounters) {
    List<Encounter> inOrder = sorted(encounters, Encounter::admittedAt);
    CsvTableFile out = file(CdrTable.ENCOUNTER);
    int transferOrd = 0;
    for (int i = 0; i < inOrder.size(); i++) {
      Encounter e = inOrder.get(i);
      out.num(key).str(e.patientId()).num(i).str(e.id()).enumName(e.type()).str(e.department());
      out.str(e.ward()).time(e.admittedAt()).time(e.dischargedAt()).enumName(e.disposition());
      out.str(e.attendingDoctor());
      provenance(out, e.provenance());
      for (Transfer t : sorted(e.transfers(), Transfer::at)) {
        CsvTableFile tf = file(CdrTable.TRANSFER);
        tf.num(key).str(e.patientId()).str(t.encounterId()).num(transferOrd++).str(t.id());
        tf.str(t.fromDepartment())
            .str(t.fromWard())
            .str(t.toDepartment())
            .str(t.toWard())
            .time(t.at());
        provenance(tf, t.provenance());
      }
    }
  }

  private void writeDiagnoses(long key, List<Diagnosis> diagnoses) {
    CsvTableFile out = file(CdrTable.DIAGNOSIS);
    for (int i = 0; i < diagnoses.size(); i++) {
      Diagnosis d = diagnoses.get(i);
      out.num(key).str(d.patientId()).str(d.encounterId()).num(i).str(d.id()).enumName(d.kind());
      out.bool(d.main());
      code(out, d.code()).time(d.diagnosedAt());
      provenance(out, d.provenance());
    }
  }

  private void writeOperations(long key, List<Operation> operations) {
    CsvTableFile out = file(CdrTable.OPERATION);
    for (int i = 0; i < operations.size(); i++) {
      Operation o = operations.get(i);
      out.num(key).str(o.patientId()).str(o.encounterId()).num(i).str(o.id());
      code(out, o.code())
          .time(o.startedAt())
          .time(o.endedAt())
          .str(o.surgeon())
          .str(o.anaesthesia());
      out.str(o.incisionClass()).num(o.level());
      provenance(out, o.provenance());
    }
  }

  private void writeOrders(long key, List<MedicationOrder> orders) {
    CsvTableFile out = file(CdrTable.MEDICATION_ORDER);
    for (int i = 0; i < orders.size(); i++) {
      MedicationOrder o = orders.get(i);
      out.num(key)
          .str(o.patientId())
          .str(o.encounterId())
          .num(i)
          .str(o.id())
          .enumName(o.category());
      code(out, o.item()).num(o.dose()).str(o.doseUnit()).str(o.route()).str(o.frequency());
      out.bool(o.longTerm()).time(o.startAt()).time(o.stopAt()).str(o.orderingDoctor());
      provenance(out, o.provenance());
    }
  }

  private void writeAdministrations(long key, List<MedicationAdministration> administrations) {
    CsvTableFile out = file(CdrTable.MEDICATION_ADMINISTRATION);
    for (int i = 0; i < administrations.size(); i++) {
      MedicationAdministration a = administrations.get(i);
      out.num(key).str(a.patientId()).str(a.encounterId()).num(i).str(a.id()).str(a.orderId());
      code(out, a.item()).num(a.dose()).str(a.doseUnit()).str(a.route()).time(a.administeredAt());
      out.str(a.performer());
      provenance(out, a.provenance());
    }
  }

  private void writeLabs(long key, List<LabResult> labs) {
    CsvTableFile out = file(CdrTable.LAB_RESULT);
    for (int i = 0; i < labs.size(); i++) {
      LabResult l = labs.get(i);
      out.num(key).str(l.patientId()).str(l.encounterId()).num(i).str(l.id()).str(l.panel());
      code(out, l.item()).num(l.numericValue()).str(l.textValue()).str(l.unit());
      out.num(l.referenceLow()).num(l.referenceHigh()).str(l.referenceText()).enumName(l.flag());
      out.str(l.specimen()).time(l.collectedAt()).time(l.reportedAt());
      provenance(out, l.provenance());
    }
  }

  private void writeVitals(long key, List<VitalSign> vitals) {
    CsvTableFile out = file(CdrTable.VITAL_SIGN);
    for (int i = 0; i < vitals.size(); i++) {
      VitalSign v = vitals.get(i);
      out.num(key).str(v.patientId()).str(v.encounterId()).num(i).str(v.id()).enumName(v.type());
      out.num(v.value()).str(v.unit()).str(v.type().loinc()).time(v.measuredAt());
      provenance(out, v.provenance());
    }
  }

  private void writeExams(long key, List<ExamReport> exams) {
    CsvTableFile out = file(CdrTable.EXAM_REPORT);
    for (int i = 0; i < exams.size(); i++) {
      ExamReport x = exams.get(i);
      out.num(key).str(x.patientId()).str(x.encounterId()).num(i).str(x.id()).enumName(x.kind());
      code(out, x.item()).str(x.bodySite()).str(x.findings()).str(x.conclusion());
      out.time(x.examinedAt()).time(x.reportedAt());
      provenance(out, x.provenance());
    }
  }

  private void writeDocuments(long key, List<ClinicalDocument> documents) {
    CsvTableFile out = file(CdrTable.CLINICAL_DOCUMENT);
    for (int i = 0; i < documents.size(); i++) {
      ClinicalDocument d = documents.get(i);
      out.num(key).str(d.patientId()).str(d.encounterId()).num(i).str(d.id()).enumName(d.type());
      out.str(d.title()).str(d.author()).time(d.eventAt()).time(d.createdAt()).time(d.signedAt());
      out.str(d.text());
      provenance(out, d.provenance());
    }
  }

  private void writeNoteFacts(long key, List<NoteFact> noteFacts) {
    CsvTableFile out = file(CdrTable.NOTE_FACT);
    for (int i = 0; i < noteFacts.size(); i++) {
      NoteFact f = noteFacts.get(i);
      out.num(key).str(f.patientId()).str(f.encounterId()).str(f.documentId()).num(i).str(f.id());
      out.num(f.start()).num(f.end()).str(f.type()).str(f.surface()).str(f.concept());
      out.bool(f.negated()).bool(f.uncertain()).bool(f.historical()).bool(f.family());
      out.str(f.section()).time(f.documentedAt()).str(f.pipeline());
      out.str(f.value()).num(f.numericValue()).str(f.unit());
      Code code = f.code();
      if (code == null) {
        out.str(null).str(null).str(null);
      } else {
        out.str(code.system().id()).str(code.code()).str(code.display());
      }
      out.enumName(f.codeMatch()).num(f.codeConfidence());
      out.str(batchId).end();
    }
  }

  private static CsvTableFile code(CsvTableFile out, MappedCode code) {
    Code local = code.local();
    out.str(local.system().id()).str(local.code()).str(local.display());
    Code standard = code.standard();
    if (standard == null) {
      return out.str(null).str(null).str(null);
    }
    return out.str(standard.system().id()).str(standard.code()).str(standard.display());
  }

  /** Writes the provenance columns and ends the row. */
  private void provenance(CsvTableFile out, Provenance provenance) {
    out.str(provenance.sourceSystem()).str(provenance.sourceRecordId()).str(batchId).end();
  }

  private void closeFiles() {
    for (CsvTableFile file : files.values()) {
      file.close();
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is the one worth reporting
    }
  }
}
