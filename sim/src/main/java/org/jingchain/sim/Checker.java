package org.jingchain.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Epoch;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.consensus.VoteData;
import org.jingchain.service.CommittedBlock;
import org.jingchain.types.Hash;
import org.jingchain.types.Transaction;

/**
 * The invariants checked as the simulation runs. A violation throws {@link SimulationFailure} at
 * once, so the failing step is the last one in the trace.
 */
final class Checker {
  private final Map<Long, Hash> committedByHeight = new HashMap<>();
  private final Map<Long, Hash> stateByHeight = new HashMap<>();
  private final Map<Key, VoteData> votes = new HashMap<>();
  private final Set<Key> timeouts = new HashSet<>();
  private final Map<Key, Long> votedRound = new HashMap<>();
  private final Map<Long, Epoch> epochs = new HashMap<>();
  private long transactions;

  /** A validator's round in an epoch: rounds restart above each epoch's root [GOV-8]. */
  private record Key(int validator, long epoch, long round) {}

  /** [GOV-8] every validator that enters epoch k enters it at the same root. */
  void onEpoch(int node, Epoch e) {
    Epoch prior = epochs.putIfAbsent(e.number(), e);
    if (prior != null && !prior.equals(e)) {
      throw new SimulationFailure(
          "epochs differ: validator " + node + " entered " + e + " where another entered " + prior);
    }
  }

  /**
   * [CONS-SAFETY-5] agreement, [CONS-VALID-2] validity (every committed transaction is validly
   * signed), and [CONS-VALID-3] one state per height.
   */
  void onCommit(int node, CommittedBlock c) {
    long height = c.height();
    Hash prior = committedByHeight.putIfAbsent(height, c.hash());
    if (prior != null && !prior.equals(c.hash())) {
      throw new SimulationFailure(
          "agreement: validator "
              + node
              + " committed "
              + c.hash()
              + " at height "
              + height
              + " where another committed "
              + prior);
    }
    Hash priorState = stateByHeight.putIfAbsent(height, c.stateRoot());
    if (priorState != null && !priorState.equals(c.stateRoot())) {
      throw new SimulationFailure(
          "state roots differ at height " + height + " (validator " + node + ")");
    }
    if (prior == null) {
      transactions += c.txHashes().size();
    }
    for (Transaction t : c.block().transactions()) {
      if (!SimSuite.INSTANCE.verify(
          t.body().sender(), t.signingBytes(), t.signature().unsafeArray())) {
        throw new SimulationFailure("validity: invalid transaction committed at " + height);
      }
    }
  }

  /** No honest validator signs two votes in a round, or votes after timing out in it. */
  void onHonestSend(int node, long epoch, ConsensusMessage m) {
    switch (m) {
      case ConsensusMessage.Vote v -> {
        Key k = new Key(node, epoch, v.data().round());
        if (timeouts.contains(k)) {
          throw new SimulationFailure(
              "honest validator "
                  + node
                  + " voted in round "
                  + v.data().round()
                  + " after timing out");
        }
        VoteData prior = votes.putIfAbsent(k, v.data());
        if (prior != null && !prior.equals(v.data())) {
          throw new SimulationFailure(
              "double vote: honest validator " + node + " in round " + v.data().round());
        }
      }
      case ConsensusMessage.Timeout t -> timeouts.add(new Key(node, epoch, t.round()));
      default -> {}
    }
  }

  /** [CONS-SAFETY-3] the persisted record never moves backwards, across restarts too. */
  void onPersist(int node, long epoch, SafetyRecord r) {
    Key k = new Key(node, epoch, 0);
    long prior = votedRound.getOrDefault(k, 0L);
    if (r.highestVotedRound() < prior) {
      throw new SimulationFailure(
          "safety record of "
              + node
              + " went back from round "
              + prior
              + " to "
              + r.highestVotedRound());
    }
    votedRound.put(k, r.highestVotedRound());
  }

  long highestCommonHeight() {
    long h = 0;
    while (committedByHeight.containsKey(h + 1)) {
      h++;
    }
    return h;
  }

  /** Transactions committed so far (at the first validator to commit each height). */
  long transactions() {
    return transactions;
  }
}
