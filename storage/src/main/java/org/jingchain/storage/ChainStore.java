package org.jingchain.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.jingchain.state.TreeReader;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;

/**
 * A node's store: blocks, their indexes and receipts, state-tree nodes, the latest state, and
 * consensus records. {@link #commit} writes a block and all its effects atomically, so after any
 * crash the store holds exactly the blocks up to {@link #headHeight()} with their state, and
 * nothing of a later block. {@link RocksChainStore} is the node's; {@link MemoryChainStore} runs
 * the same contract in memory for the simulator and tests ({@code ChainStoreContractTest}).
 */
public interface ChainStore extends TreeReader, AutoCloseable {
  /** The height of the last complete block, or empty for a new store. */
  Optional<Long> headHeight();

  Optional<byte[]> genesis();

  /** Stores the genesis document; done once, before block 0 is committed. */
  void putGenesis(byte[] genesis);

  /** Versions below this have been pruned from the state tree (0 when nothing was pruned). */
  long prunedBelow();

  Optional<Block> block(long height);

  /** A block's header, without decoding its transactions. */
  Optional<BlockHeader> header(long height);

  /** One committed transaction, without decoding the rest of its block. */
  Optional<Transaction> transaction(TxLocation at);

  Optional<Long> heightOf(Hash blockHash);

  Optional<TxLocation> txLocation(Hash txHash);

  List<Receipt> receipts(long height);

  /**
   * A page of an account's transactions from the {@link AccountIndex}, newest first: up to {@code
   * limit} entries strictly before (height {@code beforeHeight}, index {@code beforeIndex}) in
   * chain order. Pass {@code Long.MAX_VALUE, 0} for the newest.
   */
  List<AccountIndex.Entry> accountTxs(
      org.jingchain.types.Address account, long beforeHeight, int beforeIndex, int limit);

  /**
   * The lowest height from which the account index is complete: 0 for a store that indexed every
   * block as it committed it; for a store written before the index existed, the first height it
   * indexed, until {@link #backfillAccounts} has covered the blocks below.
   */
  long accountIndexFrom();

  /**
   * Writes the index entries of blocks below {@link #accountIndexFrom()} and lowers it to {@code
   * from}, in one atomic write; {@code entries} must hold every entry of the blocks from {@code
   * from} up to the current value.
   */
  void backfillAccounts(List<AccountIndex.Entry> entries, long from);

  /** The latest committed value of a state key. */
  Optional<Bytes> latest(Bytes key);

  /**
   * Up to {@code limit} latest-state entries whose key starts with {@code prefix}, in key order.
   */
  default List<Map.Entry<Bytes, Bytes>> scanLatest(Bytes prefix, int limit) {
    return scanLatest(prefix, prefix, limit);
  }

  /**
   * Up to {@code limit} latest-state entries whose key starts with {@code prefix} and is at or
   * after {@code from}, in key order (a page of a longer scan).
   */
  List<Map.Entry<Bytes, Bytes>> scanLatest(Bytes prefix, Bytes from, int limit);

  /** Writes the block and everything it changed in one atomic batch, then moves the head. */
  void commit(BlockCommit c);

  /**
   * Deletes tree nodes that no version at or above {@code oldestRetained} can reach [STATE
   * pruning]. Returns the number of nodes deleted.
   */
  long pruneBelow(long oldestRetained);

  /** A consensus record, or empty. */
  Optional<byte[]> consensusRecord(Bytes key);

  /**
   * Writes (or, for an empty value, deletes) consensus records in one atomic batch that is always
   * durable when this returns: a validator must not forget a vote it sent.
   */
  void writeConsensus(SortedMap<Bytes, Optional<Bytes>> records);

  /**
   * Consensus records whose key starts with {@code prefix}, in key order, at most {@code limit}.
   */
  List<Map.Entry<Bytes, byte[]>> scanConsensus(Bytes prefix, int limit);

  /** Approximate size in bytes (metrics and status); -1 when unknown. */
  long approximateSizeBytes();

  @Override
  void close();
}
