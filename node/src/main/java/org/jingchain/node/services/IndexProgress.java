package org.jingchain.node.services;

/**
 * How far an index has applied committed blocks, so that a read can see the writes its client saw
 * commit (the data directory's search, [DD-21]): indexes are kept off the consensus thread, a block
 * or a few behind the chain.
 */
final class IndexProgress {
  private long applied;

  /**
   * @param start the committed height the index reflects when the node starts
   */
  IndexProgress(long start) {
    this.applied = start;
  }

  /** The height applied so far. */
  synchronized long applied() {
    return applied;
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
