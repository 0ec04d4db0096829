package org.jingchain.crypto;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies batches of signatures in parallel under one suite, returning per-request results in
 * request order.
 *
 * <p>The batch is cut into chunks that worker tasks and the calling thread claim from a shared
 * counter. The caller works too and then waits only for chunks already claimed by running workers,
 * so a batch completes even when the executor is saturated, shut down, or is the pool the caller
 * itself runs in (no deadlock, no starvation). Keys of another suite verify false.
 */
public final class BatchVerifier {
  /** Below this many requests per chunk, task overhead would outweigh the parallelism. */
  static final int MIN_CHUNK = 16;

  /** Chunks per worker, so that uneven chunks (long messages, cold keys) even out. */
  private static final int CHUNKS_PER_WORKER = 4;

  private final CryptoSuite suite;
  private final Executor executor;
  private final int parallelism;

  private BatchVerifier(CryptoSuite suite, Executor executor, int parallelism) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.executor = Objects.requireNonNull(executor, "executor");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** A verifier running on the common ForkJoinPool. */
  public static BatchVerifier create(CryptoSuite suite) {
    ForkJoinPool pool = ForkJoinPool.commonPool();
    return new BatchVerifier(suite, pool, Math.max(1, pool.getParallelism()));
  }

  /**
   * A verifier running on {@code executor}, which it does not own (nor shut down), assuming it has
   * one thread per available processor.
   */
  public static BatchVerifier create(CryptoSuite suite, ExecutorService executor) {
    return new BatchVerifier(suite, executor, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A verifier running on {@code executor} with at most {@code parallelism} concurrent workers (the
   * caller's thread included).
   */
  public static BatchVerifier create(CryptoSuite suite, ExecutorService executor, int parallelism) {
    return new BatchVerifier(suite, executor, parallelism);
  }

  public CryptoSuite suite() {
    return suite;
  }

  /** Whether each request's signature is valid, in request order. */
  public boolean[] verify(List<VerifyRequest> requests) {
    VerifyRequest[] batch = requests.toArray(new VerifyRequest[0]);
    for (int i = 0; i < batch.length; i++) {
      Objects.requireNonNull(batch[i], "requests[" + i + "]");
    }
    boolean[] results = new boolean[batch.length];
    int chunkSize = Math.max(MIN_CHUNK, ceilDiv(batch.length, parallelism * CHUNKS_PER_WORKER));
    int chunks = ceilDiv(batch.length, chunkSize);
    if (chunks <= 1 || parallelism == 1) {
      verifyRange(batch, results, 0, batch.length);
      return results;
    }
    new Run(batch, results, chunkSize, chunks).execute();
    return results;
  }

  /** True when every signature in the batch is valid (and the batch is not empty). */
  public boolean allValid(List<VerifyRequest> requests) {
    boolean[] results = verify(requests);
    if (results.length == 0) {
      return false;
    }
    for (boolean ok : results) {
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "BatchVerifier[" + suite.id() + ", parallelism " + parallelism + "]";
  }

  private void verifyRange(VerifyRequest[] batch, boolean[] results, int from, int to) {
    for (int i = from; i < to; i++) {
      VerifyRequest r = batch[i];
      results[i] = suite.verify(r.key(), r.message(), r.signature());
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** One batch in flight: the chunk counter, the completion latch and the first failure. */
  private final class Run implements Runnable {
    private final VerifyRequest[] batch;
    private final boolean[] results;
    private final int chunkSize;
    private final int chunks;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Run(VerifyRequest[] batch, boolean[] results, int chunkSize, int chunks) {
      this.batch = batch;
      this.results = results;
      this.chunkSize = chunkSize;
      this.chunks = chunks;
      this.done = new CountDownLatch(chunks);
    }

    void execute() {
      int workers = Math.min(parallelism, chunks) - 1; // the caller is one of them
      for (int i = 0; i < workers; i++) {
        try {
          executor.execute(this);
        } catch (RejectedExecutionException e) {
          break; // the caller does the remaining chunks itself
        }
      }
      run();
      awaitClaimedChunks();
      Throwable t = failure.get();
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error err) {
        throw err;
      }
    }

    @Override
    public void run() {
      int c;
      while ((c = nextChunk.getAndIncrement()) < chunks) {
        try {
          int from = c * chunkSize;
          verifyRange(batch, results, from, Math.min(batch.length, from + chunkSize));
        } catch (RuntimeException | Error t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }
    }

    private void awaitClaimedChunks() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          // The chunks are being verified by running threads and finish shortly; the results are
          // needed, so keep waiting and restore the flag afterwards.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
