package io.tianshu.nlp.tagger;

import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconMatch;
import io.tianshu.nlp.normalize.TextNormalizer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a text into hashed feature buckets per character: character uni/bi/tri-grams in a window of
 * ±2, character types, dictionary matches (type × position in the match, per dictionary channel)
 * and, when the model has them, the character clusters of the window. Models of version 3 also see
 * the dictionary context of each character: which matches end just before it or begin just after
 * it, and where it lies in the leftmost-longest match. Hashing needs no feature index, so the model
 * is an array and a new feature costs nothing to add.
 */
final class FeatureExtractor {

  private static final char BEFORE = '\uFFFF';
  private static final char AFTER = '\uFFFE';
  private static final int CH_TEMPLATE = 40;
  private static final int CLUSTER_TEMPLATE = 50;
  private static final int CONTEXT_TEMPLATE = 90;

  private final int bits;
  private final Lexicon[] channels;
  private final List<List<String>> channelTypes;
  private final CharacterClusters clusters; // null for a model trained without them
  private final boolean dictionaryContext; // false for models of versions 1 and 2
  private final int[][] denseOffsets; // per level and cluster template; -1: hashed
  private final int denseRows; // rows at the start of the table kept for cluster templates

  /** Features of one text: bucket ids of position i are {@code ids[offsets[i]..offsets[i+1])}. */
  record Features(int[] offsets, int[] ids) {
    int count() {
      return offsets.length - 1;
    }
  }

