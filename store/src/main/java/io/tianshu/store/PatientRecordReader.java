package io.tianshu.store;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeMatch;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.ExamKind;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads one patient's whole record: the patient row by id, then every table by the internal
 * patient_key, each in the order the writer stored (time order, ties in input order, by the ord
 * column). All statements come from the lease's cache, so a read is a dozen executions of
 * already-planned queries. Where the engine's {@link Fork} allows, the heavier half of the tables
 * is read on a second connection meanwhile, and checked to come from the same snapshot (see {@link
 * #consistent}).
 */
final class PatientRecordReader {

  private static final String PROVENANCE = ", source_system, source_record_id";
  private static final String CODE =
      ", local_system, local_code, local_display, std_system, std_code, std_display";

  static final String PATIENT =
      "SELECT patient_key, id, mrn, name, sex, birth_date, id_number_masked, phone, address"
          + PROVENANCE
          + ", batch_id FROM patient WHERE id = ?";
  static final String IDENTIFIERS =
      "SELECT ord, system, value FROM patient_identifier WHERE patient_key = ?";
  static final String ENCOUNTERS =
      "SELECT ord, id, encounter_type, department, ward, admitted_at, discharged_at, disposition,"
          + " attending_doctor"
          + PROVENANCE
          + " FROM encounter WHERE patient_key = ?";
  static final String TRANSFERS =
      "SELECT ord, id, encounter_id, from_department, from_ward, to_department, to_ward, transferred_at"
          + PROVENANCE
          + " FROM transfer WHERE patient_key = ?";
  static final String DIAGNOSES =
      "SELECT ord, id, encounter_id, kind, is_main"
          + CODE
          + ", diagnosed_at"
          + PROVENANCE
          + " FROM diagnosis WHERE patient_key = ?";
  static final String OPERATIONS =
      "SELECT ord, id, encounter_id"
          + CODE
          + ", started_at, ended_at, surgeon, anaesthesia, incision_class, surgical_level"
          + PROVENANCE
          + " FROM operation WHERE patient_key = ?";
  static final String ORDERS =
      "SELECT ord, id, encounter_id, category"
          + CODE
          + ", dose, dose_unit, route, frequency, long_term, start_at, stop_at, ordering_doctor"
          + PROVENANCE
          + " FROM medication_order WHERE patient_key = ?";
  static final String ADMINISTRATIONS =
      "SELECT ord, id, order_id, encounter_id"
          + CODE
          + ", dose, dose_unit, route, administered_at, performer"
          + PROVENANCE
          + " FROM medication_administration WHERE patient_key = ?";
  static final String LABS =
      "SELECT ord, id, encounter_id, panel"
          + CODE
          + ", numeric_value, text_value, unit, reference_low, reference_high, reference_text, flag,"
          + " specimen, collected_at, reported_at"
          + PROVENANCE
          + " FROM lab_result WHERE patient_key = ?";
  static final String VITALS =
      "SELECT ord, id, encounter_id, vital_type, measured_value, measured_at"
          + PROVENANCE
          + " FROM vital_sign WHERE patient_key = ?";
  static final String EXAMS =
      "SELECT ord, id, encounter_id, kind"
          + CODE
          + ", body_site, findings, conclusion, examined_at, reported_at"
          + PROVENANCE
          + " FROM exam_report WHERE patient_key = ?";
  static final String NOTE_FACTS =
      "SELECT ord, id, encounter_id, document_id, start_offset, end_offset, fact_type, surface,"
          + " concept, negated, uncertain, historical, family, section, documented_at, pipeline,"
          + " text_value, numeric_value, unit, std_system, std_code, std_display, std_match_kind,"
          + " std_confidence"
          + " FROM note_fact WHERE patient_key = ?";
  static final String DOCUMENTS =
      "SELECT ord, id, encounter_id, document_type, title, author, event_at, created_at,"
          + " signed_at, content"
          + PROVENANCE
          + " FROM clinical_document WHERE patient_key = ?";

  /**
   * Reads column values left to right, so the mappers below read like the SELECT lists above. The
   * patient id and the batch id are the same on every row of a patient's record (the writer checks
   * that every fact belongs to the record's patient and stamps every row with its batch id, and a
   * re-load replaces the whole record), so they are taken from the patient row instead of being
   * fetched for every fact: in DuckDB each fetched column of a scan costs time, the patient id's
   * dictionary the most.
   */
  private static final class Row {
    private final ResultSet rs;
    private String patientId;
    private String batchId;
    private int column;

    Row(ResultSet rs, String patientId, String batchId) {
      this.rs = rs;
      this.patientId = patientId;
      this.batchId = batchId;
    }

    /** The record's patient id, in the place of the patient_id column that is not fetched. */
    String patientId() {
      return patientId;
    }

    void reset() {
      column = 0;
    }

    /** Switches to another patient's rows (bulk reads carry several patients in one result). */
    void subject(String patientId, String batchId) {
      this.patientId = patientId;
      this.batchId = batchId;
    }

    String str() throws SQLException {
      return rs.getString(++column);
    }

    long lng() throws SQLException {
      return rs.getLong(++column);
    }

    int integer() throws SQLException {
      return rs.getInt(++column);
    }

    boolean bool() throws SQLException {
      return rs.getBoolean(++column);
    }

    Double dbl() throws SQLException {
      double value = rs.getDouble(++column);
      return rs.wasNull() ? null : value;
    }

    LocalDateTime time() throws SQLException {
      return rs.getObject(++column, LocalDateTime.class);
    }

    LocalDate date() throws SQLException {
      return rs.getObject(++column, LocalDate.class);
    }

    <E extends Enum<E>> E enumOf(Class<E> type) throws SQLException {
      String name = str();
      return name == null ? null : Enum.valueOf(type, name);
    }

    /** A standard code's system, code and display; null when the system is. */
    Code standardCode() throws SQLException {
      String system = str();
      String code = str();
      String display = str();
      return system == null ? null : new Code(CodeSystem.fromId(system), code, display);
    }

    MappedCode code() throws SQLException {
      Code local = new Code(CodeSystem.fromId(str()), str(), str());
      String standardSystem = str();
      String standardCode = str();
      String standardDisplay = str();
      Code standard =
          standardSystem == null
              ? null
              : new Code(CodeSystem.fromId(standardSystem), standardCode, standardDisplay);
      return new MappedCode(local, standard);
    }

    Provenance provenance() throws SQLException {
      return new Provenance(str(), str(), batchId);
    }
  }

  private record Ordered<T>(int ord, T value) {}

  /** Whose rows a query fetches: the internal key, and what every row of the record shares. */
  private record Subject(long key, String patientId, String batchId) {}

  @FunctionalInterface
  private interface Mapper<T> {
    T map(Row row) throws SQLException;
  }

  /**
   * The facts read on a second connection: administrations, labs, vitals, exams and documents,
   * about half the work, with the number of committed load batches that connection's snapshot saw.
   */
  record SecondHalf(
      long loadBatches,
      List<MedicationAdministration> administrations,
      List<LabResult> labs,
      List<VitalSign> vitals,
      List<ExamReport> exams,
      List<ClinicalDocument> documents) {}

  /**
   * The read of a {@link SecondHalf}, to be run on another pooled connection in its own
   * transaction.
   */
  @FunctionalInterface
  interface SecondHalfRead {
    SecondHalf run(ConnectionPool.Lease lease) throws SQLException;
  }

  /**
   * Starts a {@link SecondHalfRead} on another thread and connection; empty when none is free, and
   * the reader then reads everything itself.
   */
  @FunctionalInterface
  interface Fork {
    Optional<Future<SecondHalf>> start(SecondHalfRead read);
  }

  /** A fork that never forks: everything is read on the caller's connection. */
  static final Fork SEQUENTIAL = read -> Optional.empty();

  static final String LOAD_BATCHES = "SELECT COUNT(*) FROM load_batch";

  private final ConnectionPool.Lease lease;
  private final Fork fork;
  private Dialect dialect = Dialect.DUCKDB;
  private Set<String> noteConcepts;

  PatientRecordReader(ConnectionPool.Lease lease, Fork fork) {
    this.lease = lease;
    this.fork = fork;
  }

  Optional<PatientRecord> read(String patientId) throws SQLException {
    PreparedStatement find = lease.prepare(PATIENT);
    find.setString(1, patientId);
    long key;
    Patient head;
    try (ResultSet rs = find.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Row r = new Row(rs, null, null);
      key = r.lng();
      head = head(r);
    }
    Subject subject = new Subject(key, patientId, head.provenance().batchId());
    Optional<Future<SecondHalf>> second = fork.start(other -> readSecondHalf(other, subject, true));
    List<PatientIdentifier> identifiers =
        list(lease, IDENTIFIERS, subject, r -> new PatientIdentifier(r.str(), r.str()));
    Patient patient = withIdentifiers(head, identifiers);
    Map<String, List<Transfer>> transfers = new HashMap<>();
    for (Transfer transfer : list(lease, TRANSFERS, subject, PatientRecordReader::transfer)) {
      transfers.computeIfAbsent(transfer.encounterId(), id -> new ArrayList<>()).add(transfer);
    }
    List<Encounter> encounters = list(lease, ENCOUNTERS, subject, r -> encounter(r, transfers));
    List<Diagnosis> diagnoses = list(lease, DIAGNOSES, subject, PatientRecordReader::diagnosis);
    List<Operation> operations = list(lease, OPERATIONS, subject, PatientRecordReader::operation);
    List<MedicationOrder> orders = list(lease, ORDERS, subject, PatientRecordReader::order);
    // Read here rather than forked: the other half (labs, administrations, …) is the heavier one.
    List<NoteFact> noteFacts = list(lease, NOTE_FACTS, subject, PatientRecordReader::noteFact);
    SecondHalf rest =
        second.isPresent()
            ? consistent(join(second.get()), subject)
            : readSecondHalf(lease, subject, false);
    return Optional.of(
        new PatientRecord(
            patient,
            encounters,
            diagnoses,
            operations,
            orders,
            rest.administrations(),
            rest.labs(),
            rest.vitals(),
            rest.exams(),
            rest.documents(),
            noteFacts));
  }

  /**
   * Reads many patients' whole records with one query per table per chunk of ids, instead of a
   * dozen queries per patient: the shape of a ward round or a batch re-assessment. Patients not
   * found are absent from the result. One connection and one snapshot, so the records are
   * consistent with each other.
   */
  Map<String, PatientRecord> readMany(
      Collection<String> patientIds, Dialect dialect, Set<String> noteConcepts)
      throws SQLException {
    this.dialect = dialect;
    this.noteConcepts = noteConcepts;
    Map<String, PatientRecord> found = new HashMap<>();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(patientIds));
    for (int from = 0; from < ids.size(); from += BULK_CHUNK) {
      readChunk(ids.subList(from, Math.min(ids.size(), from + BULK_CHUNK)), found);
    }
    Map<String, PatientRecord> out = new LinkedHashMap<>();
    for (String id : ids) {
      PatientRecord r = found.get(id);
      if (r != null) {
        out.put(id, r);
      }
    }
    return out;
  }

  /** Ids per statement: large enough for one scan per table, small enough for any driver. */
  static final int BULK_CHUNK = 4000;

  private void readChunk(List<String> ids, Map<String, PatientRecord> out) throws SQLException {
    Map<Long, Subject> subjects = new LinkedHashMap<>();
    Map<Long, Patient> heads = new HashMap<>();
    String patientSql =
        PATIENT.replace(
            "WHERE id = ?",
            dialect == Dialect.POSTGRESQL
                ? "WHERE id = ANY(?)"
                : "WHERE id IN (SELECT UNNEST(?::VARCHAR[]))");
    try (PreparedStatement find = lease.connection().prepareStatement(patientSql)) {
      find.setArray(1, lease.connection().createArrayOf("varchar", ids.toArray()));
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          Row r = new Row(rs, null, null);
          long key = r.lng();
          Patient head = head(r);
          heads.put(key, head);
          subjects.put(key, new Subject(key, head.id(), head.provenance().batchId()));
        }
      }
    }
    if (subjects.isEmpty()) {
      return;
    }
    List<Long> keys = new ArrayList<>(subjects.keySet());
    Map<Long, List<PatientIdentifier>> identifiers =
        many(IDENTIFIERS, keys, subjects, r -> new PatientIdentifier(r.str(), r.str()));
    Map<Long, List<Transfer>> transfers =
        many(TRANSFERS, keys, subjects, PatientRecordReader::transfer);
    Map<Long, List<Encounter>> encounters = new HashMap<>();
    Map<Long, Map<String, List<Transfer>>> transfersByEncounter = new HashMap<>();
    transfers.forEach(
        (key, list) -> {
          Map<String, List<Transfer>> byEncounter = new HashMap<>();
          for (Transfer t : list) {
            byEncounter.computeIfAbsent(t.encounterId(), id -> new ArrayList<>()).add(t);
          }
          transfersByEncounter.put(key, byEncounter);
        });
    Map<Long, List<Encounter>> rawEncounters =
        many(ENCOUNTERS, keys, subjects, r -> encounter(r, Map.of()));
    rawEncounters.forEach(
        (key, list) -> {
          Map<String, List<Transfer>> byEncounter =
              transfersByEncounter.getOrDefault(key, Map.of());
          List<Encounter> withTransfers = new ArrayList<>(list.size());
          for (Encounter e : list) {
            withTransfers.add(
                new Encounter(
                    e.id(),
                    e.patientId(),
                    e.type(),
                    e.department(),
                    e.ward(),
                    e.admittedAt(),
                    e.dischargedAt(),
                    e.disposition(),
                    e.attendingDoctor(),
                    byEncounter.getOrDefault(e.id(), List.of()),
                    e.provenance()));
          }
          encounters.put(key, withTransfers);
        });
    Map<Long, List<Diagnosis>> diagnoses =
        many(DIAGNOSES, keys, subjects, PatientRecordReader::diagnosis);
    Map<Long, List<Operation>> operations =
        many(OPERATIONS, keys, subjects, PatientRecordReader::operation);
    Map<Long, List<MedicationOrder>> orders =
        many(ORDERS, keys, subjects, PatientRecordReader::order);
    Map<Long, List<MedicationAdministration>> administrations =
        many(ADMINISTRATIONS, keys, subjects, PatientRecordReader::administration);
    Map<Long, List<LabResult>> labs = many(LABS, keys, subjects, PatientRecordReader::lab);
    Map<Long, List<VitalSign>> vitals = many(VITALS, keys, subjects, PatientRecordReader::vital);
    Map<Long, List<ExamReport>> exams = many(EXAMS, keys, subjects, PatientRecordReader::exam);
    Map<Long, List<ClinicalDocument>> documents =
        many(DOCUMENTS, keys, subjects, PatientRecordReader::document);
    Map<Long, List<NoteFact>> noteFacts =
        many(NOTE_FACTS, keys, subjects, PatientRecordReader::noteFact, noteConcepts);
    for (long key : keys) {
      Patient head = heads.get(key);
      Patient patient = withIdentifiers(head, identifiers.getOrDefault(key, List.of()));
      out.put(
          head.id(),
          new PatientRecord(
              patient,
              encounters.getOrDefault(key, List.of()),
              diagnoses.getOrDefault(key, List.of()),
              operations.getOrDefault(key, List.of()),
              orders.getOrDefault(key, List.of()),
              administrations.getOrDefault(key, List.of()),
              labs.getOrDefault(key, List.of()),
              vitals.getOrDefault(key, List.of()),
              exams.getOrDefault(key, List.of()),
              documents.getOrDefault(key, List.of()),
              noteFacts.getOrDefault(key, List.of())));
    }
  }

  /** One table's rows for many patients, grouped by patient and in each patient's stored order. */
  private <T> Map<Long, List<T>> many(
      String sql, List<Long> keys, Map<Long, Subject> subjects, Mapper<T> mapper)
      throws SQLException {
    return many(sql, keys, subjects, mapper, null);
  }

  /**
   * As {@link #many(String, List, Map, Mapper)}, keeping only rows whose {@code concept} is in
   * {@code concepts} when that is not null (note facts a caller can use).
   */
  private <T> Map<Long, List<T>> many(
      String sql,
      List<Long> keys,
      Map<Long, Subject> subjects,
      Mapper<T> mapper,
      Set<String> concepts)
      throws SQLException {
    // The keys travel as one array parameter. PostgreSQL probes its patient_key index per key;
    // DuckDB hash-joins the unnested array (an IN list of thousands of constants is several times
    // slower there).
    String bulk =
        "SELECT patient_key, "
            + sql.substring("SELECT ".length())
                .replace(
                    " WHERE patient_key = ?",
                    dialect == Dialect.POSTGRESQL
                        ? " WHERE patient_key = ANY(?)"
                        : " JOIN (SELECT UNNEST(?::BIGINT[]) AS bulk_key) bulk"
                            + " ON patient_key = bulk.bulk_key");
    if (concepts != null) {
      bulk +=
          dialect == Dialect.POSTGRESQL
              ? " AND concept = ANY(?)"
              : " WHERE concept IN (SELECT UNNEST(?::VARCHAR[]))";
    }
    Map<Long, List<Ordered<T>>> rows = new HashMap<>();
    try (PreparedStatement statement = lease.connection().prepareStatement(bulk)) {
      statement.setArray(1, lease.connection().createArrayOf("bigint", keys.toArray()));
      if (concepts != null) {
        statement.setArray(2, lease.connection().createArrayOf("varchar", concepts.toArray()));
      }
      try (ResultSet rs = statement.executeQuery()) {
        Row row = new Row(rs, null, null);
        while (rs.next()) {
          row.reset();
          long key = row.lng();
          Subject subject = subjects.get(key);
          row.subject(subject.patientId(), subject.batchId());
          int ord = row.integer();
          rows.computeIfAbsent(key, k -> new ArrayList<>())
              .add(new Ordered<>(ord, mapper.map(row)));
        }
      }
    }
    Map<Long, List<T>> out = new HashMap<>();
    rows.forEach(
        (key, list) -> {
          list.sort(Comparator.comparingInt(Ordered::ord));
          List<T> values = new ArrayList<>(list.size());
          for (Ordered<T> o : list) {
            values.add(o.value());
          }
          out.put(key, values);
        });
    return out;
  }

  /**
   * The second half as of this connection's snapshot. The other connection's transaction began a
   * little later, so a load may have committed in between; every committed load adds exactly one
   * load_batch row and snapshots are prefixes of the commit order, so equal counts mean both saw
   * the same data. Otherwise (rare: a load committed during this read) the second half is read
   * again here.
   */
  private SecondHalf consistent(SecondHalf forked, Subject subject) throws SQLException {
    return forked.loadBatches() == loadBatches(lease)
        ? forked
        : readSecondHalf(lease, subject, false);
  }

  private static SecondHalf readSecondHalf(
      ConnectionPool.Lease on, Subject subject, boolean countBatches) throws SQLException {
    long loadBatches = countBatches ? loadBatches(on) : -1;
    return new SecondHalf(
        loadBatches,
        list(on, ADMINISTRATIONS, subject, PatientRecordReader::administration),
        list(on, LABS, subject, PatientRecordReader::lab),
        list(on, VITALS, subject, PatientRecordReader::vital),
        list(on, EXAMS, subject, PatientRecordReader::exam),
        list(on, DOCUMENTS, subject, PatientRecordReader::document));
  }

  private static long loadBatches(ConnectionPool.Lease on) throws SQLException {
    try (ResultSet rs = on.prepare(LOAD_BATCHES).executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static SecondHalf join(Future<SecondHalf> second) throws SQLException {
    try {
      return second.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading a patient record", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure; // already a TianshuException naming the failed read
      }
      throw new SQLException(String.valueOf(e.getCause().getMessage()), e.getCause());
    }
  }

  private static <T> List<T> list(
      ConnectionPool.Lease on, String sql, Subject subject, Mapper<T> mapper) throws SQLException {
    PreparedStatement statement = on.prepare(sql);
    statement.setLong(1, subject.key());
    // Sorting a patient's few rows here is cheaper than an ORDER BY per query: in DuckDB the sort
    // operator costs about a third of each of these small queries.
    List<Ordered<T>> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      Row row = new Row(rs, subject.patientId(), subject.batchId());
      while (rs.next()) {
        row.reset();
        int ord = row.integer();
        rows.add(new Ordered<>(ord, mapper.map(row)));
      }
    }
    rows.sort(Comparator.comparingInt(Ordered::ord));
    List<T> out = new ArrayList<>(rows.size());
    for (Ordered<T> ordered : rows) {
      out.add(ordered.value());
    }
    return out;
  }

  /** The patient row (after patient_key), identifiers still to come. */
  private static Patient head(Row r) throws SQLException {
    // Arguments are evaluated left to right (JLS 15.7.4), matching the SELECT list.
    return new Patient(
        r.str(),
        r.str(),
        r.str(),
        r.enumOf(Sex.class),
        r.date(),
        r.str(),
        r.str(),
        r.str(),
        List.of(),
        new Provenance(r.str(), r.str(), r.str()));
  }

  private static Patient withIdentifiers(Patient head, List<PatientIdentifier> identifiers) {
    return new Patient(
        head.id(),
        head.mrn(),
        head.name(),
        head.sex(),
        head.birthDate(),
        head.idNumber(),
        head.phone(),
        head.address(),
        identifiers,
        head.provenance());
  }

  private static Encounter encounter(Row r, Map<String, List<Transfer>> transfers)
      throws SQLException {
    String id = r.str();
    return new Encounter(
        id,
        r.patientId(),
        r.enumOf(EncounterType.class),
        r.str(),
        r.str(),
        r.time(),
        r.time(),
        r.enumOf(DischargeDisposition.class),
        r.str(),
        transfers.getOrDefault(id, List.of()),
        r.provenance());
  }

  private static Transfer transfer(Row r) throws SQLException {
    return new Transfer(
        r.str(), r.str(), r.str(), r.str(), r.str(), r.str(), r.time(), r.provenance());
  }

  private static Diagnosis diagnosis(Row r) throws SQLException {
    return new Diagnosis(
        r.str(),
        r.patientId(),
        r.str(),
        r.enumOf(DiagnosisKind.class),
        r.bool(),
        r.code(),
        r.time(),
        r.provenance());
  }

  private static Operation operation(Row r) throws SQLException {
    return new Operation(
        r.str(),
        r.patientId(),
        r.str(),
        r.code(),
        r.time(),
        r.time(),
        r.str(),
        r.str(),
        r.str(),
        r.integer(),
        r.provenance());
  }

  private static MedicationOrder order(Row r) throws SQLException {
    return new MedicationOrder(
        r.str(),
        r.patientId(),
        r.str(),
        r.enumOf(OrderCategory.class),
        r.code(),
        r.dbl(),
        r.str(),
        r.str(),
        r.str(),
        r.bool(),
        r.time(),
        r.time(),
        r.str(),
        r.provenance());
  }

  private static MedicationAdministration administration(Row r) throws SQLException {
    return new MedicationAdministration(
        r.str(),
        r.str(),
        r.patientId(),
        r.str(),
        r.code(),
        r.dbl(),
        r.str(),
        r.str(),
        r.time(),
        r.str(),
        r.provenance());
  }

  private static LabResult lab(Row r) throws SQLException {
    return new LabResult(
        r.str(),
        r.patientId(),
        r.str(),
        r.str(),
        r.code(),
        r.dbl(),
        r.str(),
        r.str(),
        r.dbl(),
        r.dbl(),
        r.str(),
        r.enumOf(AbnormalFlag.class),
        r.str(),
        r.time(),
        r.time(),
        r.provenance());
  }

  private static VitalSign vital(Row r) throws SQLException {
    return new VitalSign(
        r.str(),
        r.patientId(),
        r.str(),
        r.enumOf(VitalType.class),
        r.dbl(),
        r.time(),
        r.provenance());
  }

  private static ExamReport exam(Row r) throws SQLException {
    return new ExamReport(
        r.str(),
        r.patientId(),
        r.str(),
        r.enumOf(ExamKind.class),
        r.code(),
        r.str(),
        r.str(),
        r.str(),
        r.time(),
        r.time(),
        r.provenance());
  }

  private static NoteFact noteFact(Row r) throws SQLException {
    return new NoteFact(
        r.str(),
        r.patientId(),
        r.str(),
        r.str(),
        r.integer(),
        r.integer(),
        r.str(),
        r.str(),
        r.str(),
        r.bool(),
        r.bool(),
        r.bool(),
        r.bool(),
        r.str(),
        r.time(),
        r.str(),
        r.str(),
        r.dbl(),
        r.str(),
        r.standardCode(),
        r.enumOf(CodeMatch.class),
        r.dbl());
  }

  private static ClinicalDocument document(Row r) throws SQLException {
    return new ClinicalDocument(
        r.str(),
        r.patientId(),
        r.str(),
        r.enumOf(DocumentType.class),
        r.str(),
        r.str(),
        r.time(),
        r.time(),
        r.time(),
        r.str(),
        r.provenance());
  }
}
