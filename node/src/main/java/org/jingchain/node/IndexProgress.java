package org.jingchain.node;

/**
 * How far the catalogue index has applied committed blocks, so that a search can read the writes
 * its client saw commit ([DD-21]): the index is kept off the consensus thread, a block or a few
 * behind the chain.
 */
final class IndexProgress {
  private long applied;

  /**
   * @param start the committed height the index reflects when the node starts
   */
  IndexProgress(long start) {
    this.applied = start;
  }

  /** The indexer applied every block up to {@code height}. */
  synchronized void reached(long height) {
    if (height > applied) {
      applied = height;
      notifyAll();
    }
  }

  /**
   * Waits until the index has applied {@code target}, at most {@code timeoutMillis}; returns the
   * height it has applied (below {@code target} when the wait ran out).
   */
  synchronized long await(long target, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (applied < target) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return applied;
  }
}
