package io.tianshu.core.error;

import java.util.Objects;

/** A failure with a stable {@link ErrorCode} and one readable sentence for the user. */
public class TianshuException extends RuntimeException {

  private final ErrorCode errorCode;

  public TianshuException(ErrorCode errorCode, String message) {
    super(message);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  public TianshuException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  public ErrorCode errorCode() {
    return errorCode;
  }
}
