package io.tianshu.ingest.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes raw HL7 v2 bytes (character set from MSH-18, UTF-8 when absent; GB18030 and GBK for
 * Chinese feeds) and parses them with one shared HAPI context, validation off.
 *
 * <p>Thread-safe: HAPI's {@link PipeParser} keeps no per-message state, so one instance serves a
 * whole connector. Creating a HAPI context is expensive; create one parser and reuse it.
 */
public final class Hl7v2Parser {

  private final PipeParser parser;

  public Hl7v2Parser() {
    HapiContext context = new DefaultHapiContext();
    // Validation is ours (Hl7v2Mapper): HAPI's rules reject real-world feeds for cosmetic reasons.
    context.setValidationContext(ValidationContextFactory.noValidation());
    context.getParserConfiguration().setValidating(false);
    // A wrong OBX-2 must not stop the whole message; the mapper reads OBX-5 as text anyway.
    context.getParserConfiguration().setInvalidObx2Type("ST");
    // Ask-at-order-entry OBX segments often omit OBX-2 (Natus newborn screening feeds); read as
    // text.
    context.getParserConfiguration().setDefaultObx2Type("ST");
    this.parser = context.getPipeParser();
  }

  /**
   * Reads the MSH segment of raw bytes without HAPI, so that unsupported or malformed messages are
   * recognised cheaply and the character set is known before decoding.
   *
   * @throws IngestException {@code TS-INGEST-001} when the bytes do not start with an MSH segment
   */
  public MshHeader readHeader(byte[] raw) {
    // ISO-8859-1 maps every byte to one char, and MSH delimiters and codes are ASCII.
    String latin = new String(raw, 0, Math.min(raw.length, 4096), StandardCharsets.ISO_8859_1);
    int start = startOfMsh(latin);
    if (start < 0 && latin.stripLeading().matches("(?s)^(FHS|BHS).*")) {
      throw new IngestException(
          IngestErrorCode.BATCH_NOT_SUPPORTED,
          "batch envelope (FHS/BHS) is not supported yet: split it into messages before staging");
    }
    if (start < 0) {
      throw new IngestException(IngestErrorCode.NOT_HL7V2, "message does not start with MSH");
    }
    if (latin.length() < start + 8) {
      throw new IngestException(IngestErrorCode.NOT_HL7V2, "MSH segment is truncated");
    }
    int end = start;
    while (end < latin.length() && latin.charAt(end) != '\r' && latin.charAt(end) != '\n') {
      end++;
    }
    return MshHeader.of(latin.substring(start, end));
  }

