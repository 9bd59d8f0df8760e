package io.tianshu.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a patient's own identifiers stand in a note: the name, phone and address as registered, and
 * anything shaped like a resident ID number or a mobile number. The index blanks these out of the
 * searched fields, so no search — a researcher's least of all — finds a patient by them; the
 * patterns are those the server's de-identified view scrubs.
 */
final class PatientIdentifiers {

  private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private PatientIdentifiers() {}

  static List<TextSpan> find(String text, String name, String phone, String address) {
    List<TextSpan> spans = new ArrayList<>();
    literal(text, name, spans);
    literal(text, phone, spans);
    literal(text, address, spans);
    pattern(text, ID_NUMBER, spans);
    pattern(text, MOBILE, spans);
    return spans;
  }

  private static void literal(String text, String value, List<TextSpan> spans) {
    if (value == null || value.isBlank()) {
      return;
    }
    for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length())) {
      spans.add(new TextSpan(at, at + value.length()));
    }
  }

  private static void pattern(String text, Pattern pattern, List<TextSpan> spans) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      spans.add(new TextSpan(m.start(), m.end()));
    }
  }

  /**
   * {@code text} with every span replaced by spaces of the same length: offsets stay true, and the
   * tokenizer sees a gap that no bigram crosses.
   */
  static String blank(String text, Iterable<TextSpan> spans) {
    char[] chars = null;
    for (TextSpan s : spans) {
      if (chars == null) {
        chars = text.toCharArray();
      }
      for (int i = s.start(); i < Math.min(s.end(), chars.length); i++) {
        chars[i] = ' ';
      }
    }
    return chars == null ? text : new String(chars);
  }
}
