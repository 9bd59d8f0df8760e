package io.tianshu.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every date and time form the ward mapping declares ({@code 2023年5月6日 14时30分}, {@code 2023年5月6日},
 * ISO) reads back the moment it was written from, for any moment; days that do not exist are
 * errors, not the next month.
 */
class TemporalFormatsPropertiesTest {

  private static final TableMapping WARD =
      TableMapping.load(TableRowQuarantineTest.ward().resolve("mapping.yaml"));

  private static TemporalFormats admitted() {
    return WARD.table("visits").orElseThrow().fields().get("admitted_at").formats();
  }

  @Provide
  Arbitrary<LocalDateTime> moments() {
    return Arbitraries.longs()
        .between(
            LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC),
            LocalDateTime.of(2100, 12, 31, 23, 59).toEpochSecond(java.time.ZoneOffset.UTC))
        .map(s -> LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC).withSecond(0));
  }

  @Property(tries = 500)
  void everyDeclaredFormReadsBackItsMoment(@ForAll("moments") LocalDateTime t) {
    TemporalFormats formats = admitted();
    assertThat(formats.patterns()).contains("yyyy年M月d日 H时m分", "yyyy年M月d日", "iso");
    for (String pattern : formats.patterns()) {
      if (pattern.equals("iso")) {
        assertThat(formats.dateTime(t.toString(), "at")).isEqualTo(t);
        assertThat(formats.dateTime(t.toString().replace('T', ' '), "at")).isEqualTo(t);
        continue;
      }
      String text = DateTimeFormatter.ofPattern(pattern).format(t);
      LocalDateTime expected = pattern.contains("H") ? t : t.toLocalDate().atStartOfDay();
      assertThat(formats.dateTime(text, "at")).as(text).isEqualTo(expected);
      assertThat(formats.date(text, "at")).as(text).isEqualTo(t.toLocalDate());
    }
  }

  @Property(tries = 200)
  void zeroPaddedChineseFormsReadToo(@ForAll("moments") LocalDateTime t) {
    String text = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH时mm分").format(t);
    assertThat(admitted().dateTime(text, "at")).isEqualTo(t);
  }

  @Example
  void daysThatDoNotExistAreErrors() {
    for (String text :
        List.of("2023年2月30日 10时00分", "2023年13月1日", "2023-02-29", "2024年2月30日", "5月6日")) {
      assertThatThrownBy(() -> admitted().dateTime(text, "admitted_at"))
          .isInstanceOf(RowFailure.class)
          .hasMessageStartingWith("admitted_at: '" + text + "' is not a valid date/time");
    }
    assertThat(admitted().date("2024年2月29日", "d")).isEqualTo(LocalDate.of(2024, 2, 29));
  }
}
