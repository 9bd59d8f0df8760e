package io.tianshu.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDatasetWriterTest {

  private static String write(List<Column> columns, Object[]... rows) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvDatasetWriter w = new CsvDatasetWriter(out, columns)) {
      for (Object[] row : rows) {
        w.write(row);
      }
      w.finish();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quotesOnlyWhatRfc4180Requires() throws Exception {
    List<Column> columns =
        List.of(
            new Column("text", ColumnType.VARCHAR),
            new Column("n", ColumnType.DOUBLE),
            new Column("at", ColumnType.TIMESTAMP),
            new Column("flag", ColumnType.BOOLEAN));
    String csv =
        write(
            columns,
            new Object[] {"a,b", 1.0, LocalDateTime.of(2025, 3, 10, 3, 0), true},
            new Object[] {
              "说\"是\"", 0.00001, LocalDateTime.of(2025, 3, 10, 3, 0, 0, 500_000), false
            },
            new Object[] {"line\r\nnext", 12345678.9, null, null},
            new Object[] {"", null, null, null},
            new Object[] {"全角，逗号不需要引号", -2.50, null, null});

    assertThat(csv)
        .isEqualTo(
            "text,n,at,flag\r\n"
                + "\"a,b\",1,2025-03-10 03:00:00,true\r\n"
                + "\"说\"\"是\"\"\",0.00001,2025-03-10 03:00:00.0005,false\r\n"
                + "\"line\r\nnext\",12345678.9,,\r\n"
                + "\"\",,,\r\n"
                + "全角，逗号不需要引号,-2.5,,\r\n");
    assertThat(Csv.read(csv).get(3).get("text")).isEmpty();
    assertThat(Csv.read(csv).get(3).get("n")).isNull();
  }
}
