package io.tianshu.store;

import io.tianshu.core.code.Code;
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
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Operation;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one patient's whole record: the patient row by id, then every table by the internal patient_key,
 * each in the order the writer stored (time order, ties in input order, by the ord column). All statements come from the
 * lease's cache, so a read is a dozen executions of already-planned queries.
 */
final class PatientRecordReader {

  private static final String PROVENANCE = ", source_system, source_record_id, batch_id";
  private static final String CODE =
      ", local_system, local_code, local_display, std_system, std_code, std_display";

  static final String PATIENT =
      "SELECT patient_key, id, mrn, name, sex, birth_date, id_number_masked, phone, address"
          + PROVENANCE
          + " FROM patient WHERE id = ?";
  static final String IDENTIFIERS =
      "SELECT ord, system, value FROM patient_identifier WHERE patient_key = ?";
  static final String ENCOUNTERS =
      "SELECT ord, id, patient_id, encounter_type, department, ward, admitted_at, discharged_at, disposition,"
          + " attending_doctor"
          + PROVENANCE
          + " FROM encounter WHERE patient_key = ?";
  static final String TRANSFERS =
      "SELECT ord, id, encounter_id, from_department, from_ward, to_department, to_ward, transferred_at"
          + PROVENANCE
          + " FROM transfer WHERE patient_key = ?";
  static final String DIAGNOSES =
      "SELECT ord, id, patient_id, encounter_id, kind, is_main"
          + CODE
          + ", diagnosed_at"
          + PROVENANCE
          + " FROM diagnosis WHERE patient_key = ?";
  static final String OPERATIONS =
      "SELECT ord, id, patient_id, encounter_id"
          + CODE
          + ", started_at, ended_at, surgeon, anaesthesia, incision_class, surgical_level"
          + PROVENANCE
          + " FROM operation WHERE patient_key = ?";
  static final String ORDERS =
      "SELECT ord, id, patient_id, encounter_id, category"
          + CODE
          + ", dose, dose_unit, route, frequency, long_term, start_at, stop_at, ordering_doctor"
          + PROVENANCE
          + " FROM medication_order WHERE patient_key = ?";
  static final String ADMINISTRATIONS =
      "SELECT ord, id, order_id, patient_id, encounter_id"
          + CODE
          + ", dose, dose_unit, route, administered_at, performer"
          + PROVENANCE
          + " FROM medication_administration WHERE patient_key = ?";
  static final String LABS =
      "SELECT ord, id, patient_id, encounter_id, panel"
          + CODE
          + ", numeric_value, text_value, unit, reference_low, reference_high, reference_text, flag,"
          + " specimen, collected_at, reported_at"
          + PROVENANCE
          + " FROM lab_result WHERE patient_key = ?";
  static final String VITALS =
      "SELECT ord, id, patient_id, encounter_id, vital_type, measured_value, measured_at"
          + PROVENANCE
          + " FROM vital_sign WHERE patient_key = ?";
  static final String EXAMS =
      "SELECT ord, id, patient_id, encounter_id, kind"
          + CODE
          + ", body_site, findings, conclusion, examined_at, reported_at"
          + PROVENANCE
          + " FROM exam_report WHERE patient_key = ?";
  static final String DOCUMENTS =
      "SELECT ord, id, patient_id, encounter_id, document_type, title, author, event_at, created_at,"
          + " signed_at, content"
          + PROVENANCE
          + " FROM clinical_document WHERE patient_key = ?";

  /** Reads column values left to right, so the mappers below read like the SELECT lists above. */
  private static final class Row {
    private final ResultSet rs;
    private int column;

    Row(ResultSet rs) {
      this.rs = rs;
    }

    void reset() {
      column = 0;
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
      return new Provenance(str(), str(), str());
    }
  }

  private record Ordered<T>(int ord, T value) {}

  @FunctionalInterface
  private interface Mapper<T> {
    T map(Row row) throws SQLException;
  }

  private final ConnectionPool.Lease lease;

