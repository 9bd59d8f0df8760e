package io.tianshu.core.error;

/**
 * A stable error code such as {@code TS-STORE-003}: users, logs and API problem details all carry
 * it, so it never changes meaning once released.
 *
 * @param code the stable code
 * @param httpStatus the HTTP status it maps to when it reaches the API
 * @param title a short English title
 */
public record ErrorCode(String code, int httpStatus, String title) {

  public static final ErrorCode NOT_FOUND = new ErrorCode("TS-CORE-404", 404, "Not found");
  public static final ErrorCode INVALID_ARGUMENT =
      new ErrorCode("TS-CORE-400", 400, "Invalid argument");
  public static final ErrorCode INTERNAL = new ErrorCode("TS-CORE-500", 500, "Internal error");
}
