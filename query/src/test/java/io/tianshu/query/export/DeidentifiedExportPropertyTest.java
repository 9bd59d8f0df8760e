package io.tianshu.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.Fixtures;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.export.deid.DateShiftRange;
import io.tianshu.query.export.deid.Deidentification;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.SqlCohortEngine;
import io.tianshu.synth.GeneratedPatient;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;

/**
 * De-identified exports of random synthetic hospitals: every timestamp of a patient moves by the
 * same whole number of days within the configured range (never 0), so every interval between two of
 * the patient's times is kept; and no identifier of any patient (id, MRN, name, ID number, phone,
 * address, source-system identifiers) appears anywhere in the CSV, the Parquet file's values or the
 * manifest, though the synthetic notes write the patients' names.
 *
 * <p>Shrinking is off: the inputs are seeds. A failure names the seed and the patient.
 */
class DeidentifiedExportPropertyTest {

  private static final DatasetSpec SPEC =
      DatasetSpec.parse(Fixtures.text("/export/synthetic-hospital.dataset.json"));
  private static final CohortDefinition EVERYONE =
      CohortDefinition.parse(Fixtures.text("/export/first-encounter.cohort.json"));

  private Path temp;

  @BeforeTry
  void createTemp() throws Exception {
    temp = Files.createTempDirectory("tianshu-deid-property-");
  }

