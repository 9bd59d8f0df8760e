package io.tianshu.query.search;

import io.tianshu.core.error.ErrorCode;

/** Stable error codes of document search. */
public final class SearchErrors {

  /** The query text cannot be read; the message says where and why. */
  public static final ErrorCode BAD_QUERY =
      new ErrorCode("TS-QUERY-101", 400, "Invalid document search");

  /** No build of the index has completed yet (the server builds it at start-up). */
  public static final ErrorCode NOT_READY =
      new ErrorCode("TS-QUERY-102", 503, "The document index is being built");

  /** The index on disk cannot be read or written. */
  public static final ErrorCode INDEX_FAILED =
      new ErrorCode("TS-QUERY-103", 500, "The document index failed");

  private SearchErrors() {}
}
