package org.jingchain.consensus;

import java.util.List;
import java.util.Objects;

/** A timeout certificate: a quorum gave up on {@code round}, each naming its high QC round. */
public record TimeoutCert(String chainId, long round, List<TimeoutSignature> signatures) {
  public TimeoutCert {
    Objects.requireNonNull(chainId, "chainId");
    signatures = List.copyOf(signatures);
  }

  /** The highest QC round any signer had: a block after this TC must extend at least that. */
  public long maxHighQcRound() {
    long max = 0;
    for (TimeoutSignature s : signatures) {
      max = Math.max(max, s.highQcRound());
    }
    return max;
  }
}