  @AfterTry
  void deleteTemp() throws Exception {
    try (var paths = Files.walk(temp)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Provide
  Arbitrary<byte[]> secrets() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(16).ofMaxSize(48);
  }

  @Property(tries = 4, shrinking = ShrinkingMode.OFF)
  void shiftsAreConsistentPerPatientAndNoIdentifierLeaks(
      @ForAll long hospitalSeed,
      @ForAll @IntRange(min = 40, max = 80) int patients,
      @ForAll("secrets") byte[] secret,
      @ForAll @IntRange(min = 1, max = 30) int minShift,
      @ForAll @IntRange(min = 0, max = 400) int extraShift)
      throws Exception {
    List<PatientRecord> records = new ArrayList<>();
    for (GeneratedPatient p :
        new SyntheticHospital(new SynthConfig(hospitalSeed, patients, LocalDate.of(2026, 6, 30)))) {
      records.add(p.record());
    }
    DateShiftRange range = new DateShiftRange(minShift, minShift + extraShift);
    Deidentification deid = new Deidentification(secret, range);
    String context = "hospital seed " + hospitalSeed + ", " + patients + " patients, " + range;

    try (ExportStores stores = ExportStores.duckdb(records)) {
      List<CohortMember> members = new SqlCohortEngine(stores.store()).members(EVERYONE);
      ExportCohort cohort = ExportCohort.of(EVERYONE, members);
      Path identified = temp.resolve("identified.csv");
      Path csv = temp.resolve("deidentified.csv");
      Path parquet = temp.resolve("deidentified.parquet");
      DatasetExporter.export(stores.store(), cohort, SPEC, ExportFormat.CSV, null, identified);
      DatasetExporter.export(stores.store(), cohort, SPEC, ExportFormat.CSV, deid, csv);
      DatasetExporter.export(stores.store(), cohort, SPEC, ExportFormat.PARQUET, deid, parquet);

      assertShiftedConsistently(identified, csv, deid, context);
      String csvText = Files.readString(csv, StandardCharsets.UTF_8);
      String parquetValues = allValues(DatasetExporterTest.readParquet(parquet));
      String manifests =
          Files.readString(ExportManifest.pathFor(csv), StandardCharsets.UTF_8)
              + Files.readString(ExportManifest.pathFor(parquet), StandardCharsets.UTF_8);
      int namesInNotes = 0;
      for (PatientRecord r : records) {
        for (String identifier : identifiers(r.patient())) {
          String where = context + ", patient " + r.patient().id() + ", identifier " + identifier;
          assertThat(csvText).as("CSV, " + where).doesNotContain(identifier);
          assertThat(parquetValues).as("Parquet, " + where).doesNotContain(identifier);
          assertThat(manifests).as("manifest, " + where).doesNotContain(identifier);
        }
        if (r.documents().stream().anyMatch(d -> d.text().contains(r.patient().name()))) {
          namesInNotes++;
        }
      }
      assertThat(namesInNotes).as("the synthetic notes do name patients").isPositive();
      Statistics.label("patients whose notes name them")
          .collect(namesInNotes * 10 / records.size());
    }
  }

  /**
   * Each de-identified row is its identified row with every timestamp moved by the patient's one
   * shift; so every interval between two of its times (the index time included) is the same.
   */
  private static void assertShiftedConsistently(
      Path identifiedFile, Path deidentifiedFile, Deidentification deid, String context)
      throws Exception {
    List<Map<String, String>> identified = Csv.read(Files.readString(identifiedFile));
    Map<String, Map<String, String>> bySubject = new HashMap<>();
    for (Map<String, String> row : Csv.read(Files.readString(deidentifiedFile))) {
      bySubject.put(row.get("subject_id"), row);
    }
    assertThat(bySubject).as(context).hasSameSizeAs(identified);
    List<String> timeColumns =
        DatasetExporter.columns(SPEC, true).stream()
            .filter(c -> c.type() == ColumnType.TIMESTAMP)
            .map(Column::name)
            .toList();
    for (Map<String, String> real : identified) {
      String patientId = real.get("patient_id");
      String where = context + ", patient " + patientId;
      Map<String, String> shifted = bySubject.get(deid.pseudonym(patientId));
      assertThat(shifted).as(where).isNotNull();
      Long shift = null;
      Map<String, LocalDateTime[]> times = new HashMap<>();
      for (String column : timeColumns) {
        if (real.get(column) == null) {
          assertThat(shifted.get(column)).as(where + " " + column).isNull();
          continue;
        }
        LocalDateTime before = LocalDateTime.parse(real.get(column), CsvDatasetWriter.TIMESTAMP);
        LocalDateTime after = LocalDateTime.parse(shifted.get(column), CsvDatasetWriter.TIMESTAMP);
        Duration moved = Duration.between(before, after);
        assertThat(moved.toHours() % 24).as(where + " " + column + " whole days").isZero();
        assertThat(moved.toSecondsPart()).isZero();
        long days = moved.toDays();
        assertThat(Math.abs(days))
            .as(where + " " + column)
            .isBetween((long) deid.shiftRange().minDays(), (long) deid.shiftRange().maxDays());
        if (shift == null) {
          shift = days;
        }
        assertThat(days).as(where + " " + column + " moves as the others").isEqualTo(shift);
        times.put(column, new LocalDateTime[] {before, after});
      }
      for (LocalDateTime[] a : times.values()) {
        for (LocalDateTime[] b : times.values()) {
          assertThat(Duration.between(b[1], a[1])).isEqualTo(Duration.between(b[0], a[0]));
        }
      }
      for (String column : shifted.keySet()) {
        if (!timeColumns.contains(column) && !column.equals("subject_id")) {
          boolean text =
              SPEC.variables().stream()
                  .anyMatch(v -> v.name().equals(column) && v.type() == ColumnType.VARCHAR);
          if (!text && !column.equals("age")) {
            assertThat(shifted.get(column)).as(where + " " + column).isEqualTo(real.get(column));
          }
        }
      }
    }
  }

  /** Every identifier of the patient that the export must not carry, however short. */
  private static List<String> identifiers(Patient p) {
    List<String> out = new ArrayList<>();
    out.add(p.id());
    out.add(p.mrn());
    out.add(p.name());
    if (p.idNumber() != null) {
      out.add(p.idNumber());
    }
    if (p.phone() != null) {
      out.add(p.phone());
    }
    if (p.address() != null) {
      out.add(p.address());
    }
    for (PatientIdentifier id : p.identifiers()) {
      out.add(id.value());
    }
    return out;
  }

  private static String allValues(List<Map<String, Object>> rows) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> row : rows) {
      for (Object value : row.values()) {
        sb.append(value).append('\u0001');
      }
    }
    return sb.toString();
  }
}
