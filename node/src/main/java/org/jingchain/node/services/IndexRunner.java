package org.jingchain.node.services;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jingchain.execution.StateReader;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.IndexHandle;
import org.jingchain.service.StateIndex;

/**
 * Runs one service's {@link StateIndex} on a thread of its own: rebuilt from state at start when it
 * is not at the committed height, then every committed block in order; a failed update rebuilds it
 * from state before its progress advances. Closing flushes it at the committed head, so a clean
 * stop needs no rebuild.
 */
final class IndexRunner implements IndexHandle, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IndexRunner.class.getName());

  private final String name;
  private final StateIndex index;
  private final StateReader latest;
  private final LongSupplier head;
  private final IndexProgress progress;
  private final ExecutorService thread;

  /**
   * @param name names the thread and log lines ({@code <service>})
   * @param head the committed head's height
   */
  IndexRunner(String name, StateIndex index, StateReader latest, LongSupplier head) {
    this.name = name;
    this.index = index;
    this.latest = latest;
    this.head = head;
    long h = head.getAsLong();
    long at = index.indexedHeight();
    if (at != h) {
      index.rebuild(latest, h);
      LOG.log(
          at < 0 && h == 0 ? System.Logger.Level.DEBUG : System.Logger.Level.INFO, // a new chain
          "{0} index rebuilt from state at height {1} (it was at {2})",
          name,
          h,
          at);
    }
    this.progress = new IndexProgress(h);
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("jing-index-" + name).daemon().unstarted(r));
  }

  /** A committed block (on the committing thread): applied on the index's own thread. */
  void committed(CommittedBlock block) {
    thread.execute(() -> apply(block));
  }

  private void apply(CommittedBlock block) {
    try {
      index.apply(block, latest);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "{0} index update failed at height {1}; rebuilding it from state: {2}",
          name,
          block.height(),
          e.toString());
      try {
        index.rebuild(latest, head.getAsLong());
      } catch (RuntimeException again) {
        // progress stays behind: readers wait out their bound and see how far it got
        LOG.log(
            System.Logger.Level.ERROR,
            "{0} index rebuild failed; it lags the chain until a restart: {1}",
            name,
            again.toString());
        return;
      }
    }
    progress.reached(block.height());
  }

  @Override
  public long appliedHeight() {
    return progress.applied();
  }

  @Override
  public long awaitHead(long maxMillis) {
    return progress.await(head.getAsLong(), maxMillis);
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      if (thread.awaitTermination(30, TimeUnit.SECONDS)) {
        index.flush(head.getAsLong()); // a clean stop needs no rebuild at the next start
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    index.close();
  }
}
