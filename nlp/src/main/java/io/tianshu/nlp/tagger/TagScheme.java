package io.tianshu.nlp.tagger;

import java.util.Arrays;
import java.util.List;

/**
 * BIOES tags over a list of labels: tag 0 is O, then B, I, E, S for each label. Knows which
 * transitions can form well-shaped spans, so Viterbi never decodes I-after-O or a span that changes
 * label midway.
 */
final class TagScheme {

  static final int O = 0;

  final List<String> labels;
  final int size;
  // allowedFrom[t] = tags that may precede t; startAllowed/endAllowed for the sequence edges.
  final int[][] allowedFrom;
  final boolean[] startAllowed;
  final boolean[] endAllowed;

  TagScheme(List<String> labels) {
    this.labels = List.copyOf(labels);
    this.size = 1 + 4 * labels.size();
    startAllowed = new boolean[size];
    endAllowed = new boolean[size];
    allowedFrom = new int[size][];
    for (int t = 0; t < size; t++) {
      char kind = kind(t);
      startAllowed[t] = kind == 'O' || kind == 'B' || kind == 'S';
      endAllowed[t] = kind == 'O' || kind == 'E' || kind == 'S';
      int[] tmp = new int[size];
      int n = 0;
      for (int p = 0; p < size; p++) {
        if (allowed(p, t)) {
          tmp[n++] = p;
        }
      }
      allowedFrom[t] = Arrays.copyOf(tmp, n);
    }
  }

  static int tag(int label, char kind) {
    return 1 + 4 * label + "BIES".indexOf(kind);
  }

  char kind(int tag) {
    return tag == O ? 'O' : "BIES".charAt((tag - 1) % 4);
  }

  int label(int tag) {
    return tag == O ? -1 : (tag - 1) / 4;
  }

  private boolean allowed(int prev, int next) {
    char pk = kind(prev);
    char nk = kind(next);
    boolean prevClosed = pk == 'O' || pk == 'E' || pk == 'S';
    if (nk == 'O' || nk == 'B' || nk == 'S') {
      return prevClosed;
    }
    return (pk == 'B' || pk == 'I') && label(prev) == label(next);
  }
}
