package io.tianshu.nlp.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cue words, longest first, bucketed by their first and by their last character so that the context
 * stage tries at each position only the few words that could match there, in the same longest-first
 * order as the whole list.
 */
final class CueList {

  private static final int BUCKETS = 64;

  private final List<String> words;
  private final String[][] byFirst = new String[BUCKETS][];
  private final String[][] byLast = new String[BUCKETS][];

  private CueList(List<String> words) {
    this.words = List.copyOf(words);
    List<List<String>> first = new ArrayList<>();
    List<List<String>> last = new ArrayList<>();
    for (int b = 0; b < BUCKETS; b++) {
      first.add(new ArrayList<>());
      last.add(new ArrayList<>());
    }
    for (String w : this.words) {
      first.get(bucket(w.charAt(0))).add(w);
      last.get(bucket(w.charAt(w.length() - 1))).add(w);
    }
    for (int b = 0; b < BUCKETS; b++) {
      byFirst[b] = first.get(b).toArray(String[]::new);
      byLast[b] = last.get(b).toArray(String[]::new);
    }
  }

  /** The cues sorted longest first (a stable sort: equal lengths keep their written order). */
  static CueList longestFirst(String... cues) {
    return new CueList(
        Arrays.stream(cues).sorted(Comparator.comparingInt(String::length).reversed()).toList());
  }

  /** All words, longest first. */
  List<String> words() {
    return words;
  }

  /** The words that may start with {@code c} (and a few others sharing its bucket), in order. */
  String[] startingWith(char c) {
    return byFirst[bucket(c)];
  }

  /** The words that may end with {@code c} (and a few others sharing its bucket), in order. */
  String[] endingWith(char c) {
    return byLast[bucket(c)];
  }

  private static int bucket(char c) {
    return (c ^ (c >>> 6)) & (BUCKETS - 1);
  }
}
