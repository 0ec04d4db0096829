package org.jingchain.consensus;

import java.util.List;
import java.util.Objects;
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
   * {@code proof} proves it committed; {@code discarded} are blocks on abandoned forks.
   */
  record Commit(
      List<ProposedBlock> blocks, QuorumCert lastQc, CommitProof proof, List<Hash> discarded)
      implements Effect {
    public Commit {
      blocks = List.copyOf(blocks);
      discarded = List.copyOf(discarded);
      Objects.requireNonNull(lastQc, "lastQc");
      Objects.requireNonNull(proof, "proof");
    }
  }

  /**
   * The {@link Commit} just before this one committed the last block of the epoch [GOV-8]: the core
   * that emitted it does nothing more; the driver starts a core for {@code next} with {@code
   * validators}. Effects after it in the same step are dropped.
   */
  record EpochChange(Epoch next, List<org.jingchain.types.PublicKey> validators) implements Effect {
    public EpochChange {
      Objects.requireNonNull(next, "next");
      validators = List.copyOf(validators);
    }
  }

  /** Two conflicting signed messages from one validator in one round [CONS-SAFETY-6]. */
  record Evidence(String kind, int validator, ConsensusMessage first, ConsensusMessage second)
      implements Effect {}

  /** Something a peer sent was rejected; the reason is for logs and metrics. */
  record Rejected(int from, String reason) implements Effect {}
}
