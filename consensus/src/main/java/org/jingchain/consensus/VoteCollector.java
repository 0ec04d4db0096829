package org.jingchain.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.consensus.ConsensusMessage.Vote;

/**
 * Gathers votes per round and forms a QC at quorum. Keeps one vote per (round, voter); a second
 * vote for another block is equivocation. Holds only a bounded window of rounds.
 */
final class VoteCollector {
  /** How far above the current round votes are kept (a little reordering is normal). */
  static final long WINDOW_ROUNDS = 16;

  /** Outcome of adding a vote. */
  sealed interface Result {}

  record Formed(QuorumCert qc) implements Result {}

  record Equivocation(Vote first, Vote second) implements Result {}

  record Pending() implements Result {}

  private static final Pending PENDING = new Pending();

  private final int quorum;
  // round -> voter -> vote; TreeMaps so iteration order is deterministic
  private final TreeMap<Long, TreeMap<Integer, Vote>> byRound = new TreeMap<>();
  private final TreeMap<Long, Boolean> formed = new TreeMap<>();

  VoteCollector(int quorum) {
    this.quorum = quorum;
  }

  /** Whether a vote of {@code round} is inside the window kept at {@code currentRound}. */
  static boolean inWindow(long round, long currentRound) {
    return round + 1 >= currentRound && round <= currentRound + WINDOW_ROUNDS;
  }

  Result add(Vote v) {
    long round = v.data().round();
    TreeMap<Integer, Vote> votes = byRound.computeIfAbsent(round, r -> new TreeMap<>());
    Vote prior = votes.get(v.voter());
    if (prior != null) {
      return prior.data().equals(v.data()) ? PENDING : new Equivocation(prior, v);
    }
    votes.put(v.voter(), v);
    if (formed.containsKey(round)) {
      return PENDING;
    }
    List<IndexedSignature> sigs = new ArrayList<>();
    for (Map.Entry<Integer, Vote> e : votes.entrySet()) {
      if (e.getValue().data().equals(v.data())) {
        sigs.add(new IndexedSignature(e.getKey(), e.getValue().signature()));
      }
    }
    if (sigs.size() < quorum) {
      return PENDING;
    }
    formed.put(round, Boolean.TRUE);
    return new Formed(new QuorumCert(v.data(), sigs));
  }

  /** Forgets rounds that can no longer matter. */
  void pruneBelow(long round) {
    byRound.headMap(round).clear();
    formed.headMap(round).clear();
  }
}
