package io.tianshu.query.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures export speed (a main class, not a test): a synthetic hospital of N patients in an
 * embedded DuckDB store, every patient from the first encounter, the ten variables of {@code
 * export/speed-probe.dataset.json} (then the same with the admission note's full text), as CSV and
 * Parquet, identified and de-identified. Prints one JSON object with the median of five runs after
 * a warm-up, and as the same-run baseline the rate of reading the members' records alone.
 *
 * <pre>
 * ./mvnw -q -pl query test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.tianshu.query.export.ExportSpeedProbe -Dexec.args="/tmp/probe 3000"
 * </pre>
 */
public final class ExportSpeedProbe {

  private static final int RUNS = 5;

  private ExportSpeedProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "/tmp/export-probe"));
    int patients = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    List<PatientRecord> records = new ArrayList<>();
    for (GeneratedPatient p :
        new SyntheticHospital(new SynthConfig(42, patients, LocalDate.of(2026, 6, 30)))) {
      records.add(p.record());
    }
    CohortDefinition everyone =
        CohortDefinition.parse(Fixtures.text("/export/first-encounter.cohort.json"));
    String tenJson = Fixtures.text("/export/speed-probe.dataset.json");
    DatasetSpec ten = DatasetSpec.parse(tenJson);
    DatasetSpec withNote =
        DatasetSpec.parse(
            tenJson.replace(
                "\n  ]\n}",
                ",\n    { \"name\": \"admission_note\", \"aggregate\": \"FIRST_VALUE\", \"field\":"
                    + " \"TEXT\", \"criterion\": { \"type\": \"document\", \"documentType\":"
                    + " [\"ADMISSION_NOTE\"], \"sameEncounter\": true } }\n  ]\n}"));
    Deidentification deid =
        new Deidentification(
            "speed-probe-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            DateShiftRange.DEFAULT);
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    out.put("patients", patients);
    out.put("processors", Runtime.getRuntime().availableProcessors());
    try (ExportStores stores = ExportStores.duckdb(records)) {
      long t0 = System.nanoTime();
      List<CohortMember> members = new SqlCohortEngine(stores.store()).members(everyone);
      out.put("members", members.size());
      out.put("cohortSeconds", (System.nanoTime() - t0) / 1e9);
      ExportCohort cohort = ExportCohort.of(everyone, members);
      out.put("baselineReadRowsPerSecond", Math.round(members.size() / readOnly(stores, members)));
      ArrayNode results = out.putArray("results");
      for (DatasetSpec spec : List.of(ten, withNote)) {
        for (ExportFormat format : ExportFormat.values()) {
          for (Deidentification d : Arrays.asList(null, deid)) {
            Path file = dir.resolve("probe." + format.extension());
            DatasetExporter.export(stores.store(), cohort, spec, format, d, file); // warm-up
            double[] seconds = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
              seconds[r] =
                  DatasetExporter.export(stores.store(), cohort, spec, format, d, file).seconds();
            }
            Arrays.sort(seconds);
            double median = seconds[RUNS / 2];
            ObjectNode result = results.addObject();
            result.put("variables", spec.variables().size());
            result.put("format", format.extension());
            result.put("deidentified", d != null);
            result.put("medianSeconds", median);
            result.put("rowsPerSecond", Math.round(members.size() / median));
            result.put("bytes", Files.size(file));
          }
        }
      }
    }
    System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
  }

  /**
   * The same-run baseline: median seconds to read every member's record in the exporter's chunks,
   * which is the floor of any export through {@code readPatients}.
   */
  private static double readOnly(ExportStores stores, List<CohortMember> members) {
    List<String> ids = members.stream().map(CohortMember::patientId).toList();
    double[] seconds = new double[RUNS + 1];
    for (int r = 0; r <= RUNS; r++) {
      long started = System.nanoTime();
      for (int from = 0; from < ids.size(); from += DatasetExporter.CHUNK_SIZE) {
        stores
            .store()
            .readPatients(
                ids.subList(from, Math.min(ids.size(), from + DatasetExporter.CHUNK_SIZE)),
                java.util.Set.of());
      }
      seconds[r] = (System.nanoTime() - started) / 1e9;
    }
    double[] timed = Arrays.copyOfRange(seconds, 1, seconds.length); // the first warms up
    Arrays.sort(timed);
    return timed[RUNS / 2];
  }
}
