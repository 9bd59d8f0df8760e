package io.tianshu.ingest.mllp;

import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The HL7 v2 acknowledgement (original mode) of one received message: {@code MSH} addressed back to
 * the sender, {@code MSA} with the code and the message's control id, and for AE/AR an {@code ERR}
 * with the reason (HL7 2.5 and later; older versions read MSA-3). Built from the message's own MSH
 * line — delimiters, version and character set echoed — rather than by parsing the whole message
 * with HAPI: the acknowledgement is owed as soon as the message is staged, and parsing is the
 * applier's work.
 */
final class Acknowledgement {

  /** AA: staged; AE: not staged, send again; AR: staged but refused, do not send again as is. */
  enum Code {
    AA,
    AE,
    AR
  }

  private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private Acknowledgement() {}

  /**
   * @param raw the received message (as staged)
   * @param controlId this acknowledgement's own MSH-10
   * @param text the reason for AE/AR, null for AA
   */
  static byte[] of(byte[] raw, Code code, String controlId, String text, Instant at, ZoneId zone) {
    Msh msh = Msh.read(raw);
    char f = msh.fieldSeparator;
    String enc = msh.encoding;
    String sep = String.valueOf(f);
    StringBuilder out = new StringBuilder(256);
    out.append("MSH").append(f).append(enc);
    appendFields(
        out,
        sep,
        "TIANSHU",
        msh.field(6).isEmpty() ? "TIANSHU" : msh.field(6),
        msh.field(3),
        msh.field(4),
        HL7_TIME.format(at.atZone(zone)),
        "",
        ack(msh, enc),
        controlId,
        msh.field(11).isEmpty() ? "P" : msh.field(11),
        msh.field(12).isEmpty() ? "2.5.1" : msh.field(12),
        "",
        "",
        "NE",
        "NE",
        "",
        msh.field(18));
    out.append('\r');
    out.append("MSA").append(f).append(code.name()).append(f).append(msh.field(10));
    if (text != null) {
      out.append(f).append(escape(shorten(text, 80), msh));
      out.append('\r');
      // ERR-3 error code (table 0357: 207 application internal error, 200 unsupported type),
      // ERR-4 severity, ERR-8 the message for the sender's operators.
      char component = enc.isEmpty() ? '^' : enc.charAt(0);
      out.append("ERR").append(f).append(f).append(f);
      out.append(code == Code.AR ? "200" : "207")
          .append(component)
          .append(code == Code.AR ? "Unsupported message type" : "Application internal error")
          .append(component)
          .append("HL70357");
      out.append(f).append("E").append(f).append(f).append(f).append(f);
      out.append(escape(text, msh));
    }
    out.append('\r');
    return out.toString().getBytes(msh.charset);
  }

  private static void appendFields(StringBuilder out, String sep, String... fields) {
    for (String field : fields) {
      out.append(sep).append(field);
    }
  }

  private static String ack(Msh msh, String enc) {
    String trigger = msh.component(9, 2);
    char component = enc.isEmpty() ? '^' : enc.charAt(0);
    if (trigger.isEmpty()) {
      return "ACK";
    }
    // HL7 2.3.1 and later name the ACK structure in MSH-9.3.
    boolean old = msh.field(12).startsWith("2.1") || msh.field(12).startsWith("2.2");
    return "ACK" + component + trigger + (old ? "" : component + "ACK");
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** HL7 escape sequences for the delimiters, line breaks as spaces. */
  private static String escape(String text, Msh msh) {
    String enc = msh.encoding.length() >= 4 ? msh.encoding : "^~\\&";
    char escape = enc.charAt(2);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      if (c == escape) {
        out.append(escape).append('E').append(escape);
      } else if (c == msh.fieldSeparator) {
        out.append(escape).append('F').append(escape);
      } else if (c == enc.charAt(0)) {
        out.append(escape).append('S').append(escape);
      } else if (c == enc.charAt(1)) {
        out.append(escape).append('R').append(escape);
      } else if (c == enc.charAt(3)) {
        out.append(escape).append('T').append(escape);
      } else if (c == '\r' || c == '\n') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The received message's MSH line, read leniently: a broken MSH still gets an answer. */
  private static final class Msh {
    final char fieldSeparator;
    final String encoding;
    final String[] fields;
    final Charset charset;

    private Msh(char fieldSeparator, String encoding, String[] fields, Charset charset) {
      this.fieldSeparator = fieldSeparator;
      this.encoding = encoding;
      this.fields = fields;
      this.charset = charset;
    }

    static Msh read(byte[] raw) {
      String latin = new String(raw, 0, Math.min(raw.length, 4096), StandardCharsets.ISO_8859_1);
      int start = latin.indexOf("MSH");
      if (start < 0 || latin.length() < start + 8) {
        return new Msh('|', "^~\\&", new String[0], StandardCharsets.UTF_8);
      }
      int end = start;
      while (end < latin.length() && latin.charAt(end) != '\r' && latin.charAt(end) != '\n') {
        end++;
      }
      char separator = latin.charAt(start + 3);
      String[] latinFields =
          latin.substring(start, end).split(Pattern.quote(String.valueOf(separator)), -1);
      Charset charset = StandardCharsets.UTF_8;
      if (latinFields.length >= 18 && !latinFields[17].isBlank()) {
        try {
          charset = Hl7v2Parser.charsetFor(latinFields[17].split(Pattern.quote("~"))[0]);
        } catch (RuntimeException e) {
          charset = StandardCharsets.UTF_8;
        }
      }
      String line = new String(raw, start, end - start, charset);
      String[] fields = line.split(Pattern.quote(String.valueOf(separator)), -1);
      String encoding = fields.length > 1 ? fields[1] : "^~\\&";
      if (encoding.length() < 4 || Character.isLetterOrDigit(separator)) {
        return new Msh('|', "^~\\&", fields, charset);
      }
      return new Msh(separator, encoding, fields, charset);
    }

    /** MSH-n (fields[0] is "MSH" and MSH-1 is the separator itself). */
    String field(int n) {
      int index = n - 1;
      return index < fields.length ? fields[index] : "";
    }

    String component(int n, int component) {
      String[] parts = field(n).split(Pattern.quote(String.valueOf(encoding.charAt(0))), -1);
      return component <= parts.length ? parts[component - 1] : "";
    }
  }
}
