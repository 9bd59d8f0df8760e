package io.tianshu.nlp.value;

import io.tianshu.nlp.pipeline.Layer;
import java.util.Objects;

/**
 * A quantity found in a note, with its unit kept explicit.
 *
 * @param start original offset of the first character
 * @param end original offset after the last character (exclusive)
 * @param kind vital sign, lab value, duration, dose, route or frequency
 * @param name what is measured: {@code T}, {@code P}, {@code R}, {@code BP}, {@code SpO2}, a lab
 *     name, or for durations and doses an empty string
 * @param magnitude the number as written in normalised form ({@code 36.5}, {@code 120/80}, {@code
 *     半}), empty for routes and frequencies
 * @param unit the unit in normalised form ({@code °C}, {@code 次/分}, {@code mmHg}, {@code 天}), or
 *     the route/frequency itself
 * @param surface the original text of the whole value
 */
public record Value(
    int start,
    int end,
    ValueKind kind,
    String name,
    String magnitude,
    String unit,
    String surface) {

  /** The layer holding the values of a document, ordered by start offset. */
  public static final Layer<Value> LAYER = new Layer<>("values", Value.class);

  public Value {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(magnitude, "magnitude");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(surface, "surface");
    if (start < 0 || end < start || surface.length() != end - start) {
      throw new IllegalArgumentException("bad value span [" + start + "," + end + ")");
    }
  }
}
