package io.tianshu.nlp.normalize;

import io.tianshu.nlp.pipeline.Layer;
import java.util.Arrays;

/**
 * The text later stages read (half-width, one spelling per unit) together with the map from each of
 * its characters back to the original text, so that every span found in it can be reported in
 * original offsets.
 */
public final class NormalizedText {

  /** The layer holding exactly one {@code NormalizedText}. */
  public static final Layer<NormalizedText> LAYER = new Layer<>("normalized", NormalizedText.class);

  private final String text;
  private final int originalLength;
  // originStart[i]..originEnd[i] is the original range normalised character i came from.
  private final int[] originStart;
  private final int[] originEnd;

  NormalizedText(String text, int originalLength, int[] originStart, int[] originEnd) {
    this.text = text;
    this.originalLength = originalLength;
    this.originStart = originStart;
    this.originEnd = originEnd;
  }

  /** A normalised text identical to {@code original}. */
  public static NormalizedText identity(String original) {
    int n = original.length();
    int[] start = new int[n];
    int[] end = new int[n];
    for (int i = 0; i < n; i++) {
      start[i] = i;
      end[i] = i + 1;
    }
    return new NormalizedText(original, n, start, end);
  }

  /** The normalised text. */
  public String text() {
    return text;
  }

  /** Original offset where the normalised span starting at {@code normalizedStart} begins. */
  public int toOriginalStart(int normalizedStart) {
    return normalizedStart >= originStart.length ? originalLength : originStart[normalizedStart];
  }

  /** Original offset where the normalised span ending (exclusive) at {@code normalizedEnd} ends. */
  public int toOriginalEnd(int normalizedEnd) {
    if (normalizedEnd <= 0) {
      return originStart.length == 0 ? 0 : originStart[0];
    }
    return originEnd[normalizedEnd - 1];
  }

  /**
   * The first normalised offset whose character starts at or after original offset {@code
   * original}.
   */
  public int toNormalized(int original) {
    int i = Arrays.binarySearch(originStart, original);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && originStart[i - 1] == original) {
      i--;
    }
    return i;
  }
}
