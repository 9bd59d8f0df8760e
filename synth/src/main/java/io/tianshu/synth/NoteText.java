package io.tianshu.synth;

import java.util.List;

/**
 * A document text under construction that records a {@link TruthFact} for every clinical fact as it
 * is appended, so offsets are exact by construction and never searched for afterwards.
 */
final class NoteText {
  static final int NEG = 1;
  static final int UNC = 2;
  static final int HIST = 4;
  static final int FAM = 8;

  private final StringBuilder text = new StringBuilder(2048);
  private final String documentId;
  private final List<TruthFact> sink;

  NoteText(String documentId, List<TruthFact> sink) {
    this.documentId = documentId;
    this.sink = sink;
  }

  NoteText add(String s) {
    text.append(s);
    return this;
  }

  NoteText add(int n) {
    text.append(n);
    return this;
  }

  NoteText add(char c) {
    text.append(c);
    return this;
  }

  /** Appends {@code surface} and records it as a fact of the given type and concept. */
  NoteText fact(String surface, String type, String concept, int flags) {
    int start = text.length();
    text.append(surface);
    sink.add(
        new TruthFact(
            documentId,
            start,
            text.length(),
            type,
            surface,
            concept,
            (flags & NEG) != 0,
            (flags & UNC) != 0,
            (flags & HIST) != 0,
            (flags & FAM) != 0));
    return this;
  }

  /**
   * Marks where a multi-part fact (e.g. "血小板 215×10^9/L") starts; close it with {@link #endFact}.
   */
  int mark() {
    return text.length();
  }

  NoteText endFact(int start, String type, String concept, int flags) {
    String surface = text.substring(start);
    sink.add(
        new TruthFact(
            documentId,
            start,
            text.length(),
            type,
            surface,
            concept,
            (flags & NEG) != 0,
            (flags & UNC) != 0,
            (flags & HIST) != 0,
            (flags & FAM) != 0));
    return this;
  }

  int length() {
    return text.length();
  }

  String documentId() {
    return documentId;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
