package io.tianshu.store;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.PatientRecord;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CDR on either engine: the SQL is shared, {@link StoreEngine} supplies connections, the bulk
 * path and the few dialect differences. Reads borrow pooled connections (one per thread at a time),
 * so the server can call them concurrently while one writer loads.
 */
final class JdbcCdrStore implements CdrStore {

  private static final int MAX_IDLE_CONNECTIONS = 16;

  private final StoreEngine engine;
  private final IdNumberProtection idNumbers;
  private final ConnectionPool reads;
  private final ConnectionPool work;
  private final Semaphore writerSlot = new Semaphore(1);

  /**
   * Threads that read the second half of a patient record; null when the engine reads it in one go.
   */
  private final ThreadPoolExecutor forks;

  JdbcCdrStore(StoreEngine engine, byte[] identifierKey) {
    this.engine = engine;
    this.idNumbers = new IdNumberProtection(identifierKey);
    this.reads = new ConnectionPool(this::openReadConnection, MAX_IDLE_CONNECTIONS);
    this.work = new ConnectionPool(engine::connect, MAX_IDLE_CONNECTIONS);
    this.forks = engine.splitsPatientReads() ? forkThreads() : null;
  }

  /**
   * One thread per core, handed work only when idle (a synchronous hand-off, no queue): when every
   * one is busy, concurrent reads already keep the cores occupied, and the caller reads the whole
   * record itself.
   */
  private static ThreadPoolExecutor forkThreads() {
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger numbers = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "tianshu-store-read-" + numbers.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            factory,
            new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Starts the second half of a patient read on another pooled connection, if a thread is free. */
  private Optional<Future<PatientRecordReader.SecondHalf>> fork(
      PatientRecordReader.SecondHalfRead half) {
    if (forks == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(forks.submit(() -> read("read a patient's facts", half::run)));
    } catch (RejectedExecutionException e) {
      return Optional.empty();
    }
  }

  /**
   * Read connections see one snapshot per call, so a concurrent load never shows half a patient.
   */
  private Connection openReadConnection() throws SQLException {
    Connection connection = engine.connect();
    if (engine.needsSnapshotIsolation()) {
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
    }
    return connection;
  }

  @Override
  public Dialect dialect() {
    return engine.dialect();
  }

  @Override
  public CdrWriter writer(String batchId, String sourceSystem) {
    requireText(batchId, "batchId");
    requireText(sourceSystem, "sourceSystem");
    if (!writerSlot.tryAcquire()) {
      throw new TianshuException(
          StoreErrors.LOAD_FAILED,
          "Another load batch is still open on "
              + engine.describe()
              + "; one writer runs at a time.");
    }
    Connection connection = null;
    try {
      connection = engine.connect();
      return new BulkCdrWriter(
          engine, connection, idNumbers, batchId, sourceSystem, writerSlot::release);
    } catch (SQLException | IOException e) {
      closeQuietly(connection);
      writerSlot.release();
      throw new TianshuException(
          StoreErrors.LOAD_FAILED, "Cannot start load batch " + batchId + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      writerSlot.release();
      throw e;
    }
  }

  @Override
  public Optional<PatientRecord> readPatient(String patientId) {
    requireText(patientId, "patientId");
    return read(
        "read patient " + patientId,
        lease -> new PatientRecordReader(lease, this::fork).read(patientId));
  }

  @Override
  public Map<String, PatientRecord> readPatients(Collection<String> patientIds) {
    return readPatients(patientIds, null);
  }

  @Override
  public Map<String, PatientRecord> readPatients(
      Collection<String> patientIds, Set<String> noteConcepts) {
    for (String id : patientIds) {
      requireText(id, "patientId");
    }
    if (patientIds.isEmpty()) {
      return Map.of();
    }
    List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(patientIds));
    // Where the engine splits reads (DuckDB), half the patients are read on a second connection
    // meanwhile: mapping rows to records is most of the cost and it uses both cores that way. Each
    // record is whole and consistent; the two halves may come from snapshots a commit apart.
    Future<Map<String, PatientRecord>> other = null;
    List<String> mine = ids;
    if (forks != null && ids.size() >= 200) {
      List<String> second = ids.subList(ids.size() / 2, ids.size());
      try {
        other = forks.submit(() -> readMany(second, noteConcepts));
        mine = ids.subList(0, ids.size() / 2);
      } catch (RejectedExecutionException e) {
        other = null;
      }
    }
    Map<String, PatientRecord> found = new java.util.HashMap<>(readMany(mine, noteConcepts));
    if (other != null) {
      try {
        found.putAll(other.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TianshuException(
            StoreErrors.QUERY_FAILED, "interrupted while reading patients", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    Map<String, PatientRecord> out = new java.util.LinkedHashMap<>();
    for (String id : ids) {
      PatientRecord r = found.get(id);
      if (r != null) {
        out.put(id, r);
      }
    }
    return out;
  }

  private Map<String, PatientRecord> readMany(List<String> ids, Set<String> noteConcepts) {
    return read(
        "read " + ids.size() + " patients",
        lease ->
            new PatientRecordReader(lease, PatientRecordReader.SEQUENTIAL)
                .readMany(ids, engine.dialect(), noteConcepts));
  }

  @Override
  public PatientPage searchPatients(PatientQuery query) {
    return read("search patients", lease -> new PatientSearch(lease, engine, idNumbers).run(query));
  }

  @Override
  public CdrCounts counts() {
    String sql =
        "SELECT (SELECT COUNT(*) FROM patient), (SELECT COUNT(*) FROM encounter),"
            + " (SELECT COUNT(*) FROM clinical_document), (SELECT COUNT(*) FROM transfer),"
            + " (SELECT COUNT(*) FROM diagnosis), (SELECT COUNT(*) FROM operation),"
            + " (SELECT COUNT(*) FROM medication_order), (SELECT COUNT(*) FROM medication_administration),"
            + " (SELECT COUNT(*) FROM lab_result), (SELECT COUNT(*) FROM vital_sign),"
            + " (SELECT COUNT(*) FROM exam_report), (SELECT COUNT(*) FROM note_fact)";
    return read(
        "count the CDR",
        lease -> {
          try (ResultSet rs = lease.prepare(sql).executeQuery()) {
            rs.next();
            long encounters = rs.getLong(2);
            // facts as PatientRecord.factCount(): encounters and every fact table, not patients or
            // documents
            long facts = encounters;
            for (int column = 4; column <= 11; column++) {
              facts += rs.getLong(column);
            }
            return new CdrCounts(rs.getLong(1), encounters, rs.getLong(3), facts, rs.getLong(12));
          }
        });
  }

  @Override
  public List<String> departments() {
    String sql =
        "SELECT department FROM encounter GROUP BY department ORDER BY department"
            + engine.binaryCollation();
    return read(
        "list departments",
        lease -> {
          List<String> departments = new ArrayList<>();
          try (ResultSet rs = lease.prepare(sql).executeQuery()) {
            while (rs.next()) {
              departments.add(rs.getString(1));
            }
          }
          return departments;
        });
  }

  /**
   * Per department and month: distinct patients with an encounter admitted that month, inpatient
   * admissions, and documents created that month, a document counting for its encounter's
   * department.
   */
  @Override
  public List<ActivityCount> activity() {
    String sql =
        "WITH enc AS (SELECT department, CAST(EXTRACT(YEAR FROM admitted_at) AS INTEGER) AS y,"
            + " CAST(EXTRACT(MONTH FROM admitted_at) AS INTEGER) AS m, COUNT(DISTINCT patient_key) AS patients,"
            + " SUM(CASE WHEN encounter_type = ? THEN 1 ELSE 0 END) AS admissions"
            + " FROM encounter GROUP BY 1, 2, 3),"
            + " doc AS (SELECT e.department, CAST(EXTRACT(YEAR FROM d.created_at) AS INTEGER) AS y,"
            + " CAST(EXTRACT(MONTH FROM d.created_at) AS INTEGER) AS m, COUNT(*) AS documents"
            + " FROM clinical_document d JOIN encounter e"
            + " ON e.patient_key = d.patient_key AND e.id = d.encounter_id GROUP BY 1, 2, 3)"
            + " SELECT department, y, m, patients, admissions, documents FROM ("
            + " SELECT COALESCE(enc.department, doc.department) AS department, COALESCE(enc.y, doc.y) AS y,"
            + " COALESCE(enc.m, doc.m) AS m, COALESCE(enc.patients, 0) AS patients,"
            + " COALESCE(enc.admissions, 0) AS admissions, COALESCE(doc.documents, 0) AS documents"
            + " FROM enc FULL OUTER JOIN doc"
            + " ON enc.department = doc.department AND enc.y = doc.y AND enc.m = doc.m"
            + ") a ORDER BY department"
            + engine.binaryCollation()
            + ", y, m";
    return read(
        "summarise activity",
        lease -> {
          PreparedStatement statement = lease.prepare(sql);
          statement.setString(1, "INPATIENT");
          List<ActivityCount> out = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new ActivityCount(
                      rs.getString(1),
                      YearMonth.of(rs.getInt(2), rs.getInt(3)),
                      rs.getLong(4),
                      rs.getLong(5),
                      rs.getLong(6)));
            }
          }
          return out;
        });
  }

  @Override
  public <T> T inTransaction(SqlWork<T> sqlWork) {
    ConnectionPool.Lease lease = borrow(work, "run a transaction");
    Connection connection = lease.connection();
    boolean healthy = false;
    try {
      T result = sqlWork.run(connection);
      connection.commit();
      healthy = true;
      return result;
    } catch (SQLException e) {
      healthy = rollback(connection);
      throw new TianshuException(
          StoreErrors.QUERY_FAILED,
          "A transaction on " + engine.describe() + " failed: " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      healthy = rollback(connection);
      throw e;
    } finally {
      work.release(lease, healthy);
    }
  }

  @Override
  public void close() {
    if (forks != null) {
      forks.shutdown();
    }
    reads.close();
    work.close();
    engine.close();
  }

  @FunctionalInterface
  private interface ReadWork<T> {
    T run(ConnectionPool.Lease lease) throws SQLException;
  }

  /** Runs read work in one snapshot and ends the transaction, translating failures once. */
  private <T> T read(String what, ReadWork<T> readWork) {
    ConnectionPool.Lease lease = borrow(reads, what);
    boolean healthy = false;
    try {
      T result = readWork.run(lease);
      lease.connection().commit();
      healthy = true;
      return result;
    } catch (SQLException e) {
      healthy = rollback(lease.connection());
      throw new TianshuException(
          StoreErrors.QUERY_FAILED,
          "Cannot " + what + " in " + engine.describe() + ": " + e.getMessage(),
          e);
    } finally {
      reads.release(lease, healthy);
    }
  }

  private ConnectionPool.Lease borrow(ConnectionPool pool, String what) {
    try {
      return pool.borrow();
    } catch (SQLException e) {
      ErrorCode code =
          engine.dialect() == Dialect.POSTGRESQL
              ? StoreErrors.UNREACHABLE
              : StoreErrors.QUERY_FAILED;
      throw new TianshuException(
          code,
          "Cannot " + what + ": no connection to " + engine.describe() + ": " + e.getMessage(),
          e);
    }
  }

  /** Rolls back; true when the connection is still usable afterwards. */
  private static boolean rollback(Connection connection) {
    try {
      connection.rollback();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new TianshuException(ErrorCode.INVALID_ARGUMENT, name + " is blank");
    }
  }
}
