package io.tianshu.core.code;

import java.util.Objects;

/**
 * One code in one code system with its display text (Chinese for the hospital's systems).
 *
 * @param system the code system
 * @param code the code as the system writes it, e.g. {@code I21.0} or {@code 81.51}
 * @param display display text, e.g. {@code 急性前壁心肌梗死}
 */
public record Code(CodeSystem system, String code, String display) {

  public Code {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code is blank");
    }
    display = display == null ? "" : display;
  }

  public static Code of(CodeSystem system, String code, String display) {
    return new Code(system, code, display);
  }
}
