package io.tianshu.server.cli;

import io.tianshu.core.error.TianshuException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the command line tells the user: progress on stderr, results on stdout, and for failures one
 * sentence on stderr while the stack trace goes to the log file.
 */
final class Console {

  private Console() {}

  static void progress(String what, long done, long total) {
    if (done == total || done % Math.max(1, total / 20) == 0) {
      System.err.printf(
          Locale.ROOT,
          "\r%s: %d/%d (%d%%)",
          what,
          done,
          total,
          total == 0 ? 100 : done * 100 / total);
      if (done == total) {
        System.err.println();
      }
      System.err.flush();
    }
  }

  static void info(String line) {
    System.err.println(line);
  }

  /** One sentence for the user; the cause with its stack trace to the log file. */
  static int fail(Throwable error) {
    Throwable cause = error;
    TianshuException known = null;
    while (cause != null) {
      if (cause instanceof TianshuException t) {
        known = t;
        break;
      }
      cause = cause.getCause();
    }
    Logger log = LoggerFactory.getLogger(Console.class);
    if (known != null) {
      log.error("{} {}", known.errorCode().code(), known.getMessage(), error);
      System.err.println("Error " + known.errorCode().code() + ": " + known.getMessage());
    } else {
      log.error("Unexpected failure", error);
      String message =
          error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
      System.err.println(
          "Error: "
              + firstLine(message)
              + " (details in the log file "
              + System.getProperty("tianshu.log.dir", "./data/logs")
              + "/tianshu.log)");
    }
    return 1;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
