package io.tianshu.query.search;

/**
 * A span of a document's text: UTF-16 offsets, {@code start} inclusive and {@code end} exclusive,
 * as in {@link io.tianshu.core.record.NoteFact}.
 */
public record TextSpan(int start, int end) {

  public TextSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + "," + end + ")");
    }
  }

  boolean overlaps(TextSpan other) {
    return start < other.end && other.start < end;
  }
}
