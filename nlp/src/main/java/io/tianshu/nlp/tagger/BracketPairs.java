package io.tianshu.nlp.tagger;

import io.tianshu.nlp.eval.CcksEntity;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes a bracket an entity leaves open when its partner is the very next character outside it:
 * {@code 腹腔镜直肠癌根治术（DIXON术} becomes {@code …（DIXON术）} and {@code 右锁骨下)淋巴结} becomes {@code
 * (右锁骨下)淋巴结}. A character tagger decides each boundary from a few characters around it and cannot
 * count brackets; a mention with half a pair is never well formed.
 */
final class BracketPairs {

  private static final String OPENING = "（(<《【[“";
  private static final String CLOSING = "）)>》】]”";

  private BracketPairs() {}

  /** {@code spans} in text order, not overlapping; returns them with open brackets closed. */
  static List<CcksEntity> close(String text, List<CcksEntity> spans) {
    List<CcksEntity> out = new ArrayList<>(spans.size());
    for (int k = 0; k < spans.size(); k++) {
      CcksEntity e = spans.get(k);
      int start = e.start();
      int end = e.end();
      // Never grow onto a neighbouring entity.
      int floor = k > 0 ? spans.get(k - 1).end() : 0;
      int ceiling = k + 1 < spans.size() ? spans.get(k + 1).start() : text.length();
      for (int b = 0; b < OPENING.length(); b++) {
        int balance = balance(text, start, end, OPENING.charAt(b), CLOSING.charAt(b));
        if (balance == 1 && end < ceiling && text.charAt(end) == CLOSING.charAt(b)) {
          end++;
        } else if (balance == -1 && start > floor && text.charAt(start - 1) == OPENING.charAt(b)) {
          start--;
        }
      }
      out.add(start == e.start() && end == e.end() ? e : new CcksEntity(e.label(), start, end));
    }
    return out;
  }

  private static int balance(String text, int start, int end, char open, char close) {
    int balance = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == open) {
        balance++;
      } else if (c == close) {
        balance--;
      }
    }
    return balance;
  }
}
