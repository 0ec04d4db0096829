package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.types.Block;

/** A block with the QC of its parent (its justify), as proposed and as stored. */
public record ProposedBlock(Block block, QuorumCert justify) {
  public ProposedBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(justify, "justify");
  }
}
