package io.tianshu.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A browser-like HTTP client for tests: keeps cookies and sends the CSRF header the way the
 * workbench does.
 */
public final class WorkbenchClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  public WorkbenchClient(int port) {
    this.base = "http://localhost:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A response's status and parsed JSON body (null when the body is empty or not JSON). */
  /** A response: status, the body parsed when it is JSON, its content type and its raw text. */
  public record Reply(int status, JsonNode body, String contentType, String text) {}

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Reply post(String path, Object body) {
    return post(path, body, true);
  }

  public Reply post(String path, Object body, boolean withCsrf) {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      JSON.writeValueAsString(body == null ? Map.of() : body)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (withCsrf) {
      if (csrf() == null) {
        get("/api/auth/me"); // any request makes the server set the XSRF-TOKEN cookie
      }
      b.header("X-XSRF-TOKEN", csrf());
    }
    return send(b);
  }

  /** Posts raw bytes (an uploaded file), with the CSRF token. */
  public Reply postBytes(String path, byte[] body, String contentType) {
    if (csrf() == null) {
      get("/api/auth/me");
    }
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .header("X-XSRF-TOKEN", csrf())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** Logs in and returns the reply of the login call. */
  public Reply login(String username, String password) {
    return post("/api/auth/login", Map.of("username", username, "password", password));
  }

  private String csrf() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode body = null;
      if (type.contains("json") && !response.body().isEmpty()) {
        body = JSON.readTree(response.body());
      }
      return new Reply(response.statusCode(), body, type, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
