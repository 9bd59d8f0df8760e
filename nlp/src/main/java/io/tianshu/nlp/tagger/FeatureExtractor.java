package io.tianshu.nlp.tagger;

import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconMatch;
import io.tianshu.nlp.normalize.TextNormalizer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a text into hashed feature buckets per character: character uni/bi/tri-grams in a window of
 * ±2, character types, and dictionary matches (type × position in the match, per dictionary
 * channel). Hashing needs no feature index, so the model is an array and a new feature costs
 * nothing to add.
 */
final class FeatureExtractor {

  private static final char BEFORE = '\uFFFF';
  private static final char AFTER = '\uFFFE';
  private static final int CH_TEMPLATE = 40;

  private final int bits;
  private final Lexicon[] channels;
  private final List<List<String>> channelTypes;

  /** Features of one text: bucket ids of position i are {@code ids[offsets[i]..offsets[i+1])}. */
  record Features(int[] offsets, int[] ids) {
    int count() {
      return offsets.length - 1;
    }
  }

  FeatureExtractor(int bits, Lexicon[] channels) {
    this.bits = bits;
    this.channels = channels;
    this.channelTypes =
        Arrays.stream(channels)
            .map(
                l ->
                    l == null
                        ? List.<String>of()
                        : l.entries().stream().map(e -> e.type()).distinct().sorted().toList())
            .toList();
  }

  /**
   * Extracts features of {@code text}; {@code override} replaces channel lexicons when not null.
   */
  Features extract(String text, Lexicon[] override) {
    int n = text.length();
    char[] c = new char[n + 6];
    byte[] type = new byte[n + 6];
    c[0] = c[1] = c[2] = BEFORE;
    c[n + 3] = c[n + 4] = c[n + 5] = AFTER;
    type[0] = type[1] = type[2] = type[n + 3] = type[n + 4] = type[n + 5] = 5;
    for (int i = 0; i < n; i++) {
      char ch = fold(text.charAt(i));
      c[i + 3] = ch;
      type[i + 3] = charType(ch);
    }
    // Dictionary features: per position, a small list of (channel, type, B/I/E/S, length) codes.
    int[][] dict = new int[n][];
    int[] dictCount = new int[n];
    Lexicon[] lex = override != null ? override : channels;
    for (int ch = 0; ch < lex.length; ch++) {
      if (lex[ch] == null) {
        continue;
      }
      List<String> types = channelTypes.get(ch);
      for (LexiconMatch m : lex[ch].allMatches(text)) {
        int typeIdx = types.indexOf(m.entry().type());
        int len = Math.min(m.end() - m.start(), 6);
        for (int i = m.start(); i < m.end(); i++) {
          int pos = m.end() - m.start() == 1 ? 3 : i == m.start() ? 0 : i == m.end() - 1 ? 2 : 1;
          int code = ((ch * 64 + typeIdx + 1) * 4 + pos) * 8 + len;
          if (dict[i] == null) {
            dict[i] = new int[4];
          } else if (dictCount[i] == dict[i].length) {
            dict[i] = Arrays.copyOf(dict[i], dict[i].length * 2);
          }
          dict[i][dictCount[i]++] = code;
        }
      }
    }
    int[] offsets = new int[n + 1];
    int[] ids = new int[n * 26 + 32];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int p = i + 3;
      int need = k + 24 + 2 * dictCount[i];
      if (need > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(need, ids.length * 2));
      }
      ids[k++] = bucket(0, 0, 0, 0);
      ids[k++] = bucket(1, c[p - 2], 0, 0);
      ids[k++] = bucket(2, c[p - 1], 0, 0);
      ids[k++] = bucket(3, c[p], 0, 0);
      ids[k++] = bucket(4, c[p + 1], 0, 0);
      ids[k++] = bucket(5, c[p + 2], 0, 0);
      ids[k++] = bucket(6, c[p - 2], c[p - 1], 0);
      ids[k++] = bucket(7, c[p - 1], c[p], 0);
      ids[k++] = bucket(8, c[p], c[p + 1], 0);
      ids[k++] = bucket(9, c[p + 1], c[p + 2], 0);
      ids[k++] = bucket(10, c[p - 1], c[p + 1], 0);
      ids[k++] = bucket(11, c[p - 1], c[p], c[p + 1]);
      ids[k++] = bucket(12, c[p - 2], c[p - 1], c[p]);
      ids[k++] = bucket(13, c[p], c[p + 1], c[p + 2]);
      ids[k++] = bucket(14, type[p - 1] * 16 + type[p], type[p + 1], 0);
      ids[k++] =
          bucket(
              15,
              (type[p - 2] * 16 + type[p - 1]) * 16 + type[p],
              type[p + 1] * 16 + type[p + 2],
              0);
      for (int d = 0; d < dictCount[i]; d++) {
        int code = dict[i][d];
        ids[k++] = bucket(CH_TEMPLATE, code, 0, 0);
        // The same dictionary code without its length, plus the character: lets the model learn
        // which
        // characters a dictionary tends to over- or under-cover.
        ids[k++] = bucket(CH_TEMPLATE + 1, code >> 3, c[p], 0);
      }
      offsets[i + 1] = k;
    }
    return new Features(offsets, ids);
  }

  static char fold(char c) {
    char f = TextNormalizer.foldChar(c);
    if (f >= '0' && f <= '9') {
      return '0';
    }
    return f < 128 ? Character.toLowerCase(f) : f;
  }

  private static byte charType(char c) {
    if (c == '0') {
      return 1;
    }
    if (c >= 'a' && c <= 'z') {
      return 2;
    }
    if (Character.isWhitespace(c)) {
      return 4;
    }
    if (c >= '\u4e00' && c <= '\u9fff') {
      return 0;
    }
    if (Character.isSurrogate(c)) {
      return 6;
    }
    return 3;
  }

  private int bucket(int template, int a, int b, int c) {
    long h = template * 0x9E3779B97F4A7C15L;
    h ^= (a + 0x1234567L) * 0xC2B2AE3D27D4EB4FL;
    h = Long.rotateLeft(h, 31);
    h ^= (b + 0x7654321L) * 0x165667B19E3779F9L;
    h = Long.rotateLeft(h, 27);
    h ^= (c + 0x5A5A5AL) * 0x85EBCA77C2B2AE63L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return (int) (h >>> (64 - bits));
  }
}
