package org.jingchain.cli;

import java.util.logging.LogManager;

/**
 * Keeps logging alive during JVM shutdown. The JDK's LogManager resets (closes) all handlers in its
 * own shutdown hook, racing the node's hook, so "node stopped cleanly" could be lost; this one
 * ignores that reset (the process is exiting anyway and stderr needs no closing).
 */
public final class JingLogManager extends LogManager {
  @Override
  public void reset() {
    if (!isShuttingDown()) {
      super.reset();
    }
  }

  private static boolean isShuttingDown() {
    try {
      Thread probe = new Thread(() -> {});
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }
}
