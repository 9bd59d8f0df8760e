package io.tianshu.ingest.table;

import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.store.CdrStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A feed that reads the shipped table mappings (and more), and the staged rows of a run. */
final class TableFeeds {

  static final Instant START = Instant.parse("2026-12-02T04:00:00Z");

  private TableFeeds() {}

  static IngestFeed feed(CdrStore store, TableMappings mappings) {
    return feed(store, mappings, IngestSettings.defaults().batchSize());
  }

  /** With {@code batchUnits} staged units per apply batch (the CLI uses 20,000). */
  static IngestFeed feed(CdrStore store, TableMappings mappings, int batchUnits) {
    IngestSettings d = IngestSettings.defaults();
    return new IngestFeed(
        store,
        new IngestSettings(d.hospitalZone(), d.holdTime(), d.resultsRegisterPatients(), batchUnits),
        new TestClock(START),
        List.of(new TableUnitFormat(mappings)));
  }

  static java.util.stream.Stream<String> engines() {
    return io.tianshu.ingest.TestStores.postgresAvailable()
        ? java.util.stream.Stream.of("duckdb", "postgresql")
        : java.util.stream.Stream.of("duckdb");
  }

  /** One staged unit: status, code, reason and its decoded chunk. */
  record Unit(long id, String status, String code, String reason, TableChunk chunk) {}

  /** Every staged original (not duplicate) unit, in staging order. */
  static List<Unit> units(CdrStore store) {
    return store.inTransaction(
        c -> {
          List<Unit> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT id, status, error_code, reason, raw FROM ingest_message"
                          + " WHERE duplicate_of IS NULL ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new Unit(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      TableChunk.decode(rs.getBytes(5))));
            }
          }
          return out;
        });
  }
}
