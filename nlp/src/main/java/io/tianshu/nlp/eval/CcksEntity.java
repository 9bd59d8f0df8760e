package io.tianshu.nlp.eval;

import java.util.Objects;

/**
 * One labelled span of a CCKS document.
 *
 * @param label the corpus label, e.g. {@code 疾病和诊断}
 * @param start offset of the first character
 * @param end offset after the last character (exclusive, as {@code end_pos} in the files)
 */
public record CcksEntity(String label, int start, int end) {

  public CcksEntity {
    Objects.requireNonNull(label, "label");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + "," + end + ") for " + label);
    }
  }

  /** True when the two spans share at least one character. */
  public boolean overlaps(CcksEntity other) {
    return start < other.end && other.start < end;
  }
}
