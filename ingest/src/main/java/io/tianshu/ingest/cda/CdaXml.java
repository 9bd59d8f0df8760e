package io.tianshu.ingest.cda;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads CDA bytes safely: decodes them strictly in the character set the BOM or XML declaration
 * names (never guessing), refuses any DTD so that no entity is ever expanded or fetched (XXE), and
 * parses with the JDK's namespace-aware DOM parser.
 */
final class CdaXml {

  static final String HL7_V3 = "urn:hl7-org:v3";

  private static final Pattern ENCODING =
      Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._\\-]+)[\"']");

  private static final ErrorHandler STRICT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // warnings (e.g. about namespaces) do not make a document unreadable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  private final DocumentBuilderFactory factory;

  /**
   * A builder per thread: creating one costs about as much as parsing a document, and a builder is
   * not thread-safe; {@code reset()} restores the factory's configuration between documents.
   */
  private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(this::newBuilder);

  CdaXml() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // OWASP XXE prevention: no DOCTYPE at all, hence no entities, internal or external.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setValidating(false);
      this.factory = f;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
  }

  private DocumentBuilder newBuilder() {
    synchronized (factory) {
      try {
        return factory.newDocumentBuilder();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The parsed document; its root is a v3 {@code ClinicalDocument}. */
  Document parse(byte[] raw) {
    String text = decode(raw);
    DocumentBuilder builder = builders.get();
    builder.reset();
    builder.setErrorHandler(STRICT);
    builder.setEntityResolver(
        (publicId, systemId) -> {
          throw new SAXException("external entity refused: " + systemId);
        });
    Document doc;
    try {
      doc = builder.parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("DOCTYPE")) {
        throw new IngestException(
            IngestErrorCode.CDA_DOCTYPE,
            "DTD or entity declaration refused (line " + e.getLineNumber() + ")");
      }
      throw new IngestException(
          IngestErrorCode.CDA_NOT_WELL_FORMED,
          "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + message);
    } catch (SAXException | IOException e) {
      throw new IngestException(
          IngestErrorCode.CDA_NOT_WELL_FORMED, String.valueOf(e.getMessage()));
    }
    Element root = doc.getDocumentElement();
    if (!"ClinicalDocument".equals(root.getLocalName()) || !HL7_V3.equals(root.getNamespaceURI())) {
      throw new IngestException(
          IngestErrorCode.CDA_NOT_CLINICAL_DOCUMENT,
          "root element is {" + root.getNamespaceURI() + "}" + root.getLocalName());
    }
    return doc;
  }

  /** The declared character set (from the BOM or the XML declaration), UTF-8 when none. */
  static Charset charset(byte[] raw) {
    if (raw.length >= 2 && (raw[0] & 0xff) == 0xfe && (raw[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16BE;
    }
    if (raw.length >= 2 && (raw[0] & 0xff) == 0xff && (raw[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16LE;
    }
    String name = declaredEncoding(raw);
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    String upper = name.toUpperCase(Locale.ROOT);
    // GB2312 documents routinely contain GBK characters; GB18030 decodes both.
    if (upper.equals("GB2312") || upper.equals("GBK") || upper.equals("GB18030")) {
      return Charset.forName(upper.equals("GB2312") ? "GB18030" : upper);
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IngestException(
          IngestErrorCode.CDA_CHARACTER_SET, "unsupported encoding '" + name + "'");
    }
  }

  /** The encoding named by the XML declaration, or null. */
  static String declaredEncoding(byte[] raw) {
    int start = hasUtf8Bom(raw) ? 3 : 0;
    int end = Math.min(raw.length, start + 200);
    String head = new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
    Matcher m = ENCODING.matcher(head);
    return m.find() ? m.group(1) : null;
  }

  private static boolean hasUtf8Bom(byte[] raw) {
    return raw.length >= 3
        && (raw[0] & 0xff) == 0xef
        && (raw[1] & 0xff) == 0xbb
        && (raw[2] & 0xff) == 0xbf;
  }

  /** Decodes strictly: bytes invalid in the declared character set are quarantined. */
  static String decode(byte[] raw) {
    Charset cs = charset(raw);
    int skip = 0;
    if (cs.equals(StandardCharsets.UTF_8) && hasUtf8Bom(raw)) {
      skip = 3;
    } else if (cs.equals(StandardCharsets.UTF_16BE) || cs.equals(StandardCharsets.UTF_16LE)) {
      skip = 2;
    }
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw, skip, raw.length - skip))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IngestException(
          IngestErrorCode.CDA_CHARACTER_SET, "bytes are not valid " + cs.name());
    }
  }
}
