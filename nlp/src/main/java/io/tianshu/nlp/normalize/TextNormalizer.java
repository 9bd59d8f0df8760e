package io.tianshu.nlp.normalize;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the spelling variants of Chinese notes into one form while recording where each
 * character came from: full-width ASCII becomes half-width, ℃ becomes °C, and the many spellings of
 * cell-count units (×10^9/L, *10~9/L, x10⁹/L, 10*9/L) become {@code ×10^9/L}.
 */
public final class TextNormalizer {

  // Cell counts in notes are typed with whatever the keyboard offers: ×, x, X, *, then 10, then ^
  // or ~ or
  // nothing, then the exponent (possibly superscript) and /L. "10*9/L" is a common mistyping of
  // 10^9/L.
  private static final Pattern COUNT_UNIT =
      Pattern.compile(
          "(?:[×xX*]\\s?10\\s?[\\^~]?\\s?|(?<![0-9.])10[*^])([0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\\s?/\\s?[Ll]");

  /** Normalises {@code original}; never fails, whatever the input. */
  public NormalizedText normalize(String original) {
    String folded = foldWidth(original);
    int n = folded.length();
    StringBuilder out = new StringBuilder(n + 8);
    int[] start = new int[n + 8];
    int[] end = new int[n + 8];
    int size = 0;
    Matcher m = COUNT_UNIT.matcher(folded);
    int nextMatch = m.find() ? m.start() : -1;
    int i = 0;
    while (i < n) {
      if (i == nextMatch) {
        String replacement = "×10^" + superscriptToDigits(m.group(1)) + "/L";
        for (int k = 0; k < replacement.length(); k++) {
          out.append(replacement.charAt(k));
          start = grow(start, size);
          end = grow(end, size);
          start[size] = m.start();
          end[size] = m.end();
          size++;
        }
        i = m.end();
        nextMatch = m.find(i) ? m.start() : -1;
        continue;
      }
      char c = folded.charAt(i);
      if (c == '℃') {
        for (char r : new char[] {'°', 'C'}) {
          out.append(r);
          start = grow(start, size);
          end = grow(end, size);
          start[size] = i;
          end[size] = i + 1;
          size++;
        }
      } else {
        out.append(c);
        start = grow(start, size);
        end = grow(end, size);
        start[size] = i;
        end[size] = i + 1;
        size++;
      }
      i++;
    }
    if (size == n && out.toString().equals(original)) {
      return NormalizedText.identity(original);
    }
    return new NormalizedText(
        out.toString(), n, Arrays.copyOf(start, size), Arrays.copyOf(end, size));
  }

  /**
   * Full-width ASCII (U+FF01–U+FF5E) and the ideographic space become their half-width forms, so
   * ，：；（）！？ become ,:;()!? — typists mix both freely, and later stages then need to know only one.
   * 。、 have no ASCII twin and stay. Length-preserving, one character to one character.
   */
  public static char foldChar(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      return (char) (c - 0xFEE0);
    }
    if (c == '\u3000') {
      return ' ';
    }
    return c;
  }

  static String foldWidth(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = foldChar(chars[i]);
    }
    return new String(chars);
  }

  private static String superscriptToDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      int sup = "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c);
      b.append(sup >= 0 ? (char) ('0' + sup) : c);
    }
    return b.toString();
  }

  private static int[] grow(int[] a, int size) {
    return size < a.length ? a : Arrays.copyOf(a, a.length * 2 + 8);
  }
}
