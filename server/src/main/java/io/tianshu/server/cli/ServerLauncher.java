package io.tianshu.server.cli;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.server.TianshuApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring Boot server for {@code serve} and {@code demo}, turning start-up failures into
 * sentences.
 */
final class ServerLauncher {

  static final ErrorCode PORT_IN_USE =
      new ErrorCode("TS-SERVER-003", 500, "The port is already in use");

  private ServerLauncher() {}

  static ConfigurableApplicationContext start(int port, Map<String, Object> properties) {
    checkPortFree(port);
    Map<String, Object> all = new LinkedHashMap<>(properties);
    all.put("server.port", port);
    SpringApplication app = new SpringApplication(TianshuApplication.class);
    app.setLogStartupInfo(false);
    // Passed as command-line properties, which outrank application.yml and the environment: what
    // the user
    // typed on the command line wins.
    String[] args =
        all.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    try {
      return app.run(args);
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause != null) {
        if (cause instanceof PortInUseException) {
          throw portInUse(port, e);
        }
        cause = cause.getCause();
      }
      throw e;
    }
  }

  /** Fails fast, before the seconds of a Spring start, when the port is taken. */
  private static void checkPortFree(int port) {
    if (port < 1 || port > 65535) {
      throw new TianshuException(
          ErrorCode.INVALID_ARGUMENT, "Port " + port + " is not a valid TCP port (1-65535).");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw portInUse(port, e);
    }
  }

  private static TianshuException portInUse(int port, Exception cause) {
    return new TianshuException(
        PORT_IN_USE,
        "Port "
            + port
            + " is already in use; stop the other program or pass --port with another port.",
        cause);
  }
}
