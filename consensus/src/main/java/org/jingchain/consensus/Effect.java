package org.jingchain.consensus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jingchain.types.Hash;

/** Outputs of {@link ConsensusCore#step}, to be executed by the driver in order. */
public sealed interface Effect {
  /** Make the safety record durable before executing any later effect [CONS-SAFETY-3]. */
  record PersistSafety(SafetyRecord record) implements Effect {}

  /**
   * Keep this uncommitted block on disk until a later {@link Commit} commits or discards it: a
   * validator stores a block before voting for it, so certified blocks survive a restart of the
   * whole network.
   */
  record StoreBlock(ProposedBlock block, Hash hash) implements Effect {}

  record Send(int to, ConsensusMessage message) implements Effect {}

  /** Send to every other validator. */
  record Broadcast(ConsensusMessage message) implements Effect {}

  /** Deliver {@link Event.TimerFired} for {@code round} at {@code atMillis}. */
  record ScheduleTimer(long round, long atMillis) implements Effect {}

  /**
   * This validator leads {@code round}: build a block extending {@code parent} (whose hash {@code
   * justify} certifies) and answer with {@link Event.BlockBuilt}.
   */
  record BuildBlock(long round, ProposedBlock parent, Hash parentHash, QuorumCert justify)
      implements Effect {}

  /**
   * Blocks became final, in height order [CONS-SAFETY-4]. {@code lastQc} certifies the last block;
   * {@code proof} proves it committed; {@code discarded} are blocks on abandoned forks. When the
   * last block ended its epoch [GOV-8], {@code nextEpoch} says which epoch follows and with which
   * validators: the core that emitted it steps no more, the driver writes the next epoch with the
   * block, atomically, and starts its core; effects after it in the same step are dropped.
   */
  record Commit(
      List<ProposedBlock> blocks,
      QuorumCert lastQc,
      CommitProof proof,
      List<Hash> discarded,
      Optional<NextEpoch> nextEpoch)
      implements Effect {
    public Commit {
      blocks = List.copyOf(blocks);
      discarded = List.copyOf(discarded);
      Objects.requireNonNull(lastQc, "lastQc");
      Objects.requireNonNull(proof, "proof");
      Objects.requireNonNull(nextEpoch, "nextEpoch");
    }

    /** A commit within the epoch. */
    public Commit(
        List<ProposedBlock> blocks, QuorumCert lastQc, CommitProof proof, List<Hash> discarded) {
      this(blocks, lastQc, proof, discarded, Optional.empty());
    }
  }

  /** The epoch after a commit that ended one [GOV-8], and its validators in leader order. */
  record NextEpoch(Epoch epoch, List<org.jingchain.types.PublicKey> validators) {
    public NextEpoch {
      Objects.requireNonNull(epoch, "epoch");
      validators = List.copyOf(validators);
    }
  }

  /** Two conflicting signed messages from one validator in one round [CONS-SAFETY-6]. */
  record Evidence(String kind, int validator, ConsensusMessage first, ConsensusMessage second)
      implements Effect {}

  /** Something a peer sent was rejected; the reason is for logs and metrics. */
  record Rejected(int from, String reason) implements Effect {}
}
