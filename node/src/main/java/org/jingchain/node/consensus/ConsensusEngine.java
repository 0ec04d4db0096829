package org.jingchain.node.consensus;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jingchain.codec.Canonical;
import org.jingchain.codec.DecodeException;
import org.jingchain.consensus.ConsensusCore;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.Epoch;
import org.jingchain.consensus.Event;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.execution.StateReader;
import org.jingchain.node.Admission;
import org.jingchain.node.BlockPolicy;
import org.jingchain.node.Chain;
import org.jingchain.node.Mempool;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;

/**
 * One node's consensus, single-threaded: feeds its {@link ConsensusCore} messages, timer expiries
 * and built blocks, and carries out the effects in order (safety record and pending blocks to disk
 * before anything is sent; commits through the ledger). Decides when a leader's block is built: at
 * once when transactions are waiting or uncommitted ancestors carry some, otherwise after the empty
 * interval, and never sooner than the block interval after its parent ({@link BlockPolicy}).
 *
 * <p>It owns no thread and reads no clock: its {@link Host} says what time it is and runs its tasks
 * — the node's {@link ConsensusDriver} on an event-loop thread, the simulator on simulated time.
 * Every method but {@link #wake} must be called on that one thread.
 */
public final class ConsensusEngine {
  private static final System.Logger LOG = System.getLogger(ConsensusEngine.class.getName());

  /** Where the engine's time and tasks come from. */
  public interface Host {
    long nowMillis();

    /** Runs {@code task} on the engine's thread after {@code delayMillis} (0: next). */
    void schedule(Runnable task, long delayMillis);
  }

  /** Where messages go: the p2p network, or nowhere for a single validator. */
  public interface Outbound {
    void send(int validator, byte[] message);

    void broadcast(byte[] message);

    Outbound NONE =
        new Outbound() {
          @Override
          public void send(int validator, byte[] message) {}

          @Override
          public void broadcast(byte[] message) {}
        };
  }

  /** Makes the core of an epoch [GOV-8]. */
  public interface CoreFactory {
    ConsensusCore create(Epoch epoch, List<PublicKey> validators);
  }

  /** Told, on the engine's thread, when this node enters a new epoch. */
  public interface EpochListener {
    void entered(Epoch epoch, List<PublicKey> validators);
  }

  private ConsensusCore core;
  private final CoreFactory factory;
  private final NodeLedger ledger;
  private final Chain chain;
  private final Mempool mempool;
  private final BlockPolicy policy;
  private final Outbound outbound;
  private final Host host;
  private final Address self;
  private final EngineProbe probe;
  private final List<EpochListener> epochListeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean wakePosted = new AtomicBoolean();
  private final AtomicLong rejected = new AtomicLong();
  private final RejectionLog rejections = new RejectionLog();
  private final AtomicLong timeoutsSent = new AtomicLong();
  private volatile long round;
  private volatile long certifiedHeight;
  private Effect.BuildBlock pendingBuild;

  public ConsensusEngine(
      CoreFactory factory,
      NodeLedger ledger,
      Chain chain,
      Mempool mempool,
      BlockPolicy policy,
      Outbound outbound,
      Host host,
      Address self,
      EngineProbe probe) {
    this.factory = factory;
    this.core = factory.create(ledger.epoch(), ledger.epochValidators());
    this.ledger = ledger;
    this.chain = chain;
    this.mempool = mempool;
    this.policy = policy;
    this.outbound = outbound;
    this.host = host;
    this.self = self;
    this.probe = probe;
  }

  public void addEpochListener(EpochListener l) {
    epochListeners.add(l);
  }

