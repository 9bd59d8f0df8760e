package io.tianshu.query.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact stored form of a document's note facts and identifier spans: what highlighting needs
 * to blank the same spans the index blanked, without going back to the CDR.
 */
final class StoredFacts {

  private static final char FIELD = '\u001f';
  private static final String FIELD_SPLIT = "\u001f";

  private StoredFacts() {}

  static String encode(MatchedFact f) {
    int flags =
        (f.negated() ? 1 : 0)
            | (f.uncertain() ? 2 : 0)
            | (f.historical() ? 4 : 0)
            | (f.family() ? 8 : 0);
    return String.join(
        FIELD_SPLIT,
        f.id(),
        f.type(),
        f.concept(),
        f.surface(),
        Integer.toString(f.start()),
        Integer.toString(f.end()),
        Integer.toString(flags));
  }

  static MatchedFact decode(String stored) {
    String[] p = stored.split(FIELD_SPLIT, -1);
    int flags = Integer.parseInt(p[6]);
    return new MatchedFact(
        p[0],
        p[1],
        p[2],
        p[3],
        Integer.parseInt(p[4]),
        Integer.parseInt(p[5]),
        (flags & 1) != 0,
        (flags & 2) != 0,
        (flags & 4) != 0,
        (flags & 8) != 0);
  }

  static String encodeSpans(List<TextSpan> spans) {
    StringBuilder out = new StringBuilder();
    for (TextSpan s : spans) {
      if (!out.isEmpty()) {
        out.append(FIELD);
      }
      out.append(s.start()).append('-').append(s.end());
    }
    return out.toString();
  }

  static List<TextSpan> decodeSpans(String stored) {
    List<TextSpan> spans = new ArrayList<>();
    if (stored == null || stored.isEmpty()) {
      return spans;
    }
    for (String s : stored.split(FIELD_SPLIT)) {
      int dash = s.indexOf('-');
      spans.add(
          new TextSpan(
              Integer.parseInt(s.substring(0, dash)), Integer.parseInt(s.substring(dash + 1))));
    }
    return spans;
  }
}
