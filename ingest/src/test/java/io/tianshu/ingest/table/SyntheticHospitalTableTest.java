package io.tianshu.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.store.CdrCounts;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.HospitalExporter;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic hospital's CSV export lands through the shipped mapping with every patient's record
 * equal to the generator's: the same records (by id) with the same values. What the CSV does not
 * carry, and so is not compared: the difference between an empty text and none (both are an empty
 * cell); provenance (the feed's own: source {@code tianshu-synth}, the file and line, the apply
 * batch) and note facts (NLP output, not exported). Transfers are filed under their visits and
 * compared by id and values.
 */
class SyntheticHospitalTableTest {

  private static final SynthConfig CONFIG = new SynthConfig(7, 50, LocalDate.of(2026, 11, 1));

  @Test
  void everyPatientsRecordEqualsTheGeneratorsAndARerunChangesNothing(@TempDir Path dir)
      throws IOException {
    SyntheticHospital hospital = new SyntheticHospital(CONFIG);
    HospitalExporter.export(hospital, dir, null);
    Map<String, PatientRecord> generated =
        hospital.stream()
            .map(GeneratedPatient::record)
            .collect(Collectors.toMap(r -> r.patient().id(), r -> r));
    long transfers =
        generated.values().stream()
            .mapToLong(r -> r.encounters().stream().mapToLong(e -> e.transfers().size()).sum())
            .sum();

    try (TestStores.Opened opened = TestStores.duckdb()) {
      TableMapping mapping = TableMappings.shipped("synthetic-hospital");
      IngestFeed feed = TableFeeds.feed(opened.store(), TableMappings.builtIn());
      long[] rows = new long[2];
      IngestCounts counts =
          TableFiles.ingest(
              feed,
              mapping,
              List.of(dir),
              p -> {
                rows[0] = p.rows();
                rows[1] = p.rowsSetApart();
                assertThat(p.skipped())
                    .extracting(f -> f.getFileName().toString())
                    .containsExactlyInAnyOrder("truth.jsonl", "manifest.json");
              });

      assertThat(counts.reconciles()).isTrue();
      assertThat(rows[1]).as("no row fails to map").isZero();
      assertThat(counts.held()).isZero();
      List<TableFeeds.Unit> units = TableFeeds.units(opened.store());
      assertThat(units).filteredOn(u -> u.status().equals("QUARANTINED")).isEmpty();
      long transferRows =
          units.stream()
              .filter(u -> u.chunk().table().equals("transfers"))
              .mapToLong(u -> u.chunk().rows().size())
              .sum();
      assertThat(transferRows).isEqualTo(transfers);
      long stagedRows = units.stream().mapToLong(u -> u.chunk().rows().size()).sum();
      assertThat(stagedRows).as("every row read is staged once").isEqualTo(rows[0]);

      Map<String, PatientRecord> stored =
          opened.store().readPatients(List.copyOf(generated.keySet()));
      assertThat(stored).hasSameSizeAs(generated);
      for (PatientRecord expected : generated.values()) {
        PatientRecord actual = stored.get(expected.patient().id());
        assertSameRecords(actual, expected);
        assertThat(actual.labs())
            .allSatisfy(
                l -> {
                  assertThat(l.provenance().sourceSystem()).isEqualTo("tianshu-synth");
                  assertThat(l.provenance().sourceRecordId()).startsWith("lab_results.csv:");
                });
      }

      CdrCounts before = opened.store().counts();
      IngestCounts again = TableFiles.ingest(feed, mapping, List.of(dir), p -> {});
      assertThat(again.received()).isEqualTo(counts.received());
      assertThat(again.duplicates()).isEqualTo(again.received());
      assertThat(opened.store().counts()).isEqualTo(before);
    }
    assertThat(Files.exists(dir.resolve("patients.csv"))).isTrue();
  }

  /** Same records by id, each with the same values; provenance and note facts aside. */
  static void assertSameRecords(PatientRecord actual, PatientRecord expected) {
    String who = expected.patient().id();
    assertThat(actual.patient())
        .as(who)
        .usingRecursiveComparison()
        .ignoringFields("provenance", "idNumber")
        .isEqualTo(expected.patient());
    // The CDR keeps the ID card number encrypted and reads it back masked (store
    // IdNumberProtection): the full number went in if the masked one matches the generator's.
    String id = expected.patient().idNumber();
    assertThat(actual.patient().idNumber())
        .as(who + " idNumber")
        .isEqualTo(
            id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4));
    same(who, actual.encounters(), expected.encounters(), Encounter::id, "provenance", "transfers");
    for (Encounter e : expected.encounters()) {
      Encounter stored =
          actual.encounters().stream().filter(x -> x.id().equals(e.id())).findFirst().orElseThrow();
      same(who, stored.transfers(), e.transfers(), Transfer::id, "provenance");
    }
    same(who, actual.diagnoses(), expected.diagnoses(), Diagnosis::id, "provenance");
    same(who, actual.operations(), expected.operations(), Operation::id, "provenance");
    same(who, actual.orders(), expected.orders(), MedicationOrder::id, "provenance");
    same(
        who,
        actual.administrations(),
        expected.administrations(),
        MedicationAdministration::id,
        "provenance");
    same(who, actual.labs(), expected.labs(), LabResult::id, "provenance");
    same(who, actual.vitals(), expected.vitals(), VitalSign::id, "provenance");
    same(who, actual.exams(), expected.exams(), ExamReport::id, "provenance");
    same(who, actual.documents(), expected.documents(), ClinicalDocument::id, "provenance");
  }

  /** An empty cell is all a CSV has for both "" and no value. */
  private static boolean sameText(String a, String b) {
    return java.util.Objects.equals(
        a == null || a.isEmpty() ? null : a, b == null || b.isEmpty() ? null : b);
  }

  private static <T> void same(
      String who, List<T> actual, List<T> expected, Function<T, String> id, String... ignored) {
    Map<String, T> byId = actual.stream().collect(Collectors.toMap(id, x -> x));
    assertThat(byId.keySet())
        .as(who + " record ids")
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(id).toList());
    for (T e : expected) {
      assertThat(byId.get(id.apply(e)))
          .as(who + " " + id.apply(e))
          .usingRecursiveComparison()
          .ignoringFields(ignored)
          .withEqualsForType(SyntheticHospitalTableTest::sameText, String.class)
          .isEqualTo(e);
    }
  }
}
