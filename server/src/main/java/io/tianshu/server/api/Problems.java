package io.tianshu.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details that always carry Tianshu's stable error code. */
public final class Problems {

  public static final ErrorCode UNAUTHENTICATED =
      new ErrorCode("TS-AUTH-401", 401, "Authentication required");
  public static final ErrorCode FORBIDDEN =
      new ErrorCode("TS-AUTH-403", 403, "Not allowed for your role");

  private Problems() {}

  public static ProblemDetail of(ErrorCode code, String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
    problem.setTitle(code.title());
    problem.setType(URI.create("https://tianshu.io/errors/" + code.code()));
    problem.setProperty("code", code.code());
    return problem;
  }

  /** Writes a problem straight to a servlet response, for filters that run before Spring MVC. */
  public static void write(
      HttpServletResponse response, ObjectMapper json, ErrorCode code, String detail)
      throws IOException {
    response.setStatus(code.httpStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), of(code, detail));
  }
}
