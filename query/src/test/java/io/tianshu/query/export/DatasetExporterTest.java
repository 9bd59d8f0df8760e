package io.tianshu.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.Fixtures;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.export.deid.DateShiftRange;
import io.tianshu.query.export.deid.Deidentification;
import io.tianshu.query.export.deid.TextScrubber;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.SqlCohortEngine;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chest-pain-centre ward ({@code export/chest-pain-centre.json}) exported with the registry
 * spec: every value against hand-computed rows, in CSV and Parquet, identified and de-identified.
 */
class DatasetExporterTest {

  private static final String WARD = "/export/chest-pain-centre.json";
  private static final byte[] SECRET =
      "a-test-secret-of-enough-length-0123".getBytes(StandardCharsets.UTF_8);

  private static List<PatientRecord> records;
  private static ExportStores stores;
  private static CohortDefinition definition;
  private static List<CohortMember> members;
  private static DatasetSpec spec;
  private static List<Map<String, JsonNode>> expected;

  @TempDir Path temp;

  @BeforeAll
  static void load() {
    records = Fixtures.patients(WARD);
    stores = ExportStores.duckdb(records);
    definition = CohortDefinition.parse(Fixtures.text("/export/mi-cohort.json"));
    members = new SqlCohortEngine(stores.store()).members(definition);
    spec = DatasetSpec.parse(Fixtures.text("/export/mi-registry.dataset.json"));
    expected = new ArrayList<>();
    for (JsonNode row : Fixtures.json("/export/mi-registry.expected.json").get("rows")) {
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), e.getValue());
      }
      expected.add(fields);
    }
  }

  @AfterAll
  static void close() {
    stores.close();
  }

  private static Deidentification deid() {
    return new Deidentification(SECRET, DateShiftRange.DEFAULT);
  }

  @Test
  void theCohortHasTheFourInfarctionsWithTheirIndexTimes() {
    assertThat(members)
        .extracting(CohortMember::patientId)
        .containsExactly("E001", "E002", "E003", "E004");
    assertThat(members)
        .extracting(m -> CsvDatasetWriter.TIMESTAMP.format(m.indexAt()))
        .containsExactlyElementsOf(expected.stream().map(r -> r.get("index_at").asText()).toList());
  }

  @Test
  void identifiedCsvHasTheHandComputedRows() throws Exception {
    Path file = temp.resolve("registry.csv");
    ExportSummary summary =
        DatasetExporter.export(
            stores.store(),
            ExportCohort.of(definition, members),
            spec,
            ExportFormat.CSV,
            null,
            file);

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(Csv.header(text)).containsExactlyElementsOf(expected.get(0).keySet());
    List<Map<String, String>> rows = Csv.read(text);
    assertThat(rows).hasSize(expected.size());
    for (int i = 0; i < rows.size(); i++) {
      for (Map.Entry<String, JsonNode> e : expected.get(i).entrySet()) {
        assertCsvField(rows.get(i).get(e.getKey()), e.getValue(), "row " + i + " " + e.getKey());
      }
    }
    assertThat(summary.rows()).isEqualTo(4);
    assertThat(summary.skippedMembers()).isZero();
    assertThat(summary.deidentified()).isFalse();
    assertThat(summary.columns()).hasSize(expected.get(0).size());
    assertThat(summary.file()).isEqualTo(file.toAbsolutePath());
  }

  @Test
  void csvQuotesMultiLineTextAndEndsRecordsWithCrlf() throws Exception {
    Path file = temp.resolve("registry.csv");
    DatasetExporter.export(
        stores.store(), ExportCohort.of(definition, members), spec, ExportFormat.CSV, null, file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String note = document("E001-N1").text();
    assertThat(note).contains("\n");
    assertThat(text).contains(",\"" + note + "\"\r\n");
    assertThat(text.lines().findFirst().orElseThrow()).startsWith("patient_id,mrn,index_at,age");
  }

  @Test
  void identifiedParquetHasTypedColumnsAndTheSameRows() throws Exception {
    Path file = temp.resolve("registry.parquet");
    DatasetExporter.export(
        stores.store(),
        ExportCohort.of(definition, members),
        spec,
        ExportFormat.PARQUET,
        null,
        file);

    Map<String, String> types = parquetTypes(file);
    assertThat(types)
        .containsEntry("patient_id", "VARCHAR")
        .containsEntry("index_at", "TIMESTAMP")
        .containsEntry("age", "INTEGER")
        .containsEntry("troponin_first_24h", "DOUBLE")
        .containsEntry("troponin_count_stay", "BIGINT")
        .containsEntry("pci_30d", "BOOLEAN")
        .containsEntry("aspirin_first_given", "TIMESTAMP")
        .containsEntry("admission_note", "VARCHAR");
    List<Map<String, Object>> rows = readParquet(file);
    assertThat(rows).hasSize(expected.size());
    for (int i = 0; i < rows.size(); i++) {
      for (Map.Entry<String, JsonNode> e : expected.get(i).entrySet()) {
        assertTypedField(rows.get(i).get(e.getKey()), e.getValue(), "row " + i + " " + e.getKey());
      }
    }
  }

  @Test
  void deidentifiedCsvHasPseudonymsShiftedTimesTopCodedAgesAndScrubbedText() throws Exception {
    Deidentification deid = deid();
    Path file = temp.resolve("registry-deid.csv");
    ExportSummary summary =
        DatasetExporter.export(
            stores.store(),
            ExportCohort.of(definition, members),
            spec,
            ExportFormat.CSV,
            deid,
            file);
    assertThat(summary.deidentified()).isTrue();

    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> header = Csv.header(text);
    assertThat(header).startsWith("subject_id", "index_at").doesNotContain("patient_id", "mrn");
    Map<String, Map<String, String>> bySubject = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (Map<String, String> row : Csv.read(text)) {
      bySubject.put(row.get("subject_id"), row);
      order.add(row.get("subject_id"));
    }
    assertThat(order).as("rows are in pseudonym order").isSorted();
    for (Map<String, JsonNode> want : expected) {
      String patientId = want.get("patient_id").asText();
      int shift = deid.shiftDays(patientId);
      Map<String, String> row = bySubject.get(deid.pseudonym(patientId));
      assertThat(row).as("row of %s", patientId).isNotNull();
      for (Map.Entry<String, JsonNode> e : want.entrySet()) {
        String column = e.getKey();
        JsonNode value = e.getValue();
        String where = patientId + " " + column;
        if (column.equals("patient_id") || column.equals("mrn")) {
          continue;
        }
        if (column.equals("age")) {
          assertThat(row.get(column))
              .as(where)
              .isEqualTo(Integer.toString(Math.min(90, value.asInt())));
        } else if (isTimestamp(value)) {
          LocalDateTime real = LocalDateTime.parse(value.asText(), CsvDatasetWriter.TIMESTAMP);
          assertThat(row.get(column))
              .as(where)
              .isEqualTo(CsvDatasetWriter.TIMESTAMP.format(real.plusDays(shift)));
        } else if (column.equals("admission_note")) {
          assertScrubbedNote(row.get(column), value, patientId, shift);
        } else {
          assertCsvField(row.get(column), value, where);
        }
      }
    }
    assertThat(text)
        .doesNotContain("陈建国", "林秀英", "王小明", "110101195805101234", "13812345678")
        .doesNotContain("１３９００００１１１１", "文三路100号", "漕溪北路88号", "88000001", "E001");
    assertThat(bySubject.get(deid.pseudonym("E002")).get("age")).isEqualTo("90");
  }

  private void assertScrubbedNote(String note, JsonNode expected, String patientId, int shift) {
    if (expected.isNull()) {
      assertThat(note).isNull();
      return;
    }
    String original = document(expected.get("document").asText()).text();
    assertThat(note).isNotEqualTo(original).contains(TextScrubber.NAME);
    if (patientId.equals("E001")) {
      String shifted =
          CsvDatasetWriter.TIMESTAMP
              .format(LocalDateTime.of(2025, 3, 10, 0, 0).plusDays(shift))
              .substring(0, 10);
      assertThat(note)
          .contains("姓名：" + TextScrubber.NAME, "身份证号：" + TextScrubber.ID_NUMBER)
          .contains("联系电话：" + TextScrubber.PHONE, "住址：" + TextScrubber.ADDRESS)
          .contains("于" + shifted + " 00:00无明显诱因", "主诉：胸痛3小时。")
          .doesNotContain("2025-03-10");
    } else {
      assertThat(note).contains("年龄：≥90岁", "家属：" + TextScrubber.NAME, "主诉：胸闷2天。");
    }
  }

  @Test
  void deidentifiedParquetMatchesDeidentifiedCsv() throws Exception {
    Deidentification deid = deid();
    Path csv = temp.resolve("d.csv");
    Path parquet = temp.resolve("d.parquet");
    ExportCohort cohort = ExportCohort.of(definition, members);
    DatasetExporter.export(stores.store(), cohort, spec, ExportFormat.CSV, deid, csv);
    DatasetExporter.export(stores.store(), cohort, spec, ExportFormat.PARQUET, deid, parquet);

    List<Map<String, String>> fromCsv = Csv.read(Files.readString(csv, StandardCharsets.UTF_8));
    List<Map<String, Object>> fromParquet = readParquet(parquet);
    assertThat(fromParquet).hasSameSizeAs(fromCsv);
    for (int i = 0; i < fromCsv.size(); i++) {
      for (Map.Entry<String, String> e : fromCsv.get(i).entrySet()) {
        Object typed = fromParquet.get(i).get(e.getKey());
        String asCsv =
            typed == null
                ? null
                : typed instanceof LocalDateTime t
                    ? CsvDatasetWriter.TIMESTAMP.format(t)
                    : typed instanceof Double d
                        ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                        : typed.toString();
        assertThat(asCsv).as("row %d %s", i, e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  @Test
  void sameSecretSamePseudonymsAndShiftsOtherSecretOthers() throws Exception {
    ExportCohort cohort = ExportCohort.of(definition, members);
    Path a = temp.resolve("a.csv");
    Path b = temp.resolve("b.csv");
    Path c = temp.resolve("c.csv");
    DatasetExporter.export(stores.store(), cohort, spec, ExportFormat.CSV, deid(), a);
    DatasetExporter.export(stores.store(), cohort, spec, ExportFormat.CSV, deid(), b);
    Deidentification other =
        new Deidentification(
            "another-secret-of-enough-length-99".getBytes(StandardCharsets.UTF_8),
            DateShiftRange.DEFAULT);
    DatasetExporter.export(stores.store(), cohort, spec, ExportFormat.CSV, other, c);

    assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
    List<String> first =
        Csv.read(Files.readString(a)).stream().map(r -> r.get("subject_id")).toList();
    List<String> third =
        Csv.read(Files.readString(c)).stream().map(r -> r.get("subject_id")).toList();
    assertThat(third).doesNotContainAnyElementsOf(first);
  }

  @Test
  void manifestDescribesTheExportAndNeverTheSecret() throws Exception {
    Path file = temp.resolve("registry.parquet");
    ExportSummary summary =
        DatasetExporter.export(
            stores.store(),
            ExportCohort.of(definition, members),
            spec,
            ExportFormat.PARQUET,
            new Deidentification(SECRET, new DateShiftRange(7, 60)),
            file);

    assertThat(summary.manifestFile()).isEqualTo(temp.resolve("registry.parquet.manifest.json"));
    String text = Files.readString(summary.manifestFile(), StandardCharsets.UTF_8);
    JsonNode m = new ObjectMapper().readTree(text);
    assertThat(m.get("cohort").asText()).isEqualTo(definition.name());
    assertThat(m.get("rows").asLong()).isEqualTo(4);
    assertThat(m.get("format").asText()).isEqualTo("parquet");
    assertThat(m.get("file").asText()).isEqualTo("registry.parquet");
    assertThat(m.get("deidentified").asBoolean()).isTrue();
    assertThat(m.at("/deidentification/dateShiftDays/min").asInt()).isEqualTo(7);
    assertThat(m.at("/deidentification/dateShiftDays/max").asInt()).isEqualTo(60);
    assertThat(m.at("/deidentification/ageTopCode").asInt()).isEqualTo(90);
    assertThat(m.get("spec").get("name").asText()).isEqualTo(spec.name());
    assertThat(m.get("columns").get(0).get("name").asText()).isEqualTo("subject_id");
    assertThat(m.has("createdAt")).isTrue();
    assertThat(text).doesNotContain(new String(SECRET, StandardCharsets.UTF_8), "E001", "陈建国");
    for (CohortMember member : members) {
      assertThat(text).doesNotContain(deid().pseudonym(member.patientId()));
    }
  }

  @Test
  void streamedCsvIsTheSameAsTheFile() throws Exception {
    ExportCohort cohort = ExportCohort.of(definition, members);
    Path file = temp.resolve("f.csv");
    DatasetExporter.export(stores.store(), cohort, spec, ExportFormat.CSV, deid(), file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportSummary summary =
        DatasetExporter.export(stores.store(), cohort, spec, ExportFormat.CSV, deid(), out);

    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(file));
    assertThat(summary.file()).isNull();
    assertThat(summary.manifest().rows()).isEqualTo(4);
  }

  @Test
  void streamedParquetReadsBack() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatasetExporter.export(
        stores.store(),
        ExportCohort.of(definition, members),
        spec,
        ExportFormat.PARQUET,
        null,
        out);
    Path file = Files.write(temp.resolve("s.parquet"), out.toByteArray());
    assertThat(readParquet(file))
        .extracting(r -> r.get("patient_id"))
        .containsExactly("E001", "E002", "E003", "E004");
  }

  @Test
  void membersWithoutARecordAreSkippedAndCounted() throws Exception {
    List<CohortMember> withGhost = new ArrayList<>(members);
    withGhost.add(new CohortMember("NOBODY", LocalDateTime.of(2025, 1, 1, 0, 0)));
    ExportSummary summary =
        DatasetExporter.export(
            stores.store(),
            new ExportCohort("ghosts", definition, withGhost),
            spec,
            ExportFormat.CSV,
            null,
            temp.resolve("g.csv"));
    assertThat(summary.rows()).isEqualTo(4);
    assertThat(summary.skippedMembers()).isEqualTo(1);
  }

  @Test
  void withoutTheDefinitionTheEncounterOpenAtTheIndexTimeIsUsed() throws Exception {
    // E003's emergency visit and ward stay are both open at 08:30; the definition's same-stay
    // aspirin rule picks the stay, and without the definition the stay is preferred too.
    Path with = temp.resolve("with.csv");
    Path without = temp.resolve("without.csv");
    DatasetExporter.export(
        stores.store(), ExportCohort.of(definition, members), spec, ExportFormat.CSV, null, with);
    DatasetExporter.export(
        stores.store(), new ExportCohort("", null, members), spec, ExportFormat.CSV, null, without);
    assertThat(Files.readString(without)).isEqualTo(Files.readString(with));
  }

  @Test
  void anEmptyCohortGivesAHeaderOnlyCsvAndAnEmptyTypedParquet() throws Exception {
    ExportCohort empty = new ExportCohort("nobody", definition, List.of());
    Path csv = temp.resolve("empty.csv");
    Path parquet = temp.resolve("empty.parquet");
    assertThat(
            DatasetExporter.export(stores.store(), empty, spec, ExportFormat.CSV, deid(), csv)
                .rows())
        .isZero();
    DatasetExporter.export(stores.store(), empty, spec, ExportFormat.PARQUET, deid(), parquet);

    assertThat(Files.readString(csv))
        .isEqualTo(String.join(",", Csv.header(Files.readString(csv))) + "\r\n");
    assertThat(readParquet(parquet)).isEmpty();
    assertThat(parquetTypes(parquet)).containsEntry("index_at", "TIMESTAMP").hasSize(22);
  }

  @Test
  void aFailedExportLeavesNoFileBehind() throws Exception {
    Path blocked = Files.writeString(temp.resolve("not-a-directory"), "x");
    assertThatThrownBy(
            () ->
                DatasetExporter.export(
                    stores.store(),
                    ExportCohort.of(definition, members),
                    spec,
                    ExportFormat.CSV,
                    null,
                    blocked.resolve("out.csv")))
        .isInstanceOfSatisfying(
            TianshuException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ExportErrors.EXPORT_FAILED));
    try (var files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("not-a-directory");
    }
  }

  private static ClinicalDocument document(String id) {
    return records.stream()
        .flatMap(r -> r.documents().stream())
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static boolean isTimestamp(JsonNode value) {
    return value.isTextual() && value.asText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  }

  private static void assertCsvField(String actual, JsonNode want, String where) {
    if (want.isNull()) {
      assertThat(actual).as(where).isNull();
    } else if (want.isObject()) {
      assertThat(actual).as(where).isEqualTo(document(want.get("document").asText()).text());
    } else if (want.isBoolean()) {
      assertThat(actual).as(where).isEqualTo(Boolean.toString(want.asBoolean()));
    } else if (want.isIntegralNumber()) {
      assertThat(actual).as(where).isEqualTo(want.asText());
    } else if (want.isNumber()) {
      assertThat(actual).as(where).matches("-?\\d+(\\.\\d+)?");
      assertThat(new BigDecimal(actual)).as(where).isEqualByComparingTo(want.decimalValue());
    } else {
      assertThat(actual).as(where).isEqualTo(want.asText());
    }
  }

  private static void assertTypedField(Object actual, JsonNode want, String where) {
    if (want.isNull()) {
      assertThat(actual).as(where).isNull();
    } else if (want.isObject()) {
      assertThat(actual).as(where).isEqualTo(document(want.get("document").asText()).text());
    } else if (want.isBoolean()) {
      assertThat(actual).as(where).isEqualTo(want.asBoolean());
    } else if (want.isIntegralNumber()) {
      assertThat(((Number) actual).longValue()).as(where).isEqualTo(want.asLong());
    } else if (want.isNumber()) {
      assertThat(actual).as(where).isEqualTo(want.asDouble());
    } else if (isTimestamp(want)) {
      assertThat(actual)
          .as(where)
          .isEqualTo(LocalDateTime.parse(want.asText(), CsvDatasetWriter.TIMESTAMP));
    } else {
      assertThat(actual).as(where).isEqualTo(want.asText());
    }
  }

  static Map<String, String> parquetTypes(Path file) throws Exception {
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement s = c.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
      s.setString(1, file.toString());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString("column_name"), rs.getString("column_type"));
        }
      }
    }
    return types;
  }

  static List<Map<String, Object>> readParquet(Path file) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement s = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
      s.setString(1, file.toString());
      try (ResultSet rs = s.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value =
                meta.getColumnTypeName(i).equals("TIMESTAMP")
                    ? rs.getObject(i, LocalDateTime.class)
                    : rs.getObject(i);
            row.put(meta.getColumnName(i), value);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
