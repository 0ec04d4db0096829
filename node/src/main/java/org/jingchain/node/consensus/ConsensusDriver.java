package org.jingchain.node.consensus;

import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs a node's {@link ConsensusEngine} on one event-loop thread ({@code jing-consensus}): network
 * messages, timer expiries and wake-ups are queued and run in order; timers live on a second thread
 * that only queues. The engine itself is the same one the simulator drives on simulated time.
 */
public final class ConsensusDriver implements ConsensusEngine.Host, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConsensusDriver.class.getName());

  /** Bound on queued inputs; beyond it network messages are dropped (consensus retransmits). */
  static final int MAX_QUEUED = 20_000;

  private final Clock clock;
  private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timers;
  private final Thread loop;
  private final AtomicLong dropped = new AtomicLong();
  private final ConsensusEngine engine;
  private volatile boolean stopped;
  private volatile Throwable failure;

  /**
   * @param engine makes the engine with this driver as its host
   */
  public ConsensusDriver(Clock clock, Function<ConsensusEngine.Host, ConsensusEngine> engine) {
    this.clock = clock;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("jing-consensus-timer").daemon().unstarted(r));
    this.loop = Thread.ofPlatform().name("jing-consensus").unstarted(this::run);
    this.engine = engine.apply(this);
  }

  public ConsensusEngine engine() {
    return engine;
  }

  /** Starts the event loop and waits until the engine has restarted (see its {@code start}). */
  public void start() {
    CountDownLatch started = new CountDownLatch(1);
    loop.start();
    post(
        () -> {
          try {
            engine.start();
          } finally {
            started.countDown();
          }
        });
    try {
      if (!started.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("consensus did not start within 5 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting consensus", e);
    }
  }

  /** A message from validator {@code from}; decoded on the consensus thread. */
  public void onMessage(int from, byte[] bytes) {
    if (inbox.size() >= MAX_QUEUED) {
      dropped.incrementAndGet();
      return;
    }
    post(() -> engine.onMessage(from, bytes));
  }

  @Override
  public long nowMillis() {
    return clock.millis();
  }

  /** Queues {@code task} for the consensus thread after {@code delayMillis}; none once closing. */
  @Override
  public void schedule(Runnable task, long delayMillis) {
    if (stopped) {
      return;
    }
    if (delayMillis <= 0) {
      post(task);
      return;
    }
    try {
      var _ = timers.schedule(() -> post(task), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the timer thread is gone and no further step will run
    }
  }

  private void post(Runnable r) {
    inbox.add(r);
  }

  private void run() {
    try {
      while (!stopped) {
        Runnable r = inbox.poll(1, TimeUnit.SECONDS);
        if (r != null) {
          r.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.log(System.Logger.Level.ERROR, "consensus stopped: " + e, e);
    }
  }

  /** Messages dropped because the inbox was full. */
  public long droppedMessages() {
    return dropped.get();
  }

  /** Why consensus stopped, or null while it runs. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    stopped = true;
    timers.shutdownNow();
    post(() -> {});
    try {
      loop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
