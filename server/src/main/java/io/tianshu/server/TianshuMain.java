package io.tianshu.server;

import io.tianshu.server.cli.TianshuCommand;

/** The {@code tianshu} command: {@code demo | serve | generate | bench}. */
public final class TianshuMain {

  private TianshuMain() {}

  public static void main(String[] args) {
    int exit = TianshuCommand.execute(args);
    if (exit != 0 || !TianshuCommand.keepsRunning(args)) {
      System.exit(exit);
    }
  }
}
