package io.tianshu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split read: the half read on a second connection must come from the same snapshot as the
 * rest, or be read again. A load is committed exactly between the two connections' snapshots, the
 * case a concurrent writer makes rare but possible.
 */
class PatientRecordReaderTest {

  @TempDir Path directory;
  private DuckDbEngine engine;
  private JdbcCdrStore store;
  private ConnectionPool pool;

  @BeforeEach
  void open() {
    engine =
        DuckDbEngine.open(
            StoreConfig.duckdb(directory.resolve("cdr.duckdb"), CdrStoreContract.KEY));
    store = new JdbcCdrStore(engine, CdrStoreContract.KEY);
    pool = new ConnectionPool(engine::connect, 4);
  }

  @AfterEach
  void close() {
    pool.close();
    store.close();
  }

  @Test
  void aLoadCommittedBetweenTheTwoSnapshotsIsNotMixedIntoTheRecord() throws Exception {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    load(Fixtures.BATCH, zhang);
    AtomicBoolean forked = new AtomicBoolean();
    PatientRecordReader.Fork reloadThenFork =
        half -> {
          load("reload", zhang); // replaces every row the first connection is reading
          forked.set(true);
          try {
            ConnectionPool.Lease other = pool.borrow();
            return Optional.of(CompletableFuture.completedFuture(half.run(other)));
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        };

    ConnectionPool.Lease lease = pool.borrow();
    Optional<PatientRecord> read =
        new PatientRecordReader(lease, reloadThenFork).read(zhang.patient().id());

    assertThat(forked).isTrue();
    assertThat(read).contains(Fixtures.asStored(zhang));
  }

  @Test
  void withoutAnInterveningLoadTheForkedHalfIsUsed() throws Exception {
    PatientRecord zhang = Fixtures.load(Fixtures.ZHANG_SAN);
    load(Fixtures.BATCH, zhang);
    AtomicBoolean forked = new AtomicBoolean();
    PatientRecordReader.Fork fork =
        half -> {
          forked.set(true);
          try {
            return Optional.of(CompletableFuture.completedFuture(half.run(pool.borrow())));
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        };

    Optional<PatientRecord> read =
        new PatientRecordReader(pool.borrow(), fork).read(zhang.patient().id());

    assertThat(forked).isTrue();
    assertThat(read).contains(Fixtures.asStored(zhang));
  }

  private void load(String batchId, PatientRecord record) {
    try (CdrWriter writer = store.writer(batchId, "test")) {
      writer.add(record);
      writer.commit();
    }
  }
}
