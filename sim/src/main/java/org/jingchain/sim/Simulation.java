package org.jingchain.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.jingchain.codec.DecodeException;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.SignatureVerifier;
import org.jingchain.consensus.Signer;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.KeyPair;
import org.jingchain.node.NodeConfig;
import org.jingchain.node.NodeCore;
import org.jingchain.node.ServiceSet;
import org.jingchain.node.consensus.ConsensusEngine;
import org.jingchain.node.consensus.EngineProbe;
import org.jingchain.platform.Platform;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.Genesis;
import org.jingchain.types.PublicKey;

/**
 * Runs a network of real node cores — the consensus engine, chain, ledger, mempool and platform
 * services a node runs, each over an in-memory store that is its disk — in one thread against a
 * simulated clock and network, as TigerBeetle's simulator runs its real replica. Every random
 * choice comes from one {@link Random} seeded by the config, and events at equal times run in
 * scheduling order, so a run is a pure function of its config.
 *
 * <p>Faults: partitions, clogged links, loss, duplication, reordering, Byzantine validators, and
 * crashes — while idle, in the middle of a step's effects, or inside a commit between block writes
 * — after which a node restarts from its disk through the node's own recovery.
 */
public final class Simulation {
  static final long START_MILLIS = 1_700_000_000_000L;

  /** The organisation that runs the simulated validators. */
  static final String ORG = "sim";

  private static final boolean TRACE = Boolean.getBoolean("jing.sim.trace");

  /**
   * The nodes' own logs (a node's INFO lines: chains created, epochs entered) are hushed: a
   * campaign runs thousands of nodes. {@code -Djing.sim.logs=true} keeps them.
   */
  @SuppressWarnings("UnusedVariable") // held so the level stays: JUL keeps loggers weakly
  private static final java.util.logging.Logger NODE_LOGS = hushNodeLogs();

