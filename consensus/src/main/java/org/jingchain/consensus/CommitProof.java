package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.types.BlockHeader;

/**
 * Proof that a block is committed [CONS-SAFETY-4]: the header of a child one round later and the
 * child's QC. The child's {@code stateRoot} is the committed block's state.
 */
public record CommitProof(BlockHeader childHeader, QuorumCert childQc) {
  public CommitProof {
    Objects.requireNonNull(childHeader, "childHeader");
    Objects.requireNonNull(childQc, "childQc");
  }
}
