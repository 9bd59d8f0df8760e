package io.tianshu.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.query.Fixtures;
import io.tianshu.query.criteria.Count;
import io.tianshu.query.criteria.LabCriterion;
import io.tianshu.query.criteria.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatasetSpecTest {

  @Test
  void readsTheRegistrySpecWithTheCriteriaLanguagesOwnCriteria() {
    String json = Fixtures.text("/export/mi-registry.dataset.json");
    DatasetSpec spec = DatasetSpec.parse(json);

    assertThat(spec.version()).isEqualTo(1);
    assertThat(spec.json()).isEqualTo(json);
    assertThat(spec.variables()).hasSize(20);
    FactVariable troponin = (FactVariable) spec.variables().get(2);
    assertThat(troponin.aggregate()).isEqualTo(Aggregate.FIRST_VALUE);
    assertThat(troponin.field()).as("a lab's default field").isEqualTo(FactField.VALUE);
    assertThat(troponin.criterion()).isInstanceOf(LabCriterion.class);
    assertThat(troponin.criterion().scope().window()).isEqualTo(new Window(-24, 24));
    FactVariable days = (FactVariable) spec.variables().get(11);
    assertThat(days.distinct()).isEqualTo(Count.Distinct.DAY);
    assertThat(days.criterion().scope().sameEncounter()).isTrue();
  }

  @Test
  void columnsAreTypedAndLedByTheIdentityColumns() {
    DatasetSpec spec = DatasetSpec.parse(Fixtures.text("/export/mi-registry.dataset.json"));

    List<Column> identified = DatasetExporter.columns(spec, false);
    assertThat(identified.subList(0, 5))
        .containsExactly(
            new Column("patient_id", ColumnType.VARCHAR),
            new Column("mrn", ColumnType.VARCHAR),
            new Column("index_at", ColumnType.TIMESTAMP),
            new Column("age", ColumnType.INTEGER),
            new Column("sex", ColumnType.VARCHAR));
    List<Column> deidentified = DatasetExporter.columns(spec, true);
    assertThat(deidentified.get(0)).isEqualTo(new Column("subject_id", ColumnType.VARCHAR));
    assertThat(deidentified).hasSize(identified.size() - 1);
    assertThat(deidentified)
        .contains(
            new Column("troponin_max_24h", ColumnType.DOUBLE),
            new Column("troponin_first_text", ColumnType.VARCHAR),
            new Column("troponin_count_stay", ColumnType.BIGINT),
            new Column("troponin_last_time", ColumnType.TIMESTAMP),
            new Column("pci_30d", ColumnType.BOOLEAN),
            new Column("stay_days", ColumnType.DOUBLE));
  }

  @Test
  void chineseColumnNamesAreFine() {
    DatasetSpec spec =
        DatasetSpec.parse(
            "{\"version\":1,\"variables\":[{\"name\":\"年龄\",\"demographic\":\"AGE\"}]}");
    assertThat(spec.variables().get(0).name()).isEqualTo("年龄");
  }

  static Stream<Arguments> invalid() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Fixtures.json("/export/invalid-specs.json").get("cases")) {
      JsonNode spec = c.get("spec");
      out.add(
          Arguments.of(
              spec.isTextual() ? spec.asText() : spec.toString(), c.get("error").asText()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void reportsTheBadFieldByJsonPointer(String json, String expected) {
    assertThatThrownBy(() -> DatasetSpec.parse(json))
        .isInstanceOfSatisfying(
            DatasetSpecException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ExportErrors.INVALID_DATASET_SPEC);
              assertThat(e.getMessage()).startsWith(expected);
            });
  }
}
