package io.tianshu.ingest.hl7v2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits what a file or an export holds into single HL7 v2 messages: one message, many messages one
 * after the other, a batch file wrapped in FHS/BHS … BTS/FTS, or a capture with MLLP framing.
 *
 * <p>A message is the bytes from its MSH segment to the end of its last segment, exactly as they
 * were, less the line ends and MLLP framing bytes (VT, FS) around it, so the same message read from
 * a file or received over MLLP has the same bytes and hash. The envelope segments (FHS, BHS, BTS,
 * FTS) are not messages and are dropped; anything else before the first MSH is returned as a chunk
 * of its own, and a file without any MSH is returned whole, so that it is staged and quarantined
 * rather than lost. Splitting works on bytes: a segment's first byte follows CR, LF or VT, which
 * never occur inside a multi-byte character of UTF-8, GB18030 or GBK.
 */
public final class MessageSplitter {

  private static final byte VT = 0x0b;
  private static final byte FS = 0x1c;
  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private MessageSplitter() {}

  /** The messages (and stray chunks) of {@code content}, in order; never empty. */
  public static List<byte[]> split(byte[] content) {
    List<Integer> starts = new ArrayList<>();
    List<Boolean> isMessage = new ArrayList<>();
    for (int i = 0; i + 3 < content.length; i++) {
      if (i > 0 && !isBoundary(content[i - 1])) {
        continue;
      }
      if (segment(content, i, "MSH")) {
        starts.add(i);
        isMessage.add(true);
      } else if (segment(content, i, "FHS")
          || segment(content, i, "BHS")
          || segment(content, i, "BTS")
          || segment(content, i, "FTS")) {
        starts.add(i);
        isMessage.add(false);
      }
    }
    if (!isMessage.contains(true)) {
      return List.of(trim(content, 0, content.length));
    }
    List<byte[]> out = new ArrayList<>();
    byte[] prefix = trim(content, 0, starts.get(0));
    if (prefix.length > 0 && !onlyBom(prefix)) {
      out.add(prefix);
    }
    for (int k = 0; k < starts.size(); k++) {
      if (!isMessage.get(k)) {
        continue;
      }
      int end = k + 1 < starts.size() ? starts.get(k + 1) : content.length;
      byte[] message = trim(content, starts.get(k), end);
      if (message.length > 0) {
        out.add(message);
      }
    }
    return out;
  }

  private static boolean isBoundary(byte b) {
    return b == CR || b == LF || b == VT || b == FS;
  }

  /** Three letters at {@code i} followed by a field separator (not a letter, digit or space). */
  private static boolean segment(byte[] content, int i, String name) {
    if (content[i] != name.charAt(0)
        || content[i + 1] != name.charAt(1)
        || content[i + 2] != name.charAt(2)) {
      return false;
    }
    byte separator = content[i + 3];
    return separator > ' ' && separator < 0x7f && !Character.isLetterOrDigit(separator);
  }

  private static byte[] trim(byte[] content, int from, int to) {
    int start = from;
    int end = to;
    while (start < end
        && (framing(content[start]) || content[start] == ' ' || content[start] == '\t')) {
      start++;
    }
    // Trailing spaces may be the last field's value; only line ends and framing go.
    while (end > start && framing(content[end - 1])) {
      end--;
    }
    return Arrays.copyOfRange(content, start, end);
  }

  private static boolean framing(byte b) {
    return b == VT || b == FS || b == CR || b == LF || b == 0;
  }

  private static boolean onlyBom(byte[] prefix) {
    return prefix.length == 3
        && (prefix[0] & 0xff) == 0xef
        && (prefix[1] & 0xff) == 0xbb
        && (prefix[2] & 0xff) == 0xbf;
  }
}
