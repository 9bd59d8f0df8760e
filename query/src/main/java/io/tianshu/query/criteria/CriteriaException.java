package io.tianshu.query.criteria;

import io.tianshu.core.error.TianshuException;

/**
 * A cohort definition that breaks the criteria language, located by a JSON pointer (RFC 6901) to
 * the bad field, e.g. {@code /rules/2/criterion/window/days: must be a number}.
 */
public final class CriteriaException extends TianshuException {

  private final String pointer;
  private final String reason;

  public CriteriaException(String pointer, String reason) {
    super(QueryErrors.INVALID_CRITERIA, (pointer.isEmpty() ? "/" : pointer) + ": " + reason);
    this.pointer = pointer;
    this.reason = reason;
  }

  /** The JSON pointer to the offending field; empty for the whole document. */
  public String pointer() {
    return pointer;
  }

  /** What is wrong there, without the pointer. */
  public String reason() {
    return reason;
  }
}
