package io.tianshu.ingest.cda;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import io.tianshu.ingest.staging.MessageOutcome;
import io.tianshu.ingest.staging.StagedMessage;
import io.tianshu.ingest.staging.UnitFormat;
import io.tianshu.ingest.staging.UnitHeader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Objects;
import org.w3c.dom.Element;

/**
 * CDA R2 documents per WS/T 500-2016 (电子病历共享文档规范) as a staged unit format: one XML document per
 * unit, mapped to its patient, visit, clinical document, diagnoses and operations. See {@code
 * docs/cda.md} for the templates and fields read.
 */
public final class CdaUnitFormat implements UnitFormat {

  private static final int SNIFF_BYTES = 4096;

  private final CdaXml xml = new CdaXml();
  private final CdaMapper mapper;

  /**
   * @param hospitalZone the zone of times written without an offset (WS/T 500 documents mostly
   *     write local time)
   */
  public CdaUnitFormat(ZoneId hospitalZone) {
    Objects.requireNonNull(hospitalZone, "hospitalZone");
    this.mapper = new CdaMapper(Wst500.load(), new CdaTime(hospitalZone));
  }

  @Override
  public String name() {
    return "cda";
  }

  /**
   * Whether the first element after the prolog (BOM, XML declaration, comments, processing
   * instructions, a DOCTYPE) is a {@code ClinicalDocument}; the namespace is checked by the parser.
   */
  @Override
  public boolean recognises(byte[] raw) {
    String head = head(raw);
    int i = 0;
    while (i < head.length()) {
      char c = head.charAt(i);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        i++;
      } else if (head.startsWith("<?", i)) {
        int end = head.indexOf("?>", i);
        if (end < 0) {
          return false;
        }
        i = end + 2;
      } else if (head.startsWith("<!--", i)) {
        int end = head.indexOf("-->", i);
        if (end < 0) {
          return false;
        }
        i = end + 3;
      } else if (head.startsWith("<!DOCTYPE", i)) {
        // Claimed so that the refusal is a CDA quarantine code (303), not an HL7 v2 one.
        return isClinicalDocumentName(head, skipSpaces(head, i + "<!DOCTYPE".length()));
      } else if (c == '<') {
        return isClinicalDocumentName(head, i + 1);
      } else {
        return false;
      }
    }
    return false;
  }

  private static String head(byte[] raw) {
    int n = Math.min(raw.length, SNIFF_BYTES);
    Charset cs = StandardCharsets.ISO_8859_1; // ASCII markup reads the same in UTF-8 and GB18030
    if (n >= 2 && (raw[0] & 0xff) == 0xfe && (raw[1] & 0xff) == 0xff) {
      cs = StandardCharsets.UTF_16BE;
    } else if (n >= 2 && (raw[0] & 0xff) == 0xff && (raw[1] & 0xff) == 0xfe) {
      cs = StandardCharsets.UTF_16LE;
    } else if (n >= 3 && (raw[0] & 0xff) == 0xef && (raw[1] & 0xff) == 0xbb) {
      return new String(raw, 3, n - 3, StandardCharsets.ISO_8859_1);
    }
    return new String(raw, 0, n, cs);
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code ClinicalDocument} or {@code prefix:ClinicalDocument}, then a delimiter. */
  private static boolean isClinicalDocumentName(String s, int i) {
    int end = i;
    while (end < s.length()
        && !Character.isWhitespace(s.charAt(end))
        && "/>[".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    if (end >= s.length() && end - i < 64) {
      return false;
    }
    String name = s.substring(i, end);
    int colon = name.indexOf(':');
    return (colon >= 0 ? name.substring(colon + 1) : name).equals("ClinicalDocument");
  }

  @Override
  public UnitHeader header(byte[] raw) {
    String charset = null;
    try {
      charset = CdaXml.charset(raw).name();
      Element root = xml.parse(raw).getDocumentElement();
      Wst500.Template template = mapper.template(root);
      return new UnitHeader(
          CdaMapper.sourceOrganisation(root),
          CdaMapper.documentId(root),
          template == null ? "CDA" : "CDA^" + template.code(),
          charset);
    } catch (RuntimeException | StackOverflowError e) {
      return new UnitHeader(null, null, "CDA", charset);
    }
  }

  @Override
  public MessageOutcome ingest(StagedMessage staged, String batchId) {
    try {
      Element root = xml.parse(staged.raw()).getDocumentElement();
      return new MessageOutcome.Records(staged, mapper.map(root, staged.source(), batchId));
    } catch (IngestException e) {
      return new MessageOutcome.Quarantined(staged, e.ingestErrorCode(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return new MessageOutcome.Quarantined(
          staged,
          IngestErrorCode.CDA_INTERNAL,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
