package io.tianshu.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.MessageOutcome;
import io.tianshu.ingest.staging.StagedMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bytes never crash the table connector: in a CSV body under a valid header (plain and
 * gzipped) every row is staged and ends applied or quarantined with a 4xx code, and counts
 * reconcile; as a staged unit they are quarantined, never thrown.
 */
class TablePropertiesTest {

  private static final TableMapping WARD =
      TableMapping.load(TableRowQuarantineTest.ward().resolve("mapping.yaml"));
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static TestStores.Opened opened;
  private static IngestFeed feed;

  @BeforeContainer
  static void open() {
    opened = TestStores.duckdb();
    feed = TableFeeds.feed(opened.store(), TableMappings.of(List.of(WARD)));
  }

  @AfterContainer
  static void close() {
    opened.close();
  }

  @Property(tries = 40)
  void randomBytesUnderAValidHeaderAreStagedAndAccountedFor(
      @ForAll @Size(max = 2000) byte[] body, @ForAll boolean gzip) throws IOException {
    Path dir = Files.createTempDirectory(opened.directory(), "csv");
    byte[] header = "报告单号,项目代码,项目名称,病案号,就诊号,结果,单位,标志,采样时间\r\n".getBytes(GB18030);
    try (OutputStream out = Files.newOutputStream(dir.resolve("labs.csv"));
        OutputStream target = gzip ? new GZIPOutputStream(out) : out) {
      target.write(header);
      target.write(body);
    }
    IngestCounts counts = TableFiles.ingest(feed, WARD, List.of(dir), p -> {});
    assertThat(counts.reconciles()).isTrue();
    assertThat(counts.held())
        .as("no patient of random rows is in the CDR")
        .isLessThanOrEqualTo(counts.received());
    assertThat(TableFeeds.units(opened.store()))
        .filteredOn(u -> u.status().equals("QUARANTINED"))
        .allSatisfy(u -> assertThat(u.code()).startsWith("TS-INGEST-4"));
  }

  @Property(tries = 300)
  void randomBytesAsAUnitAreQuarantinedNotThrown(@ForAll byte[] tail) {
    byte[] raw = new byte[TableChunk.PREFIX.length + tail.length];
    System.arraycopy(TableChunk.PREFIX, 0, raw, 0, TableChunk.PREFIX.length);
    System.arraycopy(tail, 0, raw, TableChunk.PREFIX.length, tail.length);
    TableUnitFormat format = new TableUnitFormat(TableMappings.of(List.of(WARD)));
    assertThat(format.recognises(raw)).isTrue();
    format.header(raw);
    MessageOutcome outcome =
        format.ingest(StagedMessage.of("WARD-HIS", null, Instant.EPOCH, raw), "b");
    assertThat(outcome).isInstanceOf(MessageOutcome.Quarantined.class);
    assertThat(((MessageOutcome.Quarantined) outcome).code())
        .isEqualTo(IngestErrorCode.TABLE_UNIT_UNREADABLE);
  }
}