  FeatureExtractor(
      int bits, Lexicon[] channels, CharacterClusters clusters, boolean dictionaryContext) {
    this.bits = bits;
    this.channels = channels;
    this.clusters = clusters;
    this.dictionaryContext = dictionaryContext;
    int[] dense = new int[1];
    this.denseOffsets = denseLayout(clusters, bits, dense);
    this.denseRows = dense[0];
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
    // Dictionary context (version 3): bucket ids, added as they are.
    int[][] context = new int[n][];
    int[] contextCount = new int[n];
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
          add(dict, dictCount, i, ((ch * 64 + typeIdx + 1) * 4 + pos) * 8 + len);
        }
        if (dictionaryContext) {
          // A term that ends just before a character (or begins just after it) says an entity
          // may begin (or end) there: the boundary evidence a match's own positions lack.
          int t = ch * 64 + typeIdx + 1;
          if (m.end() < n) {
            add(context, contextCount, m.end(), bucket(CONTEXT_TEMPLATE, t, len, 0));
            add(context, contextCount, m.end(), bucket(CONTEXT_TEMPLATE + 1, t, c[m.end() + 3], 0));
          }
          if (m.start() > 0) {
            add(context, contextCount, m.start() - 1, bucket(CONTEXT_TEMPLATE + 2, t, len, 0));
            int before = m.start() - 1 + 3;
            add(
                context,
                contextCount,
                m.start() - 1,
                bucket(CONTEXT_TEMPLATE + 3, t, c[before], 0));
          }
        }
      }
      if (dictionaryContext) {
        // Among overlapping matches, the leftmost-longest one is the reading a reader takes first.
        for (LexiconMatch m : lex[ch].longestMatches(text)) {
          int t = ch * 64 + types.indexOf(m.entry().type()) + 1;
          for (int i = m.start(); i < m.end(); i++) {
            int pos = m.end() - m.start() == 1 ? 3 : i == m.start() ? 0 : i == m.end() - 1 ? 2 : 1;
            add(context, contextCount, i, bucket(CONTEXT_TEMPLATE + 4, t * 4 + pos, 0, 0));
            add(context, contextCount, i, bucket(CONTEXT_TEMPLATE + 5, t * 4 + pos, c[i + 3], 0));
          }
        }
      }
    }
    int[] offsets = new int[n + 1];
    int perChar = clusters == null ? 24 : 24 + 6 * clusters.levels() + 2;
    int[] ids = new int[n * (perChar + 2) + 32];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int p = i + 3;
      int need = k + perChar + 2 * dictCount[i] + contextCount[i];
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
      if (clusters != null) {
        k = clusterFeatures(c, p, ids, k);
      }
      for (int d = 0; d < contextCount[i]; d++) {
        ids[k++] = context[i][d];
      }
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

  /** Appends {@code value} to the list of position {@code i}, growing it as needed. */
  private static void add(int[][] lists, int[] counts, int i, int value) {
    if (lists[i] == null) {
      lists[i] = new int[4];
    } else if (counts[i] == lists[i].length) {
      lists[i] = Arrays.copyOf(lists[i], lists[i].length * 2);
    }
    lists[i][counts[i]++] = value;
  }

  /**
   * The clusters of the character and its neighbours, alone and joined, at every granularity; the
   * finest also two characters out.
   */
  private int clusterFeatures(char[] c, int p, int[] ids, int k) {
    int levels = clusters.levels();
    for (int g = 0; g < levels; g++) {
      int before = clusters.of(g, c[p - 1]);
      int at = clusters.of(g, c[p]);
      int after = clusters.of(g, c[p + 1]);
      ids[k++] = clusterFeature(g, 0, at, -1, -1);
      ids[k++] = clusterFeature(g, 1, before, -1, -1);
      ids[k++] = clusterFeature(g, 2, after, -1, -1);
      ids[k++] = clusterFeature(g, 3, before, at, -1);
      ids[k++] = clusterFeature(g, 4, at, after, -1);
      ids[k++] = clusterFeature(g, 5, before, at, after);
      if (g == levels - 1) {
        ids[k++] = clusterFeature(g, 6, clusters.of(g, c[p - 2]), -1, -1);
        ids[k++] = clusterFeature(g, 7, clusters.of(g, c[p + 2]), -1, -1);
      }
    }
    return k;
  }

  private static final int[] CLUSTER_ARITY = {1, 1, 1, 2, 2, 3, 1, 1};

  /** Largest number of distinct values a cluster template may have to get rows of its own. */
  private static final int MAX_DENSE_VALUES = 40_000;

  /**
   * Lays out rows of their own, at the start of the table, for the cluster templates with few
   * distinct values (a cluster, a pair of coarse clusters): those rows are read for nearly every
   * character, and kept together they stay in the processor's cache, where hashed rows scattered
   * over the table would not. Returns the offsets, -1 for a hashed template; {@code dense[0]}
   * receives the rows reserved.
   */
  private static int[][] denseLayout(CharacterClusters clusters, int bits, int[] dense) {
    if (clusters == null) {
      return null;
    }
    int[][] offsets = new int[clusters.levels()][CLUSTER_ARITY.length];
    int rows = 0;
    for (int g = 0; g < clusters.levels(); g++) {
      long values = clusters.size(g) + 1L; // + 1: unknown
      for (int t = 0; t < CLUSTER_ARITY.length; t++) {
        long card = (long) Math.pow(values, CLUSTER_ARITY[t]);
        offsets[g][t] = card <= MAX_DENSE_VALUES ? rows : -1;
        rows += card <= MAX_DENSE_VALUES ? (int) card : 0;
      }
    }
    // A small table (a toy model) hashes everything rather than give most of it away.
    if (rows > (1 << bits) / 4) {
      for (int[] level : offsets) {
        java.util.Arrays.fill(level, -1);
      }
      rows = 0;
    }
    dense[0] = rows;
    return offsets;
  }

  private int clusterFeature(int level, int template, int a, int b, int c) {
    int offset = denseOffsets[level][template];
    if (offset < 0) {
      return bucket(CLUSTER_TEMPLATE + 10 * level + template, a, b, c);
    }
    int values = clusters.size(level) + 1;
    int index = slot(a, values);
    if (CLUSTER_ARITY[template] > 1) {
      index += values * slot(b, values);
    }
    if (CLUSTER_ARITY[template] > 2) {
      index += values * values * slot(c, values);
    }
    return offset + index;
  }

  private static int slot(int cluster, int values) {
    return cluster < 0 ? values - 1 : cluster;
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
    if (denseRows == 0) {
      return (int) (h >>> (64 - bits));
    }
    // Hashed rows go after the rows kept for cluster templates, never onto them.
    return denseRows + (int) (((h >>> 32) * ((1L << bits) - denseRows)) >>> 32);
  }
}
