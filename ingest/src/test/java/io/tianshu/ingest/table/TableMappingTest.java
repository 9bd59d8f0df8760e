package io.tianshu.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.ingest.TestStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mappings are checked when loaded: the shipped ones load, and each broken one in
 * src/test/resources/table/invalid fails with a message naming where and what.
 */
class TableMappingTest {

  @Test
  void theShippedMappingsLoadAndNameTheirTablesInLoadOrder() {
    TableMappings all = TableMappings.builtIn();
    assertThat(all.all())
        .extracting(TableMapping::key)
        .containsExactly("synthetic-hospital@1", "mimic-iv-demo@1");
    assertThat(TableMappings.shipped("synthetic-hospital").tableNames().get(0))
        .isEqualTo("patients");
    assertThat(TableMappings.shipped("mimic-iv-demo").tableNames())
        .startsWith("patients", "admissions")
        .contains("labevents", "emar");
    assertThatThrownBy(() -> TableMappings.shipped("nonesuch"))
        .isInstanceOf(TableMappingException.class)
        .hasMessageContaining("expected one of [synthetic-hospital, mimic-iv-demo]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown-field.yaml|tables.labs.fields.result: unknown field 'result' for entity lab,"
            + " expected one of [",
        "unknown-entity.yaml|tables.allergies.entity: unknown entity 'allergy', expected one of"
            + " [patient, encounter, transfer, diagnosis",
        "bad-format.yaml|dateTimeFormats: bad date/time format 'yyyy-MM-dd bb'",
        "missing-required.yaml|tables.visits.fields: entity encounter requires field"
            + " 'admitted_at'",
        "bad-map-target.yaml|tables.visits.fields.type: 'HOSPITAL' is not a value of"
            + " encounter_type",
        "unknown-key.yaml|tables.visits.fields.department.colum: unknown key, expected one of"
            + " [birthYear, column, constant, format, ifBlank, map, otherwise, template]"
      })
  void aBrokenMappingFailsAtLoadWithAClearMessage(String file, String message) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/table/invalid/" + file)) {
      assertThatThrownBy(() -> TableMapping.load(in, file))
          .isInstanceOf(TableMappingException.class)
          .hasMessageStartingWith(file + ": ")
          .hasMessageContaining(message);
    }
  }

  @Test
  void aFileWithoutAColumnTheMappingReadsIsRefusedByName(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("patients.csv"),
        "病案号,姓名,出生日期\r\n0001,张三,1960年3月5日\r\n",
        java.nio.charset.Charset.forName("GB18030"));
    TableMapping ward = TableMapping.load(TableRowQuarantineTest.ward().resolve("mapping.yaml"));
    try (TestStores.Opened opened = TestStores.duckdb()) {
      var feed = TableFeeds.feed(opened.store(), TableMappings.of(List.of(ward)));
      assertThatThrownBy(() -> TableFiles.ingest(feed, ward, List.of(dir), p -> {}))
          .isInstanceOf(TableMappingException.class)
          .hasMessageContaining("patients.csv (table patients): no column '性别' in the header");
    }
  }
}
