package org.jingchain.bench;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;

/**
 * Counts committed workload transactions and their latency (commit time minus first submit time).
 * The chain listener only stamps the block and queues it, so the consensus thread does no benchmark
 * work; a tracker thread does the bookkeeping.
 */
final class CommitTracker implements Consumer<org.jingchain.service.CommittedBlock> {
  private record Stamped(org.jingchain.service.CommittedBlock block, long nanos) {}

  private static final Stamped STOP = new Stamped(null, 0);

  private final Workload workload;
  private final AtomicLongArray submitNanos;
  private final Semaphore pending;
  private final LinkedBlockingQueue<Stamped> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
  private final long windowStart;
  private final long windowEnd;
  private final long[] perSecond;
  private long windowTxs;
  private long windowBlocks;
  private long totalTxs;
  private long failedReceipts;
  private String firstFailure = "";

  /** Counts blocks committed in [{@code windowStart}, {@code windowEnd}) of System.nanoTime. */
  CommitTracker(Workload workload, Semaphore pending, long windowStart, long windowEnd) {
    this.workload = workload;
    this.submitNanos = new AtomicLongArray(workload.size());
    this.pending = pending;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.perSecond = new long[(int) ((windowEnd - windowStart + 999_999_999L) / 1_000_000_000L)];
    this.thread = Thread.ofPlatform().daemon().name("bench-tracker").start(this::run);
  }

  /** The client records when a transaction was first sent (before sending it). */
  void submitted(int index, long nanos) {
    submitNanos.set(index, nanos);
  }

  @Override
  public void accept(org.jingchain.service.CommittedBlock c) {
    queue.add(new Stamped(c, System.nanoTime()));
  }

  private void run() {
    try {
      for (Stamped s = queue.take(); s.block() != null; s = queue.take()) {
        record(s);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(Stamped s) {
    boolean inWindow = s.nanos >= windowStart && s.nanos < windowEnd;
    List<Transaction> txs = s.block.block().transactions();
    List<Receipt> receipts = s.block.receipts();
    int ours = 0;
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      int index = workload.index(tx.body().sender(), tx.body().nonce());
      if (index < 0) {
        continue;
      }
      ours++;
      if (!receipts.get(i).succeeded()) {
        if (failedReceipts++ == 0) {
          firstFailure = receipts.get(i).code() + ": " + receipts.get(i).message();
        }
      }
      if (inWindow) {
        long micros = Math.max(0, (s.nanos - submitNanos.get(index)) / 1000);
        latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
      }
    }
    pending.release(ours);
    totalTxs += ours;
    if (inWindow) {
      windowTxs += ours;
      windowBlocks++;
      perSecond[(int) ((s.nanos - windowStart) / 1_000_000_000L)] += ours;
    }
  }

  /** Stops the tracker after it has processed every block committed so far. */
  Result finish() throws InterruptedException {
    queue.add(STOP);
    thread.join();
    return new Result(
        windowTxs,
        windowBlocks,
        totalTxs,
        failedReceipts,
        firstFailure,
        latencyMicros.copy(),
        perSecond.clone());
  }

  /** What the tracker saw; latencies in microseconds. */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier, never compared
  record Result(
      long windowTxs,
      long windowBlocks,
      long totalTxs,
      long failedReceipts,
      String firstFailure,
      Histogram latencyMicros,
      long[] perSecond) {}
}
