package org.jingchain.consensus;

import java.util.Optional;
import org.jingchain.types.Block;

/**
 * The consensus core's synchronous view of blocks and execution. Implementations must be
 * deterministic functions of the blocks they were given.
 */
public interface Ledger {
  /** The highest committed block with its justify, and the QC that certifies it. */
  CommittedTip committedTip();

  /**
   * Checks the ledger validity rules [CONS-VALID-2], [CONS-VALID-3] for a block whose parent is
   * either the committed tip or a block this method accepted before; may execute it speculatively.
   *
   * @return empty when valid, otherwise the reason
   */
  Optional<String> verify(Block block);

  /**
   * Uncommitted blocks this validator stored (effect {@link Effect.StoreBlock}) and has not yet
   * seen committed or discarded; reinserted at start, in any order.
   */
  java.util.List<ProposedBlock> storedPendingBlocks();

  /** A committed block with its justify, for answering sync requests. */
  Optional<ProposedBlock> committed(long height);

  /** The committed tip: the last committed block and its QC. */
  record CommittedTip(ProposedBlock block, QuorumCert qc) {}
}
