package org.jingchain.consensus;

import java.util.Objects;

/**
 * What a validator must remember across restarts so it never signs twice in a round [CONS-SAFETY-3]
 * and can still time out after a restart of the whole network.
 *
 * @param highestVotedRound highest round voted or timed out in
 * @param highestQcRound highest round of a QC extended by a vote (the lock)
 * @param highQc the highest QC known when the record was written
 * @param lastTc the TC that led into the round of the last vote or timeout, or null
 */
public record SafetyRecord(
    long highestVotedRound, long highestQcRound, QuorumCert highQc, TimeoutCert lastTc) {
  public SafetyRecord {
    Objects.requireNonNull(highQc, "highQc");
  }

  public static SafetyRecord initial(QuorumCert highQc) {
    return new SafetyRecord(0, 0, highQc, null);
  }
}
