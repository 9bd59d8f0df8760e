package io.tianshu.store;

import io.tianshu.core.error.ErrorCode;

/** Stable error codes of the store. */
public final class StoreErrors {

  public static final ErrorCode CANNOT_OPEN =
      new ErrorCode("TS-STORE-001", 503, "The database cannot be opened");
  public static final ErrorCode CORRUPT =
      new ErrorCode("TS-STORE-002", 503, "The database file is corrupt");
  public static final ErrorCode UNREACHABLE =
      new ErrorCode("TS-STORE-003", 503, "The database server is unreachable");
  public static final ErrorCode MIGRATION_FAILED =
      new ErrorCode("TS-STORE-004", 503, "The database schema could not be migrated");
  public static final ErrorCode LOAD_FAILED =
      new ErrorCode("TS-STORE-005", 500, "A load batch failed");
  public static final ErrorCode QUERY_FAILED =
      new ErrorCode("TS-STORE-006", 500, "A database query failed");

  private StoreErrors() {}
}
