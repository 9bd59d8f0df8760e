package io.tianshu.query.export;

import io.tianshu.core.error.TianshuException;

/**
 * A dataset specification that breaks the spec language, located by a JSON pointer (RFC 6901) to
 * the bad field, e.g. {@code /variables/3/aggregate: must be one of EXISTS, COUNT, ...}.
 */
public final class DatasetSpecException extends TianshuException {

  private final String pointer;
  private final String reason;

  public DatasetSpecException(String pointer, String reason) {
    super(ExportErrors.INVALID_DATASET_SPEC, (pointer.isEmpty() ? "/" : pointer) + ": " + reason);
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