  /**
   * Restarts the core: blocks executed but not committed before a crash are executed again, and
   * their transactions go back to the mempool, so nonces the API hands out account for them.
   */
  public void start() {
    step(new Event.Start());
    readmitRecovered();
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
        if (mempool.admit(tx, Canonical.encode(tx).length, true) instanceof Admission.Accepted) {
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

  /** A message from validator {@code from}, decoded here. */
  public void onMessage(int from, byte[] bytes) {
    ConsensusMessage m;
    try {
      m = MessageCodec.decode(bytes);
    } catch (DecodeException e) {
      dropped(from, "undecodable (" + bytes.length + " bytes): " + e.getMessage());
      return;
    }
    step(new Event.MessageReceived(from, m));
  }

  /**
   * A validator's message dropped as undecodable or invalid: counted (metric {@code
   * jing_consensus_messages_rejected_total}) and logged as a warning, at most once a minute per
   * validator.
   */
  private void dropped(int from, String why) {
    rejected.incrementAndGet();
    rejections
        .note(from, why, host.nowMillis())
        .ifPresent(line -> LOG.log(System.Logger.Level.WARNING, line));
  }

  /** Transactions arrived (any thread): a leader waiting for transactions may build now. */
  public void wake() {
    if (wakePosted.compareAndSet(false, true)) {
      host.schedule(
          () -> {
            wakePosted.set(false);
            tryBuild();
          },
          0);
    }
  }

  private void step(Event e) {
    List<Effect> effects = core.step(e, host.nowMillis());
    round = core.currentRound();
    certifiedHeight = core.highQc().height();
    if (LOG.isLoggable(System.Logger.Level.TRACE)) {
      LOG.log(System.Logger.Level.TRACE, "round {0}: {1} -> {2}", round, e, effects);
    }
    for (Effect f : effects) {
      probe.beforeEffect(f);
      apply(f);
    }
  }

  private void apply(Effect f) {
    switch (f) {
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
          host.schedule(
              () -> step(new Event.TimerFired(t.round())), t.atMillis() - host.nowMillis());
      case Effect.BuildBlock b -> {
        pendingBuild = b;
        tryBuild();
      }
      case Effect.Commit c -> {
        ledger.commit(c, probe);
        c.nextEpoch().ifPresent(this::enterEpoch);
      }
      case Effect.Evidence ev -> {
        LOG.log(
            System.Logger.Level.WARNING,
            "evidence of {0} by validator {1}; both signed messages stored",
            ev.kind(),
            ev.validator());
        ledger.recordEvidence(ev.kind(), ev.validator(), ev.first(), ev.second());
      }
      case Effect.Rejected r -> dropped(r.from(), r.reason());
    }
  }

  /** [GOV-8] The epoch's last block is committed: run the next epoch's core from it. */
  private void enterEpoch(Effect.NextEpoch next) {
    pendingBuild = null;
    ledger.enterEpoch(next.epoch());
    if (!ledger.epochValidators().equals(next.validators())) {
      throw new IllegalStateException(
          "the committed state's validators differ from the epoch change's");
    }
    ledger.storeEpochState(next.epoch().rootHeight());
    core = factory.create(next.epoch(), next.validators());
    LOG.log(
        System.Logger.Level.INFO,
        "epoch {0} from height {1}: {2} validators",
        next.epoch().number(),
        next.epoch().rootHeight() + 1,
        next.validators().size());
    for (EpochListener l : epochListeners) {
      l.entered(next.epoch(), next.validators());
    }
    step(new Event.Start());
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
    Optional<StateReader> parentState = chain.stateAfter(b.parentHash());
    if (parentState.isEmpty()) {
      pendingBuild = null; // the parent was discarded meanwhile; a later round will build
      return;
    }
    // [GOV-12] the limits governance set as of the parent, as voters check them
    BlockPolicy.Limits limits = policy.forBuilding(parentState.get());
    long now = host.nowMillis();
    long parentMillis = b.parent().block().header().timestampMillis();
    long earliest = parentMillis + limits.intervalMillis();
    if (now < earliest) {
      host.schedule(this::tryBuild, earliest - now);
      return;
    }
    Set<Hash> inAncestors = chain.pendingTxIds(b.parentHash());
    // [GOV-8] above an uncommitted validator change, blocks only drive its commit: empty, at once
    boolean drive = core.mustBeEmpty(b.parentHash());
    List<Transaction> txs =
        drive
            ? List.of()
            : executable(
                b.parentHash(),
                mempool.select(
                    limits.maxTxs(),
                    limits.maxBytes(),
                    policy.maxGas(parentState.get()),
                    policy::gasOf,
                    now,
                    inAncestors));
    long emptyAt = parentMillis + limits.emptyIntervalMillis();
    if (txs.isEmpty() && !drive && inAncestors.isEmpty() && now < emptyAt) {
      host.schedule(this::tryBuild, emptyAt - now);
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

  /** Height of the highest certified block this node knows (committed or not). */
  public long certifiedHeight() {
    return certifiedHeight;
  }

  public long currentRound() {
    return round;
  }

  /** The core of the current epoch (the simulator's checkers read its safety record). */
  public ConsensusCore core() {
    return core;
  }

  /**
   * Timeout messages this validator broadcast: each one is a round that did not complete in time.
   */
  public long timeoutsSent() {
    return timeoutsSent.get();
  }

  /** Messages rejected as invalid or undecodable. */
  public long rejectedMessages() {
    return rejected.get();
  }
}
