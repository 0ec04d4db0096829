package org.jingchain.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.Epoch;
import org.jingchain.consensus.Ledger;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;

/**
 * A simulated ledger: "executing" a block maps the parent's state to H(parent state, tx root), so
 * every validator must agree on every state root, as with the real executor.
 */
final class SimLedger implements Ledger {
  private final SimDisk disk;
  private final Map<Hash, Hash> speculativeStates = new HashMap<>();
  private final Map<Hash, Long> speculativeHeights = new HashMap<>();
  private final List<PublicKey> keys;
  private final int reconfigureEvery;

  /**
   * @param keys every node's key; the validator sets are its first four or all of it
   * @param reconfigureEvery 0, or the heights between validator-set changes
   */
  SimLedger(SimDisk disk, List<PublicKey> keys, int reconfigureEvery) {
    this.disk = disk;
    this.keys = keys;
    this.reconfigureEvery = reconfigureEvery;
  }

  /** The validators after the block at {@code height}: a function of the chain [GOV-8]. */
  List<PublicKey> validatorsAfter(long height) {
    if (reconfigureEvery == 0 || (height / reconfigureEvery) % 2 == 1) {
      return keys;
    }
    return keys.subList(0, Math.min(4, keys.size()));
  }

  /** The epoch on disk, or genesis's. */
  Epoch epoch() {
    return disk.epoch != null ? disk.epoch : Epoch.genesis(disk.committedHashes.getFirst());
  }

  @Override
  public Optional<List<PublicKey>> nextValidators(Hash blockHash) {
    Long h = speculativeHeights.get(blockHash);
    if (h == null) {
      Integer c = disk.heightByHash.get(blockHash);
      if (c == null) {
        return Optional.empty();
      }
      h = c.longValue();
    }
    List<PublicKey> after = validatorsAfter(h);
    return after.equals(validatorsAfter(epoch().rootHeight()))
        ? Optional.empty()
        : Optional.of(after);
  }

  @Override
  public Optional<CommitProof> epochEndProof(long height) {
    return Optional.ofNullable(disk.epochEnds.get(height));
  }

  static SimDisk genesisDisk() {
    SimDisk d = new SimDisk();
    Block genesis =
        new Block(
            new BlockHeader(
                TxPool.CHAIN_ID,
                0,
                0,
                Hash.ZERO,
                0,
                genesisProposer(),
                Hash.ZERO,
                0,
                Hash.ZERO,
                Hash.ZERO),
            List.of());
    Hash h = hashOf(genesis.header());
    d.committed.add(new ProposedBlock(genesis, QuorumCert.genesis(TxPool.CHAIN_ID, Hash.ZERO)));
    d.committedHashes.add(h);
    d.heightByHash.put(h, 0);
    d.committedStates.add(TxPool.SUITE.hash(new byte[] {0}));
    d.tipQc = QuorumCert.genesis(TxPool.CHAIN_ID, h);
    return d;
  }

  static Hash genesisHash() {
    return genesisDisk().committedHashes.get(0);
  }

  private static Address genesisProposer() {
    return Address.of(SimCrypto.validatorKey(0, 0), TxPool.SUITE);
  }

  static Hash hashOf(BlockHeader h) {
    return TxPool.SUITE.hash(Canonical.encode(h));
  }

  @Override
  public CommittedTip committedTip() {
    return new CommittedTip(disk.committed.getLast(), disk.tipQc);
  }

  @Override
  public List<ProposedBlock> storedPendingBlocks() {
    return new ArrayList<>(disk.pending.values());
  }

  @Override
  public Optional<ProposedBlock> committed(long height) {
    return height < disk.committed.size()
        ? Optional.of(disk.committed.get((int) height))
        : Optional.empty();
  }

  /** State after executing the block {@code hash}, if it is known. */
  Hash stateAfter(Hash hash) {
    Hash s = speculativeStates.get(hash);
    if (s != null) {
      return s;
    }
    Integer i = disk.heightByHash.get(hash);
    return i == null ? null : disk.committedStates.get(i);
  }

  @Override
  public Optional<String> verify(Block block) {
    BlockHeader h = block.header();
    Hash parentState = stateAfter(h.parentHash());
    if (parentState == null) {
      return Optional.of("parent state unknown");
    }
    List<Hash> ids = new ArrayList<>();
    for (Transaction t : block.transactions()) {
      if (!TxPool.isValid(t)) {
        return Optional.of("invalid transaction signature");
      }
      ids.add(t.hash(TxPool.SUITE));
    }
    if (h.txCount() != ids.size() || !h.txRoot().equals(MerkleRoot.of(ids, TxPool.SUITE))) {
      return Optional.of("tx root mismatch");
    }
    if (!h.stateRoot().equals(parentState)) {
      return Optional.of("state root mismatch");
    }
    speculativeStates.put(hashOf(h), execute(parentState, h));
    speculativeHeights.put(hashOf(h), h.height());
    return Optional.empty();
  }

  private static Hash execute(Hash parentState, BlockHeader h) {
    return TxPool.SUITE.hash(parentState.unsafeArray(), h.txRoot().unsafeArray());
  }

  /** Builds a block for a leader: extends {@code parentHash} with a few transactions. */
  Block build(
      long round, BlockHeader parent, Hash parentHash, Address proposer, long now, Random r) {
    List<Transaction> txs = TxPool.pick(r);
    return block(round, parent, parentHash, proposer, now, txs);
  }

  Block block(
      long round,
      BlockHeader parent,
      Hash parentHash,
      Address proposer,
      long now,
      List<Transaction> txs) {
    List<Hash> ids = txs.stream().map(t -> t.hash(TxPool.SUITE)).toList();
    BlockHeader h =
        new BlockHeader(
            TxPool.CHAIN_ID,
            parent.height() + 1,
            round,
            parentHash,
            Math.max(now, parent.timestampMillis()),
            proposer,
            MerkleRoot.of(ids, TxPool.SUITE),
            txs.size(),
            stateAfter(parentHash),
            Hash.ZERO);
    return new Block(h, txs);
  }

  /** Applies a commit; returns a description of what is wrong with it, or null. */
  String commit(List<ProposedBlock> blocks, QuorumCert lastQc, List<Hash> discarded) {
    for (ProposedBlock b : blocks) {
      BlockHeader h = b.block().header();
      if (h.height() != disk.committed.size()) {
        return "commit of height " + h.height() + " after " + (disk.committed.size() - 1);
      }
      if (!h.parentHash().equals(disk.committedHashes.getLast())) {
        return "commit at height " + h.height() + " does not extend the committed chain";
      }
      Hash hash = hashOf(h);
      Hash state = stateAfter(hash);
      if (state == null) {
        return "commit of a block never verified at height " + h.height();
      }
      disk.committed.add(b);
      disk.committedHashes.add(hash);
      disk.heightByHash.put(hash, disk.committed.size() - 1);
      disk.committedStates.add(state);
      disk.pending.remove(hash);
      speculativeStates.remove(hash);
      speculativeHeights.remove(hash);
    }
    disk.tipQc = lastQc;
    for (Hash d : discarded) {
      disk.pending.remove(d);
      speculativeStates.remove(d);
      speculativeHeights.remove(d);
    }
    return null;
  }
}
