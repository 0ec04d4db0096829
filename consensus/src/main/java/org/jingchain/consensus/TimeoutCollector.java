package org.jingchain.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jingchain.consensus.ConsensusMessage.Timeout;

/**
 * Gathers timeouts per round. Each validator holds at most one entry (its latest round), so a
 * Byzantine validator cannot fill memory with timeouts for far-away rounds.
 */
final class TimeoutCollector {
  private final String chainId;
  private final int quorum;
  private final TreeMap<Integer, Timeout> latestBySender = new TreeMap<>();

  TimeoutCollector(String chainId, int quorum) {
    this.chainId = chainId;
    this.quorum = quorum;
  }

  /** Records {@code t}; returns how many validators have now timed out in its round. */
  int add(Timeout t) {
    Timeout prior = latestBySender.get(t.sender());
    if (prior == null || prior.round() < t.round()) {
      latestBySender.put(t.sender(), t);
    }
    return count(t.round());
  }

  int count(long round) {
    int n = 0;
    for (Timeout t : latestBySender.values()) {
      if (t.round() == round) {
        n++;
      }
    }
    return n;
  }

  /** A TC for {@code round} when a quorum timed out in it, else null. */
  TimeoutCert certificate(long round) {
    List<TimeoutSignature> sigs = new ArrayList<>();
    for (Timeout t : latestBySender.values()) {
      if (t.round() == round) {
        sigs.add(new TimeoutSignature(t.sender(), t.highQc().round(), t.signature()));
      }
    }
    return sigs.size() >= quorum ? new TimeoutCert(chainId, round, sigs) : null;
  }
}
