package io.tianshu.nlp.pipeline;

import java.util.Set;

/**
 * One step of the NLP pipeline. A stage declares the layers it reads and writes so that {@link
 * Pipeline.Builder#build()} can refuse an impossible order; it keeps no mutable state, so one
 * instance can serve many threads.
 */
public interface Stage {

  /** A short stable name used in error messages, e.g. {@code sections}. */
  String name();

  /** Layers that must exist before this stage runs. */
  Set<Layer<?>> needs();

  /** Layers this stage adds (or refines, when a layer is both needed and produced). */
  Set<Layer<?>> produces();

  /** Returns {@code document} with this stage's layers added. */
  AnnotatedDocument apply(AnnotatedDocument document);
}
