package io.tianshu.nlp.eval;

import java.util.List;

/** Anything that finds labelled spans in a text, so that {@link Evaluation} can score it. */
@FunctionalInterface
public interface EntityRecognizer {

  /** Entities found in {@code text}, with labels of the corpus being evaluated. */
  List<CcksEntity> recognize(String text);
}
