package org.jingchain.node.consensus;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jingchain.codec.DecodeException;
import org.jingchain.consensus.ConsensusCore;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.Event;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.node.Chain;
import org.jingchain.node.Mempool;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;

/**
 * Runs one node's {@link ConsensusCore} on a single event-loop thread: feeds it messages, timer
 * expiries and built blocks, and executes its effects in order (safety record and pending blocks to
 * disk before anything is sent; commits to the chain). Also decides when a leader's block is built:
 * at once when transactions are waiting or uncommitted ancestors carry some, otherwise after {@code
 * emptyIntervalMillis}, and never sooner than {@code intervalMillis} after its parent.
 */
public final class ConsensusDriver implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConsensusDriver.class.getName());

  /** Bound on queued inputs; beyond it network messages are dropped (consensus retransmits). */
  static final int MAX_QUEUED = 20_000;

  /** Where messages go: the p2p network, or nowhere for a single validator. */
  public interface Outbound {
    void send(int validator, byte[] message);

    void broadcast(byte[] message);
  }

  /** New block-building limits from chain parameters [GOV-12], used from the next block built. */
  public void setLimits(BlockLimits next) {
    this.limits = next;
  }

  /** Block-building limits. */
  public record BlockLimits(
      long intervalMillis, long emptyIntervalMillis, int maxTxs, long maxBytes) {}

  /** Makes the core of an epoch [GOV-8]; called on the consensus thread. */
  public interface CoreFactory {
    ConsensusCore create(org.jingchain.consensus.Epoch epoch, List<PublicKey> validators);
  }

  /** Told, on the consensus thread, when this node enters a new epoch. */
  public interface EpochListener {
    void entered(org.jingchain.consensus.Epoch epoch, List<PublicKey> validators);
  }

  private ConsensusCore core;
  private final CoreFactory factory;
  private final List<EpochListener> epochListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final NodeLedger ledger;
  private final Chain chain;
  private final Mempool mempool;
  private final Outbound outbound;
  private final Clock clock;
  private final Address self;
  private volatile BlockLimits limits;
  private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timers;
  private final Thread loop;
  private final AtomicBoolean wakePosted = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong timeoutsSent = new AtomicLong();
  private volatile boolean stopped;
  private volatile Throwable failure;
  private volatile long round;
  private volatile long certifiedHeight;
  private Effect.BuildBlock pendingBuild;

  public ConsensusDriver(
      CoreFactory factory,
      NodeLedger ledger,
      Chain chain,
      Mempool mempool,
      Outbound outbound,
      Clock clock,
      Address self,
      BlockLimits limits) {
    this.factory = factory;
    this.core = factory.create(ledger.epoch(), ledger.epochValidators());
    this.ledger = ledger;
    this.chain = chain;
    this.mempool = mempool;
    this.outbound = outbound;
    this.clock = clock;
    this.self = self;
    this.limits = limits;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("jing-consensus-timer").daemon().unstarted(r));
    this.loop = Thread.ofPlatform().name("jing-consensus").unstarted(this::run);
    mempool.onAdmit(this::wake);
  }

  /**
   * Starts the event loop and waits until the core has restarted: blocks that were executed but not
   * committed before a crash are executed again, so nonces the API hands out account for them.
   */
  public void start() {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    loop.start();
    post(
        () -> {
          try {
            step(new Event.Start());
            readmitRecovered();
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

  /**
   * The mempool holds every uncommitted transaction this node knows, including those in blocks not
   * yet committed, so that a block abandoned later does not take them along. After a restart the
   * mempool is empty: the recovered blocks' transactions go back in, lowest height first.
   */
  private void readmitRecovered() {
    int n = 0;
    for (Chain.Executed e : chain.pendingBlocks()) {
      for (Transaction tx : e.block().transactions()) {
        if (mempool.admit(tx, org.jingchain.codec.Canonical.encode(tx).length, true)
            instanceof org.jingchain.node.Admission.Accepted) {
          n++;
        }
      }
    }
    if (n > 0) {
      LOG.log(
          System.Logger.Level.INFO,
          "{0} transactions of uncommitted blocks back in the mempool",
          n);
    }
  }

  /** A message from validator {@code from}; decoded on the consensus thread. */
  public void onMessage(int from, byte[] bytes) {
    if (inbox.size() >= MAX_QUEUED) {
      dropped.incrementAndGet();
      return;
    }
    post(
        () -> {
          ConsensusMessage m;
          try {
            m = MessageCodec.decode(bytes);
          } catch (DecodeException e) {
            rejected.incrementAndGet();
            LOG.log(
                System.Logger.Level.DEBUG,
                "undecodable message from validator {0}: {1}",
                from,
                e.getMessage());
            return;
          }
          step(new Event.MessageReceived(from, m));
        });
  }

  /** A transaction arrived: a leader waiting for transactions may build now. */
  private void wake() {
    if (wakePosted.compareAndSet(false, true)) {
      post(
          () -> {
            wakePosted.set(false);
            tryBuild();
          });
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

  public void addEpochListener(EpochListener l) {
    epochListeners.add(l);
  }

  private void step(Event e) {
    List<Effect> effects = core.step(e, clock.millis());
    round = core.currentRound();
    certifiedHeight = core.highQc().height();
    if (LOG.isLoggable(System.Logger.Level.TRACE)) {
      LOG.log(System.Logger.Level.TRACE, "round {0}: {1} -> {2}", round, e, effects);
    }
    for (int i = 0; i < effects.size(); i++) {
      Effect f = effects.get(i);
      if (f instanceof Effect.Commit c
          && i + 1 < effects.size()
          && effects.get(i + 1) instanceof Effect.EpochChange change) {
        commit(c, change.next()); // the next epoch is on disk with its root block, atomically
      } else {
        apply(f);
      }
    }
  }

  /** [GOV-8] The epoch's last block is committed: run the next epoch's core from it. */
  private void enterEpoch(Effect.EpochChange change) {
    pendingBuild = null;
    ledger.enterEpoch(change.next());
    if (!ledger.epochValidators().equals(change.validators())) {
      throw new IllegalStateException(
          "the committed state's validators differ from the epoch change's");
    }
    core = factory.create(change.next(), change.validators());
    LOG.log(
        System.Logger.Level.INFO,
        "epoch {0} from height {1}: {2} validators",
        change.next().number(),
        change.next().rootHeight() + 1,
        change.validators().size());
    for (EpochListener l : epochListeners) {
      l.entered(change.next(), change.validators());
    }
    step(new Event.Start());
  }

  private void apply(Effect f) {
    switch (f) {
      case Effect.EpochChange change -> enterEpoch(change);
      case Effect.PersistSafety p -> ledger.persistSafety(p.record());
      case Effect.StoreBlock s -> ledger.storePending(s.block(), s.hash());
      case Effect.Send s -> outbound.send(s.to(), MessageCodec.encode(s.message()));
      case Effect.Broadcast b -> {
        if (b.message() instanceof ConsensusMessage.Timeout) {
          timeoutsSent.incrementAndGet();
        }
        outbound.broadcast(MessageCodec.encode(b.message()));
      }
      case Effect.ScheduleTimer t ->
          schedule(() -> step(new Event.TimerFired(t.round())), t.atMillis() - clock.millis());
      case Effect.BuildBlock b -> {
        pendingBuild = b;
        tryBuild();
      }
      case Effect.Commit c -> commit(c, null);
      case Effect.Evidence ev -> {
        LOG.log(
            System.Logger.Level.WARNING,
            "evidence of {0} by validator {1}; both signed messages stored",
            ev.kind(),
            ev.validator());
        ledger.recordEvidence(ev.kind(), ev.validator(), ev.first(), ev.second());
      }
      case Effect.Rejected r -> {
        rejected.incrementAndGet();
        LOG.log(
            System.Logger.Level.DEBUG, "rejected from validator {0}: {1}", r.from(), r.reason());
      }
    }
  }

  private void commit(Effect.Commit c, org.jingchain.consensus.Epoch nextEpoch) {
    List<ProposedBlock> blocks = c.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      ProposedBlock b = blocks.get(i);
      Hash hash = chain.hashOf(b.block().header());
      boolean last = i == blocks.size() - 1;
      var records = ledger.commitRecords(b, hash, last ? c.lastQc() : null, c.proof());
      if (last && nextEpoch != null) {
        records.putAll(ledger.epochRecords(nextEpoch, b.block().height(), c.proof()));
      }
      Chain.Committed done = chain.commit(hash, records);
      mempool.committed(done.txHashes());
    }
    ledger.discard(c.discarded());
  }

  /** Builds the block a leader was asked for once there is reason to (see the class comment). */
  private void tryBuild() {
    Effect.BuildBlock b = pendingBuild;
    if (b == null) {
      return;
    }
    if (b.round() != core.currentRound()) {
      pendingBuild = null;
      return;
    }
    long now = clock.millis();
    long parentMillis = b.parent().block().header().timestampMillis();
    long earliest = parentMillis + limits.intervalMillis();
    if (now < earliest) {
      later(earliest - now);
      return;
    }
    if (chain.executed(b.parentHash()).isEmpty() && !b.parentHash().equals(chain.head().hash())) {
      pendingBuild = null; // the parent was discarded meanwhile; a later round will build
      return;
    }
    Set<Hash> inAncestors = chain.pendingTxIds(b.parentHash());
    // [GOV-8] above an uncommitted validator change, blocks only drive its commit: empty, at once
    boolean drive = core.mustBeEmpty(b.parentHash());
    // [GOV-12] the limits governance set as of the parent, as voters check them
    NodeLedger.ChainLimits chainLimits = ledger.chainLimits(b.parentHash());
    int maxTxs = (int) Math.min(limits.maxTxs(), chainLimits.maxTxs().orElse(Long.MAX_VALUE));
    long maxBytes = Math.min(limits.maxBytes(), chainLimits.maxBytes().orElse(Long.MAX_VALUE));
    List<Transaction> txs =
        drive
            ? List.of()
            : executable(b.parentHash(), mempool.select(maxTxs, maxBytes, now, inAncestors));
    if (txs.isEmpty()
        && !drive
        && inAncestors.isEmpty()
        && now < parentMillis + limits.emptyIntervalMillis()) {
      later(parentMillis + limits.emptyIntervalMillis() - now);
      return;
    }
    pendingBuild = null;
    Block block = chain.assemble(b.round(), b.parentHash(), txs, now, self);
    step(new Event.BlockBuilt(b.round(), block));
  }

  /** Keeps the transactions whose nonces follow on the parent's state; drops stale ones. */
  private List<Transaction> executable(Hash parentHash, List<Transaction> candidates) {
    Chain.NonceFilter filter = chain.nonceFilter(parentHash, candidates);
    if (!filter.stale().isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "dropped {0} pending transactions whose nonces other transactions used",
          filter.stale().size());
      mempool.dropStale(filter.stale());
    }
    return filter.executable();
  }

  private void later(long delayMillis) {
    schedule(this::tryBuild, delayMillis);
  }

  /** Queues {@code r} for the consensus thread after {@code delayMillis}; nothing once closing. */
  private void schedule(Runnable r, long delayMillis) {
    if (stopped) {
      return;
    }
    try {
      var _ = timers.schedule(() -> post(r), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: the timer thread is gone and no further step will run
    }
  }

  /** Height of the highest certified block this node knows (committed or not). */
  public long certifiedHeight() {
    return certifiedHeight;
  }

  public long currentRound() {
    return round;
  }

  /**
   * Timeout messages this validator broadcast: each one is a round that did not complete in time.
   */
  public long timeoutsSent() {
    return timeoutsSent.get();
  }

  /** Messages dropped because the inbox was full, and messages rejected as invalid. */
  public long droppedMessages() {
    return dropped.get();
  }

  public long rejectedMessages() {
    return rejected.get();
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
