package io.tianshu.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.SharedData;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.store.CdrCounts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The MIMIC-IV demo's hosp tables, read in place from shared/data, load through the shipped mapping
 * and reconcile per table: rows in the file (counted by DuckDB's own CSV reader) = records in the
 * CDR from that file + rows quarantined, each quarantine with a code and a reason. A second run is
 * all duplicates and changes nothing.
 */
class MimicDemoTableTest {

  private static final List<String> TABLES =
      List.of(
          "patients",
          "admissions",
          "transfers",
          "diagnoses_icd",
          "procedures_icd",
          "labevents",
          "prescriptions",
          "emar");

  @Test
  void theDemoTablesLoadAndReconcileRowByRow() throws SQLException {
    Path hosp = SharedData.dir("ingest/tables/mimic-iv-demo-2.2/hosp");
    TableMapping mapping = TableMappings.shipped("mimic-iv-demo");
    try (TestStores.Opened opened = TestStores.duckdb()) {
      IngestFeed feed = TableFeeds.feed(opened.store(), TableMappings.builtIn(), 20_000);
      IngestCounts counts = TableFiles.ingest(feed, mapping, List.of(hosp), p -> {});
      assertThat(counts.reconciles()).isTrue();
      assertThat(counts.held()).as("patients load first").isZero();

      List<TableFeeds.Unit> units = TableFeeds.units(opened.store());
      assertThat(units)
          .filteredOn(u -> u.status().equals("QUARANTINED"))
          .allSatisfy(
              u -> {
                assertThat(u.code()).startsWith("TS-INGEST-4");
                assertThat(u.reason()).isNotBlank();
              });
      List<String> patientIds =
          units.stream()
              .filter(u -> u.chunk().table().equals("patients"))
              .flatMap(u -> u.chunk().rows().stream())
              .map(r -> "MIMIC|" + r.values()[0])
              .toList();
      Map<String, PatientRecord> records = opened.store().readPatients(patientIds);
      assertThat(records).hasSize(100);

      Map<String, String> report = new TreeMap<>();
      for (String table : TABLES) {
        String file = table + ".csv.gz";
        long inFile = rowsInFile(hosp.resolve(file));
        long written = written(records.values(), table, file);
        Map<String, Long> quarantined =
            units.stream()
                .filter(u -> u.chunk().table().equals(table) && u.status().equals("QUARANTINED"))
                .collect(
                    Collectors.groupingBy(
                        TableFeeds.Unit::code,
                        TreeMap::new,
                        Collectors.summingLong(u -> u.chunk().rows().size())));
        long q = quarantined.values().stream().mapToLong(Long::longValue).sum();
        report.put(table, inFile + " = " + written + " + " + quarantined);
        assertThat(written + q).as(table + ": " + report.get(table)).isEqualTo(inFile);
      }
      System.out.println("MIMIC-IV demo reconciliation (rows = written + quarantined): " + report);
      assertThat(written(records.values(), "transfers", "transfers.csv.gz"))
          .as("transfers of admissions are filed under their visit")
          .isGreaterThan(500);
      assertThat(written(records.values(), "labevents", "labevents.csv.gz"))
          .as("most lab rows land")
          .isGreaterThan(100_000);

      CdrCounts before = opened.store().counts();
      IngestCounts again = TableFiles.ingest(feed, mapping, List.of(hosp), p -> {});
      assertThat(again.duplicates()).isEqualTo(again.received()).isEqualTo(counts.received());
      assertThat(opened.store().counts()).isEqualTo(before);
    }
  }

  /** Rows by DuckDB's CSV reader: a count independent of the connector's own parser. */
  private static long rowsInFile(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM read_csv('"
                    + file.toString().replace("'", "''")
                    + "', header = true, all_varchar = true)")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Records in the CDR whose provenance names a line of {@code file}. */
  private static long written(
      java.util.Collection<PatientRecord> records, String table, String file) {
    List<Provenance> all = new ArrayList<>();
    for (PatientRecord r : records) {
      Stream.<Stream<Provenance>>of(
              Stream.of(r.patient().provenance()),
              r.encounters().stream().map(x -> x.provenance()),
              r.encounters().stream().flatMap(e -> e.transfers().stream()).map(x -> x.provenance()),
              r.diagnoses().stream().map(x -> x.provenance()),
              r.operations().stream().map(x -> x.provenance()),
              r.orders().stream().map(x -> x.provenance()),
              r.administrations().stream().map(x -> x.provenance()),
              r.labs().stream().map(x -> x.provenance()),
              r.vitals().stream().map(x -> x.provenance()),
              r.exams().stream().map(x -> x.provenance()),
              r.documents().stream().map(x -> x.provenance()))
          .flatMap(s -> s)
          .forEach(all::add);
    }
    return all.stream().filter(p -> p.sourceRecordId().startsWith(file + ":")).count();
  }
}
