package org.jingchain.types;

import java.util.Objects;

/**
 * A block header. Execution follows ordering: {@code stateRoot} and {@code resultsRoot} are those
 * of the <em>parent</em> height (the state after executing blocks 0..height-1 and the receipts of
 * block height-1), so a certificate on block h+1 certifies the state of h. {@code round} is the
 * consensus round in which the block was proposed (see docs/spec/consensus.md).
 */
public record BlockHeader(
    String chainId,
    long height,
    long round,
    Hash parentHash,
    long timestampMillis,
    Address proposer,
    Hash txRoot,
    int txCount,
    Hash stateRoot,
    Hash resultsRoot) {
  public BlockHeader {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(proposer, "proposer");
    Objects.requireNonNull(txRoot, "txRoot");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(resultsRoot, "resultsRoot");
    if (height < 0 || round < 0 || timestampMillis < 0 || txCount < 0) {
      throw new IllegalArgumentException(
          "height, round, timestamp and txCount must be non-negative");
    }
  }
}
