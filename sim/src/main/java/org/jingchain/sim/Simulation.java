package org.jingchain.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.jingchain.codec.DecodeException;
import org.jingchain.consensus.ConsensusConfig;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.Event;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * Runs validators in one thread against a simulated clock and network. Every random choice comes
 * from one {@link Random} seeded by the config, and events at equal times run in scheduling order,
 * so a run is a pure function of its seed.
 */
public final class Simulation {
  static final long START_MILLIS = 1_700_000_000_000L;
  private static final boolean TRACE = Boolean.getBoolean("jing.sim.trace");

  private record Scheduled(long at, long seq, Runnable action) {}

  private final SimConfig config;
  private final Random random;
  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final List<SimNode> nodes = new ArrayList<>();
  private final ConsensusConfig consensusConfig;
  private final ValidatorSet validators;
  private final List<PublicKey> keys = new ArrayList<>();
  long epochChanges;
  private final Checker checker = new Checker();
  final SimNetwork network;
  private final Byzantine byzantine;
  private long seq;
  private long now = START_MILLIS;
  private long steps;
  long rejected;
  long evidence;
  private long crashes;

  Simulation(SimConfig config) {
    this.config = config;
    this.random = new Random(config.seed());
    for (int i = 0; i < config.validators(); i++) {
      keys.add(SimCrypto.validatorKey(config.seed(), i));
    }
    this.validators = new ValidatorSet(keys, TxPool.SUITE);
    this.consensusConfig =
        new ConsensusConfig(
            TxPool.CHAIN_ID, SimLedger.genesisHash(), 1_000, 8_000, 16, 1_000, 10_000);
    for (int i = 0; i < keys.size(); i++) {
      nodes.add(new SimNode(i, keys.get(i), config.behaviours().get(i)));
    }
    this.network = new SimNetwork(this, random, nodes.size());
    this.byzantine = new Byzantine(this, random, validators);
  }

