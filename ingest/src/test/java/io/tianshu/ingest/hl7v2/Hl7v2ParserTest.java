package io.tianshu.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hl7v2ParserTest {

  private final Hl7v2Parser parser = new Hl7v2Parser();

  @Test
  void msh18NamesMapToCharsets() {
    assertThat(Hl7v2Parser.charsetOf("")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(Hl7v2Parser.charsetOf("UNICODE UTF-8")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(Hl7v2Parser.charsetOf("8859/1")).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(Hl7v2Parser.charsetOf("GB 18030-2000")).isEqualTo(Charset.forName("GB18030"));
    assertThat(Hl7v2Parser.charsetOf("gbk")).isEqualTo(Charset.forName("GBK"));
    assertThatThrownBy(() -> Hl7v2Parser.charsetOf("EBCDIC"))
        .hasMessage("unsupported character set in MSH-18: 'EBCDIC'");
  }

  @Test
  void readsHeaderWithoutHapi() {
    MshHeader header = parser.readHeader(Fixtures.bytes("hl7v2/adt-a01-gb18030.hl7"));
    assertThat(header.typeAndTrigger()).isEqualTo("ADT^A01");
    assertThat(header.controlId()).isEqualTo("HIS-20261120-0001");
    assertThat(header.version()).isEqualTo("2.4");
    assertThat(header.characterSet()).isEqualTo("GB 18030-2000");
  }

  @Test
  void gb18030BytesWithoutMsh18AreNotGuessed() {
    String text =
        new String(Fixtures.bytes("hl7v2/adt-a01-gb18030.hl7"), Charset.forName("GB18030"))
            .replace("|GB 18030-2000", "");
    byte[] undeclared = text.getBytes(Charset.forName("GB18030"));

    assertThatThrownBy(() -> parser.parse(undeclared))
        .isInstanceOfSatisfying(
            IngestException.class,
            e -> assertThat(e.ingestErrorCode()).isEqualTo(IngestErrorCode.CHARACTER_SET))
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void acceptsLineFeedsAndMllpFraming() {
    String text =
        new String(Fixtures.bytes("hl7v2/adt-a02-utf8.hl7"), StandardCharsets.UTF_8)
            .replace("\r", "\n");
    byte[] framed = ("\u000b" + text + "\u001c\r").getBytes(StandardCharsets.UTF_8);

    ParsedMessage parsed = parser.parse(framed);

    assertThat(parsed.segments()).extracting(s -> s.getName()).startsWith("MSH", "EVN", "PID");
  }
}
