package io.tianshu.query.criteria;

import java.util.Objects;

/**
 * One entry of a code set: an exact code such as {@code I21.0}, or a hierarchy pattern ending in
 * {@code *}. {@code I21.*} matches {@code I21} itself and every code starting with {@code I21.};
 * {@code I2*} matches every code starting with {@code I2}. Codes compare exactly (case-sensitive,
 * no trimming).
 *
 * @param text the pattern as written
 */
public record CodePattern(String text) {

  public CodePattern {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("code is blank");
    }
    if (text.indexOf('*') >= 0 && text.indexOf('*') != text.length() - 1) {
      throw new IllegalArgumentException("'*' may only end a code pattern");
    }
  }

  public boolean isHierarchy() {
    return text.endsWith("*");
  }

  /**
   * For a hierarchy pattern, the prefix a code must start with ({@code I21.} for {@code I21.*}).
   */
  public String prefix() {
    return isHierarchy() ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * For a hierarchy pattern whose prefix ends with a dot, the parent code it also matches ({@code
   * I21} for {@code I21.*}); otherwise null.
   */
  public String parent() {
    String prefix = prefix();
    if (!isHierarchy() || !prefix.endsWith(".") || prefix.length() < 2) {
      return null;
    }
    return prefix.substring(0, prefix.length() - 1);
  }

  public boolean matches(String code) {
    if (code == null) {
      return false;
    }
    if (!isHierarchy()) {
      return code.equals(text);
    }
    return code.startsWith(prefix()) || code.equals(parent());
  }
}
