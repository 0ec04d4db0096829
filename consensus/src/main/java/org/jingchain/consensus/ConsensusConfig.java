package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.types.Hash;

/**
 * Protocol parameters shared by every validator of a chain.
 *
 * @param baseTimeoutMillis round timeout after a commit [CONS-LIVE-1]
 * @param maxTimeoutMillis cap on the backed-off timeout
 * @param syncBatchBlocks blocks asked for per sync request
 * @param syncRetryMillis wait before asking again when a sync answer does not come
 * @param maxPendingBlocks bound on uncommitted blocks held in memory
 */
public record ConsensusConfig(
    String chainId,
    Hash genesisHash,
    long baseTimeoutMillis,
    long maxTimeoutMillis,
    int syncBatchBlocks,
    long syncRetryMillis,
    int maxPendingBlocks) {
  public ConsensusConfig {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(genesisHash, "genesisHash");
    if (baseTimeoutMillis <= 0 || maxTimeoutMillis < baseTimeoutMillis) {
      throw new IllegalArgumentException("need 0 < baseTimeoutMillis <= maxTimeoutMillis");
    }
    if (syncBatchBlocks < 1 || syncBatchBlocks > MessageCodec.MAX_SYNC_BLOCKS) {
      throw new IllegalArgumentException(
          "syncBatchBlocks must be 1.." + MessageCodec.MAX_SYNC_BLOCKS);
    }
  }

  public static ConsensusConfig defaults(String chainId, Hash genesisHash) {
    return new ConsensusConfig(chainId, genesisHash, 2_000, 60_000, 64, 1_000, 10_000);
  }

  /** [CONS-LIVE-1] timeout of a round, backing off while rounds fail since the last commit. */
  public long timeoutMillis(long round, long lastCommitRound) {
    long failed = Math.max(0, Math.min(round - lastCommitRound - 1, 8));
    long t = baseTimeoutMillis;
    for (long i = 0; i < failed && t < maxTimeoutMillis; i++) {
      t = t * 3 / 2; // integer arithmetic: identical on every platform
    }
    return Math.min(t, maxTimeoutMillis);
  }
}
