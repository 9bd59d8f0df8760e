package io.tianshu.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.StoredMessage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A ward's GB18030 extract (src/test/resources/table/ward: Chinese column names, Chinese date
 * forms, local codes, a quoted comma) with three broken rows: a sex code the value map lacks,
 * 2023年2月30日, a lab row without its patient. Each is quarantined alone with its own code and a
 * reason naming its file and line; the rows around it land; a corrected row replays into the CDR.
 * On DuckDB, and on PostgreSQL when configured.
 */
class TableRowQuarantineTest {

  static Path ward() {
    try {
      return Path.of(TableRowQuarantineTest.class.getResource("/table/ward").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("io.tianshu.ingest.table.TableFeeds#engines")
  void aBadRowIsQuarantinedWithItsReasonWhileItsNeighboursLand(String engine) {
    TableMapping mapping = TableMapping.load(ward().resolve("mapping.yaml"));
    try (TestStores.Opened opened = TestStores.open(engine)) {
      IngestFeed feed = TableFeeds.feed(opened.store(), TableMappings.of(List.of(mapping)));
      List<TableFiles.Progress> progress = new ArrayList<>();
      IngestCounts counts = TableFiles.ingest(feed, mapping, List.of(ward()), progress::add);

      TableFiles.Progress last = progress.get(progress.size() - 1);
      assertThat(last.rows()).isEqualTo(10);
      assertThat(last.rowsSetApart()).isEqualTo(3);
      assertThat(last.skipped())
          .extracting(p -> p.getFileName().toString())
          .containsExactly("mapping.yaml");
      assertThat(counts.reconciles()).isTrue();
      assertThat(counts.quarantined()).isEqualTo(3);
      assertThat(counts.accepted()).isEqualTo(counts.received() - 3);

      Map<String, TableFeeds.Unit> quarantined =
          TableFeeds.units(opened.store()).stream()
              .filter(u -> u.status().equals("QUARANTINED"))
              .collect(Collectors.toMap(TableFeeds.Unit::code, u -> u));
      assertThat(quarantined.get(IngestErrorCode.TABLE_CODE_UNMAPPED.code()).reason())
          .isEqualTo("patients.csv:3: sex: local code 'X' is not in the value map [1, 2, 男, 女]");
      assertThat(quarantined.get(IngestErrorCode.TABLE_DATE_INVALID.code()).reason())
          .startsWith("visits.csv:3: admitted_at: '2023年2月30日 10时00分' is not a valid date/time");
      assertThat(quarantined.get(IngestErrorCode.TABLE_PATIENT_MISSING.code()).reason())
          .startsWith("labs.csv:4: patient:");
      assertThat(quarantined.values()).allSatisfy(u -> assertThat(u.chunk().rows()).hasSize(1));

      PatientRecord zhang = opened.store().readPatient("WARD|0001").orElseThrow();
      assertThat(zhang.patient().name()).isEqualTo("张三");
      assertThat(zhang.encounters())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.admittedAt()).isEqualTo(LocalDateTime.of(2023, 5, 6, 14, 30));
                assertThat(e.dischargedAt()).isEqualTo(LocalDateTime.of(2023, 5, 12, 9, 5));
              });
      assertThat(zhang.labs())
          .extracting(l -> l.item().local().code(), LabResult::flag)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("K", AbnormalFlag.LOW),
              org.assertj.core.groups.Tuple.tuple("NA", AbnormalFlag.NORMAL));
      PatientRecord wang = opened.store().readPatient("WARD|0003").orElseThrow();
      assertThat(wang.patient().name()).isEqualTo("王五, 字 \"老五\"");
      assertThat(wang.encounters().get(0).admittedAt())
          .isEqualTo(LocalDateTime.of(2023, 6, 1, 0, 0));
      assertThat(wang.labs()).hasSize(1);
      assertThat(opened.store().readPatient("WARD|0002")).isEmpty();

      // The clerk corrects the sex code and replays the row.
      TableFeeds.Unit li = quarantined.get(IngestErrorCode.TABLE_CODE_UNMAPPED.code());
      TableChunk c = li.chunk();
      String[] values = c.rows().get(0).values().clone();
      values[2] = "2";
      byte[] corrected =
          new TableChunk(
                  c.mapping(),
                  c.table(),
                  c.file(),
                  c.lines(),
                  c.header(),
                  c.joined(),
                  List.of(new TableChunk.Row(c.rows().get(0).line(), values, null)))
              .encode();
      StoredMessage replayed = feed.replay(li.id(), corrected).orElseThrow();
      assertThat(replayed.status().name()).isEqualTo("APPLIED");
      assertThat(opened.store().readPatient("WARD|0002").orElseThrow().patient().sex().name())
          .isEqualTo("FEMALE");
    }
  }
}
