package org.jingchain.node;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jingchain.types.Address;
import org.jingchain.types.Transaction;

/**
 * The single-validator dev mode's block sealer: one thread that seals a block as soon as {@code
 * maxTxs} transactions are pending, or when {@code intervalMillis} has passed since the last block
 * and at least one is pending (or always, with empty blocks on).
 */
public final class BlockProducer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BlockProducer.class.getName());

  private final Chain chain;
  private final Mempool mempool;
  private final Clock clock;
  private final Address proposer;
  private final long intervalMillis;
  private final int maxTxs;
  private final long maxBytes;
  private final boolean emptyBlocks;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Throwable failure;

  public BlockProducer(
      Chain chain,
      Mempool mempool,
      Clock clock,
      Address proposer,
      long intervalMillis,
      int maxTxs,
      long maxBytes,
      boolean emptyBlocks) {
    this.chain = chain;
    this.mempool = mempool;
    this.clock = clock;
    this.proposer = proposer;
    this.intervalMillis = intervalMillis;
    this.maxTxs = maxTxs;
    this.maxBytes = maxBytes;
    this.emptyBlocks = emptyBlocks;
    this.thread = Thread.ofPlatform().name("jing-producer").unstarted(this::run);
    mempool.onAdmit(this::poke);
  }

  public void start() {
    thread.start();
  }

  /** Wakes the producer when the first transaction arrives or a full block is pending. */
  private void poke() {
    int n = mempool.size();
    if ((n == 1 || n >= maxTxs) && lock.tryLock()) {
      try {
        wake.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void run() {
    long last = clock.millis();
    try {
      while (!stopped) {
        waitForWork(last);
        if (stopped) {
          break;
        }
        // the block's timestamp never goes below its parent's, even if the clock steps back; the
        // mempool filters expiry with the same value execution will use
        long now = Math.max(clock.millis(), chain.head().header().timestampMillis());
        List<Transaction> txs = mempool.take(maxTxs, maxBytes, now);
        if (txs.isEmpty() && !emptyBlocks) {
          last = now;
          continue;
        }
        Chain.Committed c = chain.append(txs, now, proposer);
        mempool.committed(c.txHashes());
        last = now;
        if (!txs.isEmpty()) {
          LOG.log(
              System.Logger.Level.DEBUG,
              "sealed block {0} with {1} transactions",
              c.block().height(),
              txs.size());
        }
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.log(System.Logger.Level.ERROR, "block production stopped: " + e, e);
    }
  }

  private void waitForWork(long last) {
    lock.lock();
    try {
      while (!stopped) {
        long remaining = last + intervalMillis - clock.millis();
        if (mempool.size() >= maxTxs) {
          return;
        }
        if (remaining <= 0 && (mempool.size() > 0 || emptyBlocks)) {
          return;
        }
        wake.await(remaining > 0 ? remaining : intervalMillis, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  /** Why production stopped, if it failed (storage errors are fatal: the node must not go on). */
  public Throwable failure() {
    return failure;
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  @Override
  public void close() {
    stopped = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