  PatientRecordReader(ConnectionPool.Lease lease) {
    this.lease = lease;
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
      Row r = new Row(rs);
      key = r.lng();
      // Arguments are evaluated left to right (JLS 15.7.4), matching the SELECT list.
      head =
          new Patient(
              r.str(), r.str(), r.str(), r.enumOf(Sex.class), r.date(), r.str(), r.str(), r.str(),
              List.of(), r.provenance());
    }
    List<PatientIdentifier> identifiers =
        list(IDENTIFIERS, key, r -> new PatientIdentifier(r.str(), r.str()));
    Patient patient =
        new Patient(
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
    return Optional.of(readFacts(patient, key));
  }

  private PatientRecord readFacts(Patient patient, long key) throws SQLException {
    Map<String, List<Transfer>> transfers = new HashMap<>();
    for (Transfer transfer : list(TRANSFERS, key, PatientRecordReader::transfer)) {
      transfers.computeIfAbsent(transfer.encounterId(), id -> new ArrayList<>()).add(transfer);
    }
    List<Encounter> encounters = list(ENCOUNTERS, key, r -> encounter(r, transfers));
    return new PatientRecord(
        patient,
        encounters,
        list(DIAGNOSES, key, PatientRecordReader::diagnosis),
        list(OPERATIONS, key, PatientRecordReader::operation),
        list(ORDERS, key, PatientRecordReader::order),
        list(ADMINISTRATIONS, key, PatientRecordReader::administration),
        list(LABS, key, PatientRecordReader::lab),
        list(VITALS, key, PatientRecordReader::vital),
        list(EXAMS, key, PatientRecordReader::exam),
        list(DOCUMENTS, key, PatientRecordReader::document));
  }

  private <T> List<T> list(String sql, long key, Mapper<T> mapper) throws SQLException {
    PreparedStatement statement = lease.prepare(sql);
    statement.setLong(1, key);
    // Sorting a patient's few rows here is cheaper than an ORDER BY per query: in DuckDB the sort
    // operator costs about a third of each of these small queries.
    List<Ordered<T>> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      Row row = new Row(rs);
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

  private static Encounter encounter(Row r, Map<String, List<Transfer>> transfers) throws SQLException {
    String id = r.str();
    return new Encounter(
        id,
        r.str(),
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
    return new Transfer(r.str(), r.str(), r.str(), r.str(), r.str(), r.str(), r.time(), r.provenance());
  }

  private static Diagnosis diagnosis(Row r) throws SQLException {
    return new Diagnosis(
        r.str(), r.str(), r.str(), r.enumOf(DiagnosisKind.class), r.bool(), r.code(), r.time(),
        r.provenance());
  }

  private static Operation operation(Row r) throws SQLException {
    return new Operation(
        r.str(), r.str(), r.str(), r.code(), r.time(), r.time(), r.str(), r.str(), r.str(), r.integer(),
        r.provenance());
  }

  private static MedicationOrder order(Row r) throws SQLException {
    return new MedicationOrder(
        r.str(), r.str(), r.str(), r.enumOf(OrderCategory.class), r.code(), r.dbl(), r.str(), r.str(),
        r.str(), r.bool(), r.time(), r.time(), r.str(), r.provenance());
  }

  private static MedicationAdministration administration(Row r) throws SQLException {
    return new MedicationAdministration(
        r.str(), r.str(), r.str(), r.str(), r.code(), r.dbl(), r.str(), r.str(), r.time(), r.str(),
        r.provenance());
  }

  private static LabResult lab(Row r) throws SQLException {
    return new LabResult(
        r.str(), r.str(), r.str(), r.str(), r.code(), r.dbl(), r.str(), r.str(), r.dbl(), r.dbl(),
        r.str(), r.enumOf(AbnormalFlag.class), r.str(), r.time(), r.time(), r.provenance());
  }

  private static VitalSign vital(Row r) throws SQLException {
    return new VitalSign(
        r.str(), r.str(), r.str(), r.enumOf(VitalType.class), r.dbl(), r.time(), r.provenance());
  }

  private static ExamReport exam(Row r) throws SQLException {
    return new ExamReport(
        r.str(), r.str(), r.str(), r.enumOf(ExamKind.class), r.code(), r.str(), r.str(), r.str(),
        r.time(), r.time(), r.provenance());
  }

  private static ClinicalDocument document(Row r) throws SQLException {
    return new ClinicalDocument(
        r.str(), r.str(), r.str(), r.enumOf(DocumentType.class), r.str(), r.str(), r.time(), r.time(),
        r.time(), r.str(), r.provenance());
  }
}
