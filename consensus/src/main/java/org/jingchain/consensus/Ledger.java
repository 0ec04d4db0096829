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

  /**
   * The validator set in the state after {@code blockHash} (a block this ledger verified or the
   * committed tip) when it differs from the set of the epoch the core runs; empty otherwise. A
   * block for which this is present ends its epoch when it commits [GOV-8].
   */
  default Optional<java.util.List<org.jingchain.types.PublicKey>> nextValidators(
      org.jingchain.types.Hash blockHash) {
    return Optional.empty();
  }

  /**
   * The proof that committed block {@code height} ended its epoch, when it did [GOV-8]: sync
   * answers carry it so a node that missed the end of an epoch can follow into the next.
   */
  default Optional<CommitProof> epochEndProof(long height) {
    return Optional.empty();
  }

  /** The committed tip: the last committed block and its QC. */
  record CommittedTip(ProposedBlock block, QuorumCert qc) {}
}
