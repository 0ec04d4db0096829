package org.jingchain.cli;

import java.io.PrintWriter;
import org.jingchain.sdk.store.StoreClient;

/**
 * Progress of a long operation on stderr: on a terminal one line redrawn at most ten times a
 * second; otherwise (a log, a pipe) a line at each quarter of each phase.
 */
final class ProgressLine implements StoreClient.Progress {
  private final PrintWriter err;
  private final boolean terminal = System.console() != null;
  private String phase = "";
  private long lastDraw;
  private int lastQuarter = -1;
  private boolean drawn;

  ProgressLine(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void update(String newPhase, long done, long total) {
    if (!newPhase.equals(phase)) {
      if (drawn && terminal) {
        err.println();
      }
      phase = newPhase;
      lastQuarter = -1;
      lastDraw = 0;
    }
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    if (terminal) {
      long now = System.nanoTime();
      if (now - lastDraw < 100_000_000L && percent < 100) {
        return;
      }
      lastDraw = now;
      int bars = percent / 5;
      err.print(
          String.format(
              "\r%-11s [%-20s] %3d%%  %s", phase, "#".repeat(bars), percent, amount(done, total)));
      err.flush();
      drawn = true;
    } else if (percent / 25 > lastQuarter) {
      lastQuarter = percent / 25;
      err.println(String.format("%s %d%% (%s)", phase, percent, amount(done, total)));
      err.flush();
    }
  }

  private String amount(long done, long total) {
    return phase.equals("confirming") || phase.equals("recording")
        ? done + "/" + total
        : Sizes.format(done) + " of " + Sizes.format(total);
  }

  /** Ends the line, if one is being redrawn. */
  synchronized void done() {
    if (drawn && terminal) {
      err.println();
      err.flush();
    }
    drawn = false;
  }
}
