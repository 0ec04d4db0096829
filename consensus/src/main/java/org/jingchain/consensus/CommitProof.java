package org.jingchain.consensus;

import java.util.List;
import java.util.Objects;
import org.jingchain.types.BlockHeader;

/**
 * Proof that a block is committed [CONS-SAFETY-4]: the header of its child and a QC. Usually the
 * child is one round later and the QC is the child's. The last block of an epoch may have been
 * committed only as an ancestor of a later block [GOV-8]; then {@code above} holds the headers from
 * the child's child up to the block the QC certifies, each the parent of the next, and the
 * certified block is one round after its parent. Either way, the child's {@code stateRoot} is the
 * committed block's state.
 */
public record CommitProof(BlockHeader childHeader, QuorumCert childQc, List<BlockHeader> above) {
  /** Most headers in {@link #above}. */
  public static final int MAX_ABOVE = 1024;

  public CommitProof {
    Objects.requireNonNull(childHeader, "childHeader");
    Objects.requireNonNull(childQc, "childQc");
    above = List.copyOf(above);
    if (above.size() > MAX_ABOVE) {
      throw new IllegalArgumentException("more than " + MAX_ABOVE + " headers above the child");
    }
  }

  /** A direct proof: the child one round later and its QC. */
  public CommitProof(BlockHeader childHeader, QuorumCert childQc) {
    this(childHeader, childQc, List.of());
  }

  /** The header {@link #childQc()} certifies: the child, or the last of {@link #above}. */
  public BlockHeader certifiedHeader() {
    return above.isEmpty() ? childHeader : above.getLast();
  }
}
