package io.tianshu.nlp.sentence;

import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a note at 。；！？ (and their ASCII forms after normalisation) and at line breaks. A period is
 * a sentence end only when it is not between digits, so 36.5 and enumerations like "2.急性胆囊炎" stay
 * whole. Blank stretches produce no sentence.
 */
public final class SentenceSplitter implements Stage {

  @Override
  public String name() {
    return "sentences";
  }

  @Override
  public Set<Layer<?>> needs() {
    return Set.of(NormalizedText.LAYER);
  }

  @Override
  public Set<Layer<?>> produces() {
    return Set.of(Sentence.LAYER);
  }

  @Override
  public AnnotatedDocument apply(AnnotatedDocument document) {
    NormalizedText norm = document.get(NormalizedText.LAYER).get(0);
    List<Sentence> sentences = new ArrayList<>();
    for (int[] span : split(norm.text())) {
      int s = norm.toOriginalStart(span[0]);
      int e = Math.max(s, norm.toOriginalEnd(span[1]));
      sentences.add(new Sentence(s, e));
    }
    return document.with(Sentence.LAYER, sentences);
  }

  /** Sentence spans {start, end} of {@code t}, whitespace-trimmed, in offsets of {@code t}. */
  public static List<int[]> split(String t) {
    List<int[]> spans = new ArrayList<>();
    int start = 0;
    int n = t.length();
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (c == '\n' || c == '\r') {
        add(t, start, i, spans);
        start = i + 1;
      } else if (isEnd(t, i)) {
        // Keep runs of closing marks (。」 or ?!) with the sentence they end.
        int j = i + 1;
        while (j < n && isEnd(t, j)) {
          j++;
        }
        add(t, start, j, spans);
        start = j;
        i = j - 1;
      }
    }
    add(t, start, n, spans);
    return spans;
  }

  private static boolean isEnd(String t, int i) {
    char c = t.charAt(i);
    switch (c) {
      case '。', '；', ';', '！', '!', '？', '?':
        return true;
      case '.':
        boolean digitBefore = i > 0 && Character.isDigit(t.charAt(i - 1));
        boolean digitAfter = i + 1 < t.length() && Character.isDigit(t.charAt(i + 1));
        // "2.急性…" is an enumerator and "36.5" a number; neither ends a sentence.
        return !digitBefore && !digitAfter;
      default:
        return false;
    }
  }

  private static void add(String t, int s, int e, List<int[]> spans) {
    while (s < e && Character.isWhitespace(t.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(t.charAt(e - 1))) {
      e--;
    }
    if (e > s) {
      spans.add(new int[] {s, e});
    }
  }
}
