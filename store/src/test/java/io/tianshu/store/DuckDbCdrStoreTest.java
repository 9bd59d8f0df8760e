package io.tianshu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.core.error.TianshuException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded DuckDB file, plus what only a file database can get wrong. */
class DuckDbCdrStoreTest extends CdrStoreContract {

  @TempDir Path directory;
  private Path file;
  private int opened;

  @Override
  CdrStore openFresh() {
    file = directory.resolve("cdr-" + (++opened) + ".duckdb");
    return CdrStore.open(StoreConfig.duckdb(file, KEY));
  }

  @Override
  CdrStore reopen() {
    return CdrStore.open(StoreConfig.duckdb(file, KEY));
  }

  @Override
  long schemaVersions() {
    return store.inTransaction(
        connection -> {
          try (ResultSet rs =
              connection
                  .createStatement()
                  .executeQuery("SELECT COUNT(*) FROM tianshu_schema_history")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  void forgetSchemaVersion(Connection connection, int version) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM tianshu_schema_history WHERE version = ?")) {
      statement.setInt(1, version);
      statement.executeUpdate();
    }
  }

  @Test
  void aCorruptFileIsReportedAsCorruptNamingTheFile() throws Exception {
    Path corrupt = directory.resolve("corrupt.duckdb");
    byte[] junk = new byte[64 * 1024];
    new Random(7).nextBytes(junk);
    Files.write(corrupt, junk);

    assertThatThrownBy(() -> CdrStore.open(StoreConfig.duckdb(corrupt, KEY)))
        .isInstanceOfSatisfying(
            TianshuException.class, e -> assertThat(e.errorCode()).isEqualTo(StoreErrors.CORRUPT))
        .hasMessageContaining(corrupt.toString());
  }

  @Test
  void aMissingDataDirectoryCannotBeOpened() {
    Path missing = directory.resolve("no-such-dir").resolve("cdr.duckdb");

    assertThatThrownBy(() -> CdrStore.open(StoreConfig.duckdb(missing, KEY)))
        .isInstanceOfSatisfying(
            TianshuException.class,
            e -> assertThat(e.errorCode()).isEqualTo(StoreErrors.CANNOT_OPEN))
        .hasMessageContaining(missing.getParent().toString());
  }

  @Test
  void anAppliedMigrationThatChangedIsRefused() {
    store.inTransaction(
        connection ->
            connection
                .createStatement()
                .executeUpdate("UPDATE tianshu_schema_history SET checksum = 'edited'"));
    store.close();
    store = null;

    assertThatThrownBy(this::reopen)
        .isInstanceOfSatisfying(
            TianshuException.class,
            e -> assertThat(e.errorCode()).isEqualTo(StoreErrors.MIGRATION_FAILED))
        .hasMessageContaining("V1__cdr.sql");
  }

  @Test
  void aFileOfTheFirstSchemaVersionGetsNoteFactsOnOpenAndKeepsItsData() {
    load(Fixtures.BATCH, List.of(Fixtures.load(Fixtures.LI_SI)));
    // Take the file back to what a release before V2 wrote.
    store.inTransaction(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE note_fact");
            statement.execute("ALTER TABLE load_batch DROP COLUMN note_facts");
            // V6 and V7 add columns to note_fact: they go with the table.
            return statement.executeUpdate(
                "DELETE FROM tianshu_schema_history WHERE version IN (2, 6, 7)");
          }
        });
    store.close();
    store = reopen();

    assertThat(schemaVersions()).isEqualTo(DuckDbMigrations.scripts().size());
    assertThat(store.readPatient("P000102"))
        .contains(Fixtures.asStored(Fixtures.load(Fixtures.LI_SI)));
    assertThat(store.counts().noteFacts()).isZero();
    LoadSummary replayed = load(Fixtures.BATCH, List.of(Fixtures.load(Fixtures.LI_SI)));
    assertThat(replayed.noteFacts()).as("an old batch wrote none").isZero();
    load("after-upgrade", List.of(Fixtures.load(Fixtures.ZHANG_SAN)));
    assertThat(store.counts().noteFacts()).isEqualTo(5);
  }

  @Test
  void migrationScriptsAreFoundInVersionOrder() {
    assertThat(DuckDbMigrations.scripts())
        .extracting(DuckDbMigrations.Script::version)
        .isSorted()
        .startsWith(1, 2);
  }
}
