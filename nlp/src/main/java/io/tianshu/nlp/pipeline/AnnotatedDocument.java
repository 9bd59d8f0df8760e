package io.tianshu.nlp.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One note: the original text plus typed annotation layers whose offsets all point into that
 * original text. Immutable; a stage returns a new document with its layers added.
 */
public final class AnnotatedDocument {

  private final String text;
  private final Map<Layer<?>, List<?>> layers;

  private AnnotatedDocument(String text, Map<Layer<?>, List<?>> layers) {
    this.text = text;
    this.layers = layers;
  }

  /** A document with no annotations yet. */
  public static AnnotatedDocument of(String text) {
    return new AnnotatedDocument(Objects.requireNonNull(text, "text"), Map.of());
  }

  /** The original text, exactly as given. */
  public String text() {
    return text;
  }

  /** True when a stage has produced {@code layer}. */
  public boolean has(Layer<?> layer) {
    return layers.containsKey(layer);
  }

  /** The names of the layers present, in the order they were added. */
  public Set<Layer<?>> layers() {
    return Collections.unmodifiableSet(layers.keySet());
  }

  /**
   * The records of {@code layer}.
   *
   * @throws IllegalStateException if no stage produced the layer
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> get(Layer<T> layer) {
    List<?> values = layers.get(layer);
    if (values == null) {
      throw new IllegalStateException("TS-NLP-002 layer '" + layer + "' is not annotated");
    }
    return (List<T>) values;
  }

  /** A new document with {@code layer} set to {@code values} (replacing an earlier version). */
  public <T> AnnotatedDocument with(Layer<T> layer, List<? extends T> values) {
    Map<Layer<?>, List<?>> copy = new LinkedHashMap<>(layers);
    copy.put(layer, List.copyOf(values));
    return new AnnotatedDocument(text, Collections.unmodifiableMap(copy));
  }

  @Override
  public String toString() {
    return "AnnotatedDocument[" + text.length() + " chars, layers=" + layers.keySet() + "]";
  }
}
