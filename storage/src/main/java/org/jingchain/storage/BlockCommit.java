package org.jingchain.storage;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jingchain.state.TreeUpdate;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;

/**
 * Everything one block changes on disk: the block, its hash and transaction ids, its receipts, the
 * state tree nodes of its version, the latest-state changes and consensus records (the block's
 * certificates; pending entries it settles) and its entries in the {@link AccountIndex}. Written as
 * one batch.
 */
public record BlockCommit(
    Block block,
    Hash blockHash,
    List<Hash> txHashes,
    List<Receipt> receipts,
    TreeUpdate treeUpdate,
    SortedMap<Bytes, Optional<Bytes>> stateChanges,
    SortedMap<Bytes, Optional<Bytes>> consensusWrites,
    List<AccountIndex.Entry> accounts) {
  /** A commit without account index entries. */
  public BlockCommit(
      Block block,
      Hash blockHash,
      List<Hash> txHashes,
      List<Receipt> receipts,
      TreeUpdate treeUpdate,
      SortedMap<Bytes, Optional<Bytes>> stateChanges,
      SortedMap<Bytes, Optional<Bytes>> consensusWrites) {
    this(
        block, blockHash, txHashes, receipts, treeUpdate, stateChanges, consensusWrites, List.of());
  }

  /** A commit with no consensus records (a single-validator chain without certificates). */
  public BlockCommit(
      Block block,
      Hash blockHash,
      List<Hash> txHashes,
      List<Receipt> receipts,
      TreeUpdate treeUpdate,
      SortedMap<Bytes, Optional<Bytes>> stateChanges) {
    this(block, blockHash, txHashes, receipts, treeUpdate, stateChanges, new java.util.TreeMap<>());
  }

  public BlockCommit {
    txHashes = List.copyOf(txHashes);
    receipts = List.copyOf(receipts);
    accounts = List.copyOf(accounts);
    if (txHashes.size() != block.transactions().size() || receipts.size() != txHashes.size()) {
      throw new IllegalArgumentException("one tx hash and one receipt per transaction required");
    }
    if (treeUpdate.version() != block.height()) {
      throw new IllegalArgumentException(
          "tree version " + treeUpdate.version() + " != block height " + block.height());
    }
  }
}
