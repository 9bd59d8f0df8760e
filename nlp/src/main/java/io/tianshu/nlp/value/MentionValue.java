package io.tianshu.nlp.value;

import java.util.Objects;

/**
 * The quantity a note gives for one mention, in the shape a note fact stores it.
 *
 * @param text the value as written in normalised form with its unit ({@code 36.5°C}, {@code
 *     120/80mmHg}, {@code 10余年}, {@code 0.4ml 皮下注射 qd})
 * @param number its number when it is one number, else null ({@code 120/80}, {@code 数天})
 * @param unit the unit of the number, of the blood pressure pair, or null (a route alone)
 */
public record MentionValue(String text, Double number, String unit) {

  public MentionValue {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank value");
    }
  }
}