  /**
   * As {@link #readHeader}, with the MSH segment decoded in the character set MSH-18 declares, so
   * that Chinese names in MSH-3/MSH-4 read as written; when the set is unsupported or the bytes are
   * invalid in it, the Latin-1 view of {@link #readHeader} (staging still needs a source name).
   *
   * @throws IngestException as {@link #readHeader}
   */
  public MshHeader readDecodedHeader(byte[] raw) {
    MshHeader latin = readHeader(raw);
    Charset charset;
    try {
      charset = charsetOf(latin.characterSet());
    } catch (IngestException e) {
      return latin;
    }
    if (charset.equals(StandardCharsets.ISO_8859_1)) {
      return latin;
    }
    String view = new String(raw, 0, Math.min(raw.length, 4096), StandardCharsets.ISO_8859_1);
    int start = startOfMsh(view);
    int end = start;
    while (end < view.length() && view.charAt(end) != '\r' && view.charAt(end) != '\n') {
      end++;
    }
    try {
      String line =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw, start, end - start))
              .toString();
      return MshHeader.of(line);
    } catch (CharacterCodingException | IngestException e) {
      return latin;
    }
  }

  /**
   * Decodes and parses one message.
   *
   * @throws IngestException with a stable code when the bytes cannot be decoded or parsed
   */
  public ParsedMessage parse(byte[] raw) {
    MshHeader header = readHeader(raw);
    Charset charset = charsetOf(header.characterSet());
    String text = normalise(decode(raw, charset, header.characterSet()));
    // Re-read MSH from the decoded text: MSH-3/MSH-4 may hold Chinese names (市第一人民医院).
    header = MshHeader.of(text.substring(0, firstSegmentEnd(text)));
    Message message;
    try {
      message = parser.parse(text);
    } catch (HL7Exception | RuntimeException e) {
      throw new IngestException(
          IngestErrorCode.UNPARSEABLE, "HAPI could not parse the message: " + e.getMessage(), e);
    }
    List<Segment> segments = new ArrayList<>();
    try {
      collect(message, segments);
    } catch (HL7Exception e) {
      throw new IngestException(IngestErrorCode.UNPARSEABLE, e.getMessage(), e);
    }
    return new ParsedMessage(header, charset, message, segments);
  }

  /**
   * The character set an MSH-18 value names (HL7 table 0211 plus the names Chinese vendors send).
   *
   * @throws IngestException {@code TS-INGEST-004} for a set this parser does not decode
   */
  public static Charset charsetFor(String msh18) {
    return charsetOf(msh18);
  }

  /** Maps an MSH-18 value (HL7 table 0211 plus the names Chinese vendors send) to a charset. */
  static Charset charsetOf(String msh18) {
    String name = msh18.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("_", "-");
    return switch (name) {
      case "", "UNICODEUTF-8", "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
      // ASCII is declared by senders that then send UTF-8 text; UTF-8 decodes ASCII identically.
      case "ASCII", "US-ASCII" -> StandardCharsets.UTF_8;
      case "8859/1", "ISO-8859-1", "ISO8859-1", "LATIN1" -> StandardCharsets.ISO_8859_1;
      case "GB18030-2000", "GB18030-2005", "GB18030-2022", "GB18030", "GB18030-2000(GBK)" ->
          Charset.forName("GB18030");
      case "GBK", "CP936" -> Charset.forName("GBK");
      // GB 2312 is a subset of GBK; decoding with GBK also accepts the extensions vendors slip in.
      case "GB2312", "GB2312-1980", "GB2312-80" -> Charset.forName("GBK");
      default -> unsupported(msh18);
    };
  }

  private static Charset unsupported(String msh18) {
    throw new IngestException(
        IngestErrorCode.CHARACTER_SET, "unsupported character set in MSH-18: '" + msh18 + "'");
  }

  private static String decode(byte[] raw, Charset charset, String declared) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      String what = declared.isBlank() ? "no MSH-18, so UTF-8" : "MSH-18 '" + declared + "'";
      throw new IngestException(
          IngestErrorCode.CHARACTER_SET,
          "bytes are not valid " + charset.name() + " (" + what + ")",
          e);
    }
  }

  /** Strips MLLP framing and leading noise and makes every segment end with a carriage return. */
  private static String normalise(String text) {
    int start = startOfMsh(text);
    String body = text.substring(Math.max(start, 0)).replace("\u001c", "");
    body = body.replace("\r\n", "\r").replace('\n', '\r');
    while (body.endsWith("\r\r")) {
      body = body.substring(0, body.length() - 1);
    }
    return body.strip();
  }

  private static int firstSegmentEnd(String text) {
    int end = text.indexOf('\r');
    return end < 0 ? text.length() : end;
  }

  private static int startOfMsh(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\u000b' || c == '\ufeff' || Character.isWhitespace(c)) {
        i++;
      } else {
        break;
      }
    }
    return text.startsWith("MSH", i) ? i : -1;
  }

  private static void collect(Group group, List<Segment> into) throws HL7Exception {
    for (String name : group.getNames()) {
      for (Structure structure : group.getAll(name)) {
        if (structure instanceof Segment segment) {
          if (!segment.isEmpty()) {
            into.add(segment);
          }
        } else if (structure instanceof Group child) {
          collect(child, into);
        }
      }
    }
  }
}