  private static java.util.logging.Logger hushNodeLogs() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.jingchain");
    if (!Boolean.getBoolean("jing.sim.logs")) {
      l.setLevel(java.util.logging.Level.SEVERE);
    }
    return l;
  }

  private record Scheduled(long at, long seq, Runnable action) {}

  /**
   * The simulated time and the events waiting for it, shared by every chain of a run: events at
   * equal times run in scheduling order, whichever chain scheduled them.
   */
  static final class Schedule {
    private final PriorityQueue<Scheduled> queue =
        new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    private long now = START_MILLIS;
    private long steps;

    void at(long time, Runnable action) {
      queue.add(new Scheduled(time, seq++, action));
    }

    long now() {
      return now;
    }

    long steps() {
      return steps;
    }

    /** Runs every event due up to {@code end}, in time order. */
    void runUntil(long end) {
      while (!queue.isEmpty() && queue.peek().at <= end) {
        Scheduled s = queue.poll();
        now = s.at;
        s.action.run();
        steps++;
      }
    }

    int pending() {
      return queue.size();
    }
  }

  /**
   * Which chain a simulation runs.
   *
   * @param chainId the chain's id, in its genesis and every transaction
   * @param realSignatures whether validators sign with real keys of the suite (a light client of
   *     this chain on another chain checks its certificates) rather than the simulator's stand-in
   */
  record ChainSpec(String chainId, boolean realSignatures) {
    static final ChainSpec SINGLE = new ChainSpec(SimClients.CHAIN_ID, false);
  }

  /** Thrown inside a node's engine at a crash point: the process dies there. */
  private static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super(null, null, false, false);
    }
  }

  private final SimConfig config;
  private final Random random;
  private final Schedule schedule;
  private final ChainSpec spec;
  private final List<SimNode> nodes = new ArrayList<>();
  private final List<PublicKey> keys = new ArrayList<>();
  private final Genesis genesis;
  private final byte[] genesisJson;
  private final ServiceSet services;
  private final NodeCore.Settings settings;
  private final BatchVerifier verifier =
      BatchVerifier.create(SimSuite.INSTANCE, ForkJoinPool.commonPool(), 1);
  private final Clock clock = new SimClock();
  private final SignatureVerifier consensusVerifier;
  private final Checker checker = new Checker();
  final SimNetwork network;
  private final Byzantine byzantine;
  private final SimClients clients;
  private final List<Runnable> commitHooks = new ArrayList<>();
  private long heightAtHeal = -1;
  long epochChanges;
  long rejected;
  long evidence;
  private long crashes;

  Simulation(SimConfig config) {
    this(config, ChainSpec.SINGLE, new Schedule(), new Random(config.seed()));
  }

  /** One chain of a run whose {@code schedule} and {@code random} it may share with others. */
  Simulation(SimConfig config, ChainSpec spec, Schedule schedule, Random random) {
    this.config = config;
    this.spec = spec;
    this.schedule = schedule;
    this.random = random;
    List<Signer> signers = new ArrayList<>();
    for (int i = 0; i < config.validators(); i++) {
      if (spec.realSignatures()) {
        KeyPair k =
            SimSuite.INSTANCE.keyPairFromPrivateKey(
                SimCrypto.sha256(
                    ("validator/" + spec.chainId() + "/" + config.seed() + "/" + i)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        keys.add(k.publicKey());
        signers.add(
            new Signer() {
              @Override
              public PublicKey publicKey() {
                return k.publicKey();
              }

              @Override
              public byte[] sign(byte[] message) {
                return SimSuite.INSTANCE.sign(k, message);
              }
            });
      } else {
        keys.add(SimCrypto.validatorKey(config.seed(), i));
        signers.add(SimCrypto.signer(keys.getLast()));
      }
    }
    this.consensusVerifier = spec.realSignatures() ? SimSuite.INSTANCE::verify : new SimCrypto();
    this.genesis = genesis(config, spec, keys);
    try {
      this.genesisJson =
          new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(genesis);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    this.services = new ServiceSet(Platform.services(), new ChainSetup(genesis, SimSuite.INSTANCE));
    // a node's default limits (docs/config.md), with pruning every few hundred blocks
    NodeCore.Settings defaults = NodeCore.Settings.of(NodeConfig.defaultsWith(Map.of()));
    this.settings =
        new NodeCore.Settings(
            defaults.block(), defaults.mempool(), defaults.mempoolMaxTtlMillis(), 200);
    for (int i = 0; i < keys.size(); i++) {
      nodes.add(new SimNode(i, signers.get(i), config.behaviours().get(i)));
    }
    this.network = new SimNetwork(this, random, nodes.size());
    this.byzantine = new Byzantine(this, random);
    this.clients = new SimClients(this, random, spec.chainId(), config.contracts());
  }

  /**
   * The simulated chain: one organisation runs the validators (all of them, or the first four in a
   * reconfiguring run, whose fifth node follows until governance adds it).
   */
  private static Genesis genesis(SimConfig config, ChainSpec spec, List<PublicKey> keys) {
    List<PublicKey> first =
        config.reconfigureEvery() > 0 ? keys.subList(0, Math.min(4, keys.size())) : keys;
    List<String> validators = first.stream().map(PublicKey::toString).toList();
    List<String> admins =
        spec.realSignatures() // a two-chain run's chain: its cross-chain operator too
            ? List.of(
                SimClients.adminAddress().toString(), SimClients.OPERATOR.address().toString())
            : List.of(SimClients.adminAddress().toString());
    return new Genesis(
        spec.chainId(),
        "intl",
        START_MILLIS - 1_000,
        validators,
        1_000L,
        8_000L,
        "open",
        List.of(
            new Genesis.Organisation(ORG, "Simulated consortium", admins, validators, List.of())),
        Map.of());
  }

  /** Runs {@code config} to the end; never throws for a protocol failure, it reports it. */
  public static SimResult run(SimConfig config) {
    Simulation sim = new Simulation(config);
    String failure = null;
    try {
      sim.execute();
    } catch (SimulationFailure e) {
      failure = e.getMessage() + " (at simulated ms " + (sim.now() - START_MILLIS) + ")";
    } catch (RuntimeException e) {
      failure = describe(e) + " (at simulated ms " + (sim.now() - START_MILLIS) + ")";
    }
    return sim.result(failure);
  }

  /** An unexpected exception, with where it was thrown (eight frames), for a failure line. */
  static String describe(RuntimeException e) {
    StringBuilder where = new StringBuilder("unexpected " + e);
    StackTraceElement[] st = e.getStackTrace();
    for (int i = 0; i < Math.min(8, st.length); i++) {
      where.append(i == 0 ? " at " : " < ").append(st[i]);
    }
    return where.toString();
  }

  private SimResult result(String failure) {
    long minHeight = Long.MAX_VALUE;
    for (SimNode n : nodes) {
      if (n.honest()) {
        minHeight = Math.min(minHeight, n.committedHeight());
      }
    }
    return new SimResult(
        config,
        failure,
        schedule.steps(),
        now() - START_MILLIS,
        minHeight,
        network.sent,
        network.dropped,
        network.undecodable,
        rejected,
        evidence,
        crashes,
        epochChanges,
        checker.transactions());
  }

  void execute() {
    long end = start();
    schedule.runUntil(end);
    finish();
  }

  /**
   * Boots the nodes and schedules the run's faults, clients and heal from now; returns when the run
   * ends (the heal, then the live window).
   */
  long start() {
    long healAt = now() + config.faultMillis();
    long end = healAt + config.liveWindowMillis();
    for (SimNode n : nodes) {
      if (!(config.catchUp() && n == nodes.getLast())) {
        boot(n); // the lagging node of a catch-up run is down from the start, back at the heal
      }
    }
    if (config.catchUp()) {
      crashes++;
    } else {
      new FaultPlan(this, random, nodes).schedule(now(), healAt);
    }
    clients.start(now(), end);
    if (config.reconfigureEvery() > 0) {
      at(now() + 300, () -> reconfigure(end));
    }
    at(healAt, this::heal);
    return end;
  }

  /** After the run: liveness since the heal, and every node's blocks replayed. */
  void finish() {
    checkLiveness();
    replayCheck();
  }

  /** Every honest node's blocks replayed from genesis give the state on its disk. */
  void replayCheck() {
    new ReplayCheck(genesis, genesisJson, services).check(nodes);
  }

  // ---- nodes

  /** Opens the node's core on its disk and starts its engine, as a node process starts. */
  private void boot(SimNode n) {
    int life = n.incarnation;
    n.core = new NodeCore(n.disk, genesis, genesisJson, services, settings, verifier, clock);
    n.fromPeers = n.core.ingress(txs -> {});
    n.fromClients = n.core.ingress(txs -> network.gossip(n.index, txs));
    ConsensusEngine.Host host =
        new ConsensusEngine.Host() {
          @Override
          public long nowMillis() {
            return now();
          }

          @Override
          public void schedule(Runnable task, long delayMillis) {
            at(now() + Math.max(0, delayMillis), () -> onNode(n, life, task));
          }
        };
    n.engine = n.core.engine(n.signer, consensusVerifier, host, outbound(n), probe(n));
    n.engine.addEpochListener(
        (epoch, validators) -> {
          epochChanges++;
          if (n.honest()) {
            checker.onEpoch(n.index, epoch);
          }
        });
    n.core
        .chain()
        .addListener(
            c -> {
              if (n.honest()) {
                checker.onCommit(n.index, c);
                commitHooks.forEach(Runnable::run);
              }
            });
    n.up = true;
    onNode(n, life, n.engine::start);
  }

  /** Runs {@code task} on node {@code n} if it is still in life {@code life}; a crash ends it. */
  private void onNode(SimNode n, int life, Runnable task) {
    if (!n.up || n.incarnation != life) {
      return;
    }
    try {
      task.run();
    } catch (SimulatedCrash c) {
      n.crash();
    }
  }

  private ConsensusEngine.Outbound outbound(SimNode n) {
    return new ConsensusEngine.Outbound() {
      @Override
      public void send(int validator, byte[] message) {
        outgoing(n, validator, message);
      }

      @Override
      public void broadcast(byte[] message) {
        for (SimNode other : nodes) {
          if (other.index != n.index) {
            outgoing(n, other.index, message);
          }
        }
      }
    };
  }

  private void outgoing(SimNode n, int to, byte[] bytes) {
    ConsensusMessage m = MessageCodec.decode(bytes); // its own engine encoded it
    if (n.honest()) {
      checker.onHonestSend(n.index, n.engine.core().epoch().number(), m);
      network.send(n.index, to, bytes);
    } else {
      byzantine.send(n, to, m);
    }
  }

  private EngineProbe probe(SimNode n) {
    return new EngineProbe() {
      @Override
      public void beforeEffect(Effect effect) {
        if (TRACE) {
          System.out.println(Trace.effect(now() - START_MILLIS, n, effect));
        }
        if (n.crashAfterEffects == 0) {
          throw new SimulatedCrash();
        }
        if (n.crashAfterEffects > 0) {
          n.crashAfterEffects--;
        }
        switch (effect) {
          case Effect.PersistSafety p -> {
            if (n.honest()) {
              checker.onPersist(n.index, n.engine.core().epoch().number(), p.record());
            }
          }
          case Effect.Evidence e -> evidence++;
          case Effect.Rejected r -> rejected++;
          default -> {}
        }
      }

      @Override
      public void crashPoint(String where) {
        if (n.crashInCommit) {
          if (TRACE) {
            System.out.println((now() - START_MILLIS) + " v" + n.index + " CRASH " + where);
          }
          throw new SimulatedCrash();
        }
      }
    };
  }

  // ---- scheduling, faults

  void at(long time, Runnable action) {
    schedule.at(time, action);
  }

  long now() {
    return schedule.now();
  }

  /** Runs {@code hook} after every block an honest node commits. */
  void onEveryCommit(Runnable hook) {
    commitHooks.add(hook);
  }

  String chainId() {
    return spec.chainId();
  }

  Genesis genesis() {
    return genesis;
  }

  List<PublicKey> validatorKeys() {
    return List.copyOf(keys);
  }

  /** The validators of genesis: in a reconfiguring run the first four, the fifth added later. */
  List<PublicKey> genesisValidators() {
    return genesis.validators().stream().map(PublicKey::parse).toList();
  }

  List<SimNode> nodes() {
    return nodes;
  }

  /**
   * Crashes {@code n}: at once (killed while idle), after a few of its next effects, or at its next
   * crash point inside a commit (after a block's write, before the next block or the rest).
   */
  void crash(SimNode n) {
    if (!n.up) {
      return;
    }
    crashes++;
    switch (random.nextInt(3)) {
      case 0 -> n.crash();
      case 1 -> n.crashAfterEffects = random.nextInt(4);
      default -> n.crashInCommit = true;
    }
  }

  void restart(SimNode n) {
    if (!n.up) {
      boot(n);
    }
  }

  private void heal() {
    network.healAll();
    for (SimNode n : nodes) {
      n.crashAfterEffects = -1; // a crash still armed would land after the heal
      n.crashInCommit = false;
      restart(n);
    }
    heightAtHeal = checker.highestCommonHeight();
  }

  /** Liveness: after the heal, every honest validator commits {@code requiredHeights} more. */
  private void checkLiveness() {
    long target = heightAtHeal + config.requiredHeights();
    for (SimNode n : nodes) {
      if (n.honest() && n.committedHeight() < target) {
        throw new SimulationFailure(
            "liveness: honest validator "
                + n.index
                + " at height "
                + n.committedHeight()
                + ", expected at least "
                + target
                + " within "
                + config.liveWindowMillis()
                + " ms of the heal; "
                + describe());
      }
    }
  }

  private String describe() {
    StringBuilder b = new StringBuilder("queue=" + schedule.pending());
    for (SimNode n : nodes) {
      b.append(" [").append(n.index).append(n.up ? " up" : " down");
      if (n.engine != null) {
        var core = n.engine.core();
        b.append(" round=")
            .append(core.currentRound())
            .append(" highQc=")
            .append(core.highQc().round())
            .append(" voted=")
            .append(core.safetyRecord().highestVotedRound());
      }
      b.append(" height=").append(n.committedHeight()).append(']');
    }
    return b.toString();
  }

  // ---- traffic

  /** A message from {@code from} arrives at {@code to}. */
  void deliver(int from, SimNode to, byte[] bytes) {
    if (!to.up) {
      return;
    }
    if (!nodes.get(from).honest()) {
      try {
        MessageCodec.decode(bytes);
      } catch (DecodeException e) {
        network.undecodable++;
      }
    }
    if (TRACE) {
      System.out.println(Trace.delivery(now() - START_MILLIS, to, from, bytes));
    }
    onNode(to, to.incarnation, () -> to.engine.onMessage(from, bytes));
  }

  /** Transactions gossiped by {@code from} arrive at {@code to}. */
  void deliverTransactions(SimNode to, List<byte[]> txs) {
    if (to.up) {
      to.fromPeers.submitBatch(txs);
    }
  }

  /** A client submits {@code txs} to {@code node}, as {@code POST /transactions/batch} does. */
  void submit(SimNode node, List<byte[]> txs) {
    if (node.up) {
      node.fromClients.submitBatch(txs);
    }
  }

  /** A live node picked by {@code r}, or null when none is up. */
  SimNode randomLiveNode(Random r) {
    List<SimNode> live = nodes.stream().filter(n -> n.up).toList();
    return live.isEmpty() ? null : live.get(r.nextInt(live.size()));
  }

  /**
   * [GOV-8] In a reconfiguring run, governance changes the validators every {@code K} heights: to
   * all five nodes, back to the first four, and so on — by real proposals that the governance
   * contract executes.
   */
  private void reconfigure(long until) {
    if (now() > until) {
      return;
    }
    SimNode best = null;
    for (SimNode n : nodes) {
      if (n.up && n.honest() && (best == null || n.committedHeight() > best.committedHeight())) {
        best = n;
      }
    }
    if (best != null) {
      long h = best.committedHeight();
      List<PublicKey> wanted = (h / config.reconfigureEvery()) % 2 == 1 ? keys : keys.subList(0, 4);
      List<PublicKey> current = services.chainRules().validators(best.disk::latest);
      if (!current.equals(wanted)) {
        clients.proposeValidators(best, current, wanted);
      }
    }
    at(now() + 300, () -> reconfigure(until));
  }

  /** The simulated clock, for the mempool's expiry checks. */
  private final class SimClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now());
    }

    @Override
    public long millis() {
      return now();
    }
  }
}
