package io.tianshu.nlp.sentence;

import io.tianshu.nlp.pipeline.Layer;

/**
 * A sentence (or a line without a sentence end) in original offsets, ending marks included.
 *
 * @param start original offset of the first character
 * @param end original offset after the last character (exclusive)
 */
public record Sentence(int start, int end) {

  /** The layer holding the sentences of a document, in order and without overlap. */
  public static final Layer<Sentence> LAYER = new Layer<>("sentences", Sentence.class);

  public Sentence {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad sentence span [" + start + "," + end + ")");
    }
  }
}
