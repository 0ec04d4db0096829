package org.jingchain.service;

import java.util.Optional;
import org.jingchain.service.api.ApiException;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;

/** Reads of committed state by version (a block height) and of block headers, for API routes. */
public interface StateReads {
  /** The committed head's height. */
  long headHeight();

  /** The oldest state version still kept (older ones are pruned). */
  long oldestVersion();

  /**
   * {@code key} in the state after block {@code version}, with its Merkle proof if asked, and the
   * block whose header certifies the root — as {@code GET /api/v1/state} answers.
   *
   * @throws ApiException {@code VERSION_PRUNED} for a version no longer kept
   */
  StateRead read(Bytes key, long version, boolean withProof) throws ApiException;

  /**
   * The value of {@code key} after block {@code version}, without a proof.
   *
   * @throws ApiException {@code VERSION_PRUNED} for a version no longer kept
   */
  Optional<Bytes> get(Bytes key, long version) throws ApiException;

  /**
   * Up to {@code limit} entries of the latest committed state whose keys start with {@code prefix},
   * in key order.
   */
  default java.util.List<java.util.Map.Entry<Bytes, Bytes>> scanLatest(Bytes prefix, int limit) {
    return scanLatest(prefix, prefix, limit);
  }

  /** The same from key {@code from} on (a page of a longer scan). */
  java.util.List<java.util.Map.Entry<Bytes, Bytes>> scanLatest(Bytes prefix, Bytes from, int limit);

  /** The committed header at {@code height}, if there is one. */
  Optional<BlockHeader> header(long height);

  /** Where a committed transaction sits: its block's height and its index in the block. */
  record TxPosition(long height, int index) {}

  /** The committed block at {@code height} — header and transactions — if there is one. */
  Optional<org.jingchain.types.Block> block(long height);

  /** The receipts of the committed block at {@code height}, in transaction order. */
  java.util.List<org.jingchain.types.Receipt> receipts(long height);

  /** The hash of the committed block at {@code height}, if there is one. */
  Optional<org.jingchain.types.Hash> blockHash(long height);

  /** The height of the committed block with hash {@code hash}, if there is one. */
  Optional<Long> heightOf(org.jingchain.types.Hash hash);

  /** Where the committed transaction {@code txHash} sits, if it was committed. */
  Optional<TxPosition> transaction(org.jingchain.types.Hash txHash);
}
