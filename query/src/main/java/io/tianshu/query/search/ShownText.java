package io.tianshu.query.search;

import java.util.Objects;

/**
 * A document text as a caller sees it, with where each offset of the stored text went (a redaction
 * may change lengths: an 18-digit ID number becomes a shorter placeholder).
 */
public interface ShownText {

  String text();

  /** Where a span that starts at {@code offset} of the stored text starts in {@link #text()}. */
  int startOf(int offset);

  /** Where a span that ends at {@code offset} of the stored text ends in {@link #text()}. */
  int endOf(int offset);

  /** The stored text itself. */
  static ShownText same(String text) {
    Objects.requireNonNull(text, "text");
    return new ShownText() {
      @Override
      public String text() {
        return text;
      }

      @Override
      public int startOf(int offset) {
        return offset;
      }

      @Override
      public int endOf(int offset) {
        return offset;
      }
    };
  }

  /**
   * A rewritten text: {@code starts[o]} and {@code ends[o]} are where stored offset {@code o} went
   * as a span start and a span end (arrays of the stored text's length plus one).
   */
  static ShownText mapped(String text, int[] starts, int[] ends) {
    Objects.requireNonNull(text, "text");
    int[] s = starts.clone();
    int[] e = ends.clone();
    if (s.length != e.length) {
      throw new IllegalArgumentException("starts and ends differ in length");
    }
    return new ShownText() {
      @Override
      public String text() {
        return text;
      }

      @Override
      public int startOf(int offset) {
        return s[Math.min(offset, s.length - 1)];
      }

      @Override
      public int endOf(int offset) {
        return e[Math.min(offset, e.length - 1)];
      }
    };
  }
}
