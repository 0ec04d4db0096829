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
}
