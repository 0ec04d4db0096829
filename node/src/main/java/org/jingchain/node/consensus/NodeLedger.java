package org.jingchain.node.consensus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.Epoch;
import org.jingchain.consensus.Ledger;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.execution.StateReader;
import org.jingchain.node.Chain;
import org.jingchain.service.ChainRules;
import org.jingchain.service.CommittedBlock;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * The consensus core's view of this node's chain: blocks validated and executed speculatively
 * ({@link BlockValidator}), committed blocks with their certificates, the epoch and its validators
 * as the chain's state says ({@link ChainRules}), and the consensus records on disk ({@link
 * ConsensusRecords}). It carries out a commit: each block with its records in one atomic write,
 * then the next epoch when the commit ended one.
 */
public final class NodeLedger implements Ledger {
  /** Validator sets after recent blocks, by block hash; consensus thread only. */
  private final Map<Hash, List<PublicKey>> setAfter =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, List<PublicKey>> e) {
          return size() > 1024;
        }
      };

  private final Chain chain;
  private final ChainRules rules;
  private final BlockValidator validator;
  private final ConsensusRecords records;
  private final String chainId;
  private volatile Epoch epoch;
  private volatile List<PublicKey> epochValidators;

  public NodeLedger(
      Chain chain,
      ChainRules rules,
      BlockValidator validator,
      ConsensusRecords records,
      String chainId) {
    this.chain = chain;
    this.rules = rules;
    this.validator = validator;
    this.records = records;
    this.chainId = chainId;
    this.epoch =
        records.epoch().orElse(Epoch.genesis(chain.hashOf(chain.block(0).orElseThrow().header())));
    this.epochValidators = rules.validators(chain.store()::latest);
  }

  public ConsensusRecords records() {
    return records;
  }

  /** The epoch this node runs: the last one whose root it committed [GOV-8]. */
  public Epoch epoch() {
    return epoch;
  }

  /** The validators of {@link #epoch()}: those in the committed head's state. */
  public List<PublicKey> epochValidators() {
    return epochValidators;
  }

  /** After the commit of an epoch's last block: the next epoch is this node's. */
  void enterEpoch(Epoch next) {
    this.epoch = next;
    this.epochValidators = rules.validators(chain.store()::latest);
    setAfter.clear();
  }

  @Override
  public Optional<List<PublicKey>> nextValidators(Hash blockHash) {
    List<PublicKey> after = setAfter.get(blockHash);
    if (after == null) {
      Optional<StateReader> state = chain.stateAfter(blockHash);
      if (state.isEmpty()) {
        return Optional.empty();
      }
      after = rules.validators(state.get());
      setAfter.put(blockHash, after);
    }
    return after.isEmpty() || after.equals(epochValidators) ? Optional.empty() : Optional.of(after);
  }

  @Override
  public Optional<CommitProof> epochEndProof(long height) {
    return records.epochEndProof(height);
  }

  /**
   * Keeps the proof of the validator set after {@code lastHeight} (the committed head, just now the
   * last block of an epoch), so light clients can follow the change after old state versions are
   * pruned [GOV-10].
   */
  public void storeEpochState(long lastHeight) {
    var r = chain.tree().prove(lastHeight, rules.validatorsKey());
    records.storeEpochState(
        lastHeight,
        new ConsensusRecords.EpochState(r.value().orElse(Bytes.EMPTY), r.proof().encode()));
  }

  @Override
  public CommittedTip committedTip() {
    Chain.Head head = chain.head();
    Block block = chain.block(head.height()).orElseThrow();
    QuorumCert qc = records.tipQc().orElse(QuorumCert.genesis(chainId, head.hash()));
    return new CommittedTip(new ProposedBlock(block, justify(head.height())), qc);
  }

  private QuorumCert justify(long height) {
    return records.justify(height).orElse(QuorumCert.genesis(chainId, Hash.ZERO));
  }

  /** The QC certifying block {@code height}, if known (the next block's justify, or the tip QC). */
  public Optional<QuorumCert> certificate(long height) {
    if (height == chain.head().height()) {
      return records.tipQc();
    }
    return records.justify(height + 1);
  }

  @Override
  public List<ProposedBlock> storedPendingBlocks() {
    return records.storedPendingBlocks();
  }

  @Override
  public Optional<String> verify(Block block) {
    return validator.verify(block);
  }

  @Override
  public Optional<ProposedBlock> committed(long height) {
    return chain.block(height).map(b -> new ProposedBlock(b, justify(height)));
  }

  /** This epoch's safety record from disk, or null before its first vote. */
  public SafetyRecord safetyRecord() {
    return records.safetyRecord(epoch.number());
  }

  public void persistSafety(SafetyRecord r) {
    records.persistSafety(epoch.number(), r);
  }

  public void storePending(ProposedBlock b, Hash hash) {
    records.storePending(b, hash);
  }

  public void recordEvidence(
      String kind, int validator, ConsensusMessage first, ConsensusMessage second) {
    records.recordEvidence(kind, validator, first, second, chain.suite());
  }

  /**
   * Carries out a commit [CONS-SAFETY-4]: each block, in height order, goes to disk with its
   * consensus records in one atomic write (the last with the tip QC and commit proof, and — when it
   * ended the epoch — the next epoch [GOV-8]); blocks on abandoned forks are forgotten. {@code
   * probe} may crash the node between the writes (the simulator's crash points).
   *
   * @return the committed blocks, lowest first
   */
  public List<CommittedBlock> commit(Effect.Commit c, EngineProbe probe) {
    List<ProposedBlock> blocks = c.blocks();
    List<CommittedBlock> done = new java.util.ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      ProposedBlock b = blocks.get(i);
      Hash hash = chain.hashOf(b.block().header());
      boolean last = i == blocks.size() - 1;
      var writes = records.commitRecords(b, hash, last ? c.lastQc() : null, c.proof());
      if (last && c.nextEpoch().isPresent()) {
        writes.putAll(
            records.epochRecords(c.nextEpoch().get().epoch(), b.block().height(), c.proof()));
      }
      done.add(chain.commit(hash, writes));
      probe.crashPoint(last ? "after the last block of a commit" : "between committed blocks");
    }
    records.discardPending(c.discarded());
    for (Hash h : c.discarded()) {
      chain.discard(h);
    }
    return done;
  }
}
