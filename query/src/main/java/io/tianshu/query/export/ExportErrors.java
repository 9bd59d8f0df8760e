package io.tianshu.query.export;

import io.tianshu.core.error.ErrorCode;

/** The stable error codes of the dataset export. */
public final class ExportErrors {

  /** A dataset specification that is not valid JSON or does not follow the spec language. */
  public static final ErrorCode INVALID_DATASET_SPEC =
      new ErrorCode("TS-QUERY-020", 400, "Invalid dataset specification");

  /** Reading the records or writing the dataset failed. */
  public static final ErrorCode EXPORT_FAILED =
      new ErrorCode("TS-QUERY-021", 500, "The dataset export failed");

  private ExportErrors() {}
}
