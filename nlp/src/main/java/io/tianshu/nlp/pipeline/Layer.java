package io.tianshu.nlp.pipeline;

import java.util.Objects;

/**
 * A typed key for one annotation layer of an {@link AnnotatedDocument}, such as the sentences or
 * the entities; stages declare the layers they need and produce by these keys.
 *
 * @param name stable name used in messages, e.g. {@code sentences}
 * @param type the record type the layer holds
 * @param <T> the record type
 */
public record Layer<T>(String name, Class<T> type) {

  public Layer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name;
  }
}
