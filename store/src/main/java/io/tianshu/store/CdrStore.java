package io.tianshu.store;

import io.tianshu.core.record.PatientRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The clinical data repository: schema migration on open, bulk loading, and the reads behind the
 * patient search and patient-360 views. Thread-safe; one instance per process and database.
 */
public interface CdrStore extends AutoCloseable {

  /**
   * Opens the store and brings its schema to the current version (Flyway on PostgreSQL, the
   * project's own migration runner on DuckDB; see docs/adr).
   *
   * @throws io.tianshu.core.error.TianshuException with a {@link StoreErrors} code when the
   *     database cannot be opened, is corrupt, or is unreachable
   */
  static CdrStore open(StoreConfig config) {
    return StoreFactory.open(config);
  }

  Dialect dialect();

  /** Starts a bulk load batch. One writer at a time per store. */
  CdrWriter writer(String batchId, String sourceSystem);

  /**
   * One patient's whole record; the patient's {@code idNumber} comes back masked (the store keeps
   * only a keyed hash and a masked form).
   */
  Optional<PatientRecord> readPatient(String patientId);

  /**
   * Many patients' whole records, read together with one query per table (per chunk of ids) — for
   * ward rounds and batch re-assessment. Ids not found are absent; the map keeps the given order.
   */
  Map<String, PatientRecord> readPatients(Collection<String> patientIds);

  /**
   * As {@link #readPatients(Collection)}, with only the note facts whose concept is in {@code
   * noteConcepts} (null: all) — a decision-support reader needs the few concepts its knowledge
   * names, and note facts are most of a record's rows.
   */
  Map<String, PatientRecord> readPatients(Collection<String> patientIds, Set<String> noteConcepts);

  PatientPage searchPatients(PatientQuery query);

  CdrCounts counts();

  /** Distinct department names, for search filters. */
  List<String> departments();

  /** Activity by department and month, for the home page charts. */
  List<ActivityCount> activity();

  /**
   * Runs JDBC work on a store connection in one transaction, for the server's own small tables
   * (accounts, audit). Use bound parameters only.
   */
  <T> T inTransaction(SqlWork<T> work);

  @Override
  void close();
}