  /** Runs {@code config} to the end; never throws for a protocol failure, it reports it. */
  public static SimResult run(SimConfig config) {
    Simulation sim = new Simulation(config);
    String failure = null;
    try {
      sim.execute();
    } catch (SimulationFailure e) {
      failure = e.getMessage() + " (at simulated ms " + (sim.now - START_MILLIS) + ")";
    } catch (RuntimeException e) {
      StringBuilder where = new StringBuilder();
      StackTraceElement[] st = e.getStackTrace();
      for (int i = 0; i < Math.min(8, st.length); i++) {
        where.append(i == 0 ? " at " : " < ").append(st[i]);
      }
      failure = "unexpected " + e + where + " (at simulated ms " + (sim.now - START_MILLIS) + ")";
    }
    return sim.result(failure);
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
        steps,
        now - START_MILLIS,
        minHeight,
        network.sent,
        network.dropped,
        network.undecodable,
        rejected,
        evidence,
        crashes,
        epochChanges);
  }

  private void execute() {
    for (SimNode n : nodes) {
      n.boot(consensusConfig, keys, config.reconfigureEvery());
      at(now, () -> step(n, new Event.Start()));
    }
    long healAt = now + config.faultMillis();
    if (config.catchUp()) {
      SimNode lagging = nodes.getLast();
      lagging.crashAfterEffects = 0; // down before its first step; back at the heal
      crashes++;
    } else {
      new FaultPlan(this, random, nodes).schedule(now, healAt);
    }
    at(healAt, this::heal);
    long end = healAt + config.liveWindowMillis();
    while (!queue.isEmpty() && queue.peek().at <= end) {
      Scheduled s = queue.poll();
      now = s.at;
      s.action.run();
      steps++;
    }
    checkLiveness();
  }

  private long heightAtHeal = -1;

  private void heal() {
    network.healAll();
    for (SimNode n : nodes) {
      n.crashAfterEffects = -1; // a crash still pending would land after the heal
      if (!n.up) {
        restart(n);
      }
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
    StringBuilder b = new StringBuilder("queue=" + queue.size());
    for (SimNode n : nodes) {
      b.append(" [").append(n.index).append(n.up ? " up" : " down");
      if (n.core != null) {
        b.append(" round=")
            .append(n.core.currentRound())
            .append(" highQc=")
            .append(n.core.highQc().round())
            .append(" voted=")
            .append(n.core.safetyRecord().highestVotedRound());
      }
      b.append(" height=").append(n.committedHeight()).append(']');
    }
    return b.toString();
  }

  // ---- scheduling

  void at(long time, Runnable action) {
    queue.add(new Scheduled(time, seq++, action));
  }

  long now() {
    return now;
  }

  List<SimNode> nodes() {
    return nodes;
  }

  void crash(SimNode n) {
    if (n.up) {
      n.crashAfterEffects = random.nextInt(4); // crash in the middle of a step's effects
      crashes++;
    }
  }

  void restart(SimNode n) {
    if (!n.up && n.core == null) {
      n.boot(consensusConfig, keys, config.reconfigureEvery());
      step(n, new Event.Start());
    }
  }

  // ---- stepping a node

  void deliver(int from, SimNode to, byte[] bytes) {
    if (!to.up) {
      return;
    }
    ConsensusMessage m;
    try {
      m = MessageCodec.decode(bytes);
    } catch (DecodeException e) {
      network.undecodable++;
      return;
    }
    step(to, new Event.MessageReceived(from, m));
  }

  void step(SimNode n, Event e) {
    if (!n.up) {
      return;
    }
    List<Effect> effects = n.core.step(e, now);
    if (TRACE) {
      System.out.println(Trace.line(now - START_MILLIS, n, e, effects));
    }
    int limit =
        n.crashAfterEffects >= 0 ? Math.min(n.crashAfterEffects, effects.size()) : effects.size();
    for (int i = 0; i < limit; i++) {
      if (effects.get(i) instanceof Effect.Commit c
          && i + 1 < effects.size()
          && effects.get(i + 1) instanceof Effect.EpochChange change) {
        // as the node does: the next epoch goes to disk with its root block, atomically
        commit(n, c);
        n.disk.epoch = change.next();
        n.disk.safety = null;
        n.disk.epochEnds.put(change.next().rootHeight(), c.proof());
        continue;
      }
      apply(n, effects.get(i));
    }
    if (n.crashAfterEffects >= 0) {
      n.crash();
    }
  }

  private void apply(SimNode n, Effect effect) {
    switch (effect) {
      case Effect.PersistSafety p -> {
        if (n.honest()) {
          checker.onPersist(n.index, n.core.epoch().number(), p.record());
        }
        n.disk.safety = p.record();
      }
      case Effect.StoreBlock s -> n.disk.pending.put(s.hash(), s.block());
      case Effect.Send s -> send(n, s.to(), s.message());
      case Effect.Broadcast b -> {
        for (SimNode other : nodes) {
          if (other.index != n.index) {
            send(n, other.index, b.message());
          }
        }
      }
      case Effect.ScheduleTimer t -> {
        int life = n.incarnation;
        at(
            t.atMillis(),
            () -> {
              if (n.incarnation == life) {
                step(n, new Event.TimerFired(t.round()));
              }
            });
      }
      case Effect.BuildBlock b -> build(n, b);
      case Effect.Commit c -> commit(n, c);
      case Effect.Evidence ev -> evidence++;
      case Effect.Rejected r -> rejected++;
      case Effect.EpochChange e -> {
        if (!e.next().equals(n.disk.epoch)) {
          throw new SimulationFailure("validator " + n.index + ": epoch change without its commit");
        }
        if (n.honest()) {
          checker.onEpoch(n.index, e.next());
        }
        epochChanges++;
        n.startCore(consensusConfig);
        step(n, new Event.Start());
      }
    }
  }

  private void send(SimNode n, int to, ConsensusMessage m) {
    if (n.honest()) {
      checker.onHonestSend(n.index, n.core.epoch().number(), m);
      network.send(n.index, to, MessageCodec.encode(m));
    } else {
      byzantine.send(n, to, m);
    }
  }

  private void build(SimNode n, Effect.BuildBlock b) {
    int life = n.incarnation;
    long delay = 1L + random.nextInt(20);
    at(
        now + delay,
        () -> {
          if (n.incarnation != life || !n.up) {
            return;
          }
          if (n.ledger.stateAfter(b.parentHash()) == null) {
            return; // the parent was on a fork since discarded: nothing to build on
          }
          BlockHeader parent = b.parent().block().header();
          // [GOV-8] above an uncommitted validator change a leader proposes empty blocks
          Block block =
              n.core.mustBeEmpty(b.parentHash())
                  ? n.ledger.block(b.round(), parent, b.parentHash(), n.address, now, List.of())
                  : n.ledger.build(b.round(), parent, b.parentHash(), n.address, now, random);
          step(n, new Event.BlockBuilt(b.round(), block));
        });
  }

  private void commit(SimNode n, Effect.Commit c) {
    List<Hash> hashes = c.blocks().stream().map(p -> SimLedger.hashOf(p.block().header())).toList();
    String err = n.ledger.commit(c.blocks(), c.lastQc(), c.discarded());
    if (err != null) {
      throw new SimulationFailure("validator " + n.index + ": " + err);
    }
    List<Hash> states = hashes.stream().map(n.ledger::stateAfter).toList();
    if (n.honest()) {
      checker.onCommit(n.index, c.blocks(), hashes, states);
    }
  }
}
