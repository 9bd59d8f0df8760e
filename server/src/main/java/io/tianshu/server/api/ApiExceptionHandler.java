package io.tianshu.server.api;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps every failure once to a problem detail with a stable error code; stack traces go to the log
 * only.
 */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(TianshuException.class)
  ResponseEntity<ProblemDetail> tianshu(TianshuException e) {
    ErrorCode code = e.errorCode();
    if (code.httpStatus() >= 500) {
      log.error("{} {}", code.code(), e.getMessage(), e);
    }
    return respond(code, e.getMessage());
  }

  @ExceptionHandler({
    IllegalArgumentException.class,
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  ResponseEntity<ProblemDetail> badRequest(Exception e) {
    return respond(ErrorCode.INVALID_ARGUMENT, e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
    return respond(Problems.FORBIDDEN, "Your role does not allow this request.");
  }

  private static ResponseEntity<ProblemDetail> respond(ErrorCode code, String detail) {
    return ResponseEntity.status(HttpStatusCode.valueOf(code.httpStatus()))
        .body(Problems.of(code, detail));
  }
}
