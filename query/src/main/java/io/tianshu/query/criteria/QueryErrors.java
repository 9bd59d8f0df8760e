package io.tianshu.query.criteria;

import io.tianshu.core.error.ErrorCode;

/** The stable error codes of the query module. */
public final class QueryErrors {

  /** A cohort definition that is not valid JSON or does not follow the criteria language. */
  public static final ErrorCode INVALID_CRITERIA =
      new ErrorCode("TS-QUERY-001", 400, "Invalid cohort definition");

  /** The SQL engine failed while running a compiled cohort. */
  public static final ErrorCode QUERY_FAILED =
      new ErrorCode("TS-QUERY-002", 500, "The cohort query failed");

  private QueryErrors() {}
}
