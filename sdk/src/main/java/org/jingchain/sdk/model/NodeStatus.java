package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The answer of {@code GET /status}: the node's chain, its head block and state root, its mempool
 * and its place in consensus.
 *
 * @param suite {@code intl} or {@code sm}
 * @param height the head block's height
 * @param headHash the head block's hash (hex)
 * @param stateRoot the state root after the head block (hex)
 * @param oldestStateVersion the oldest state version the node still keeps (0 in archive mode)
 * @param version the node's software version
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeStatus(
    String chainId,
    String suite,
    long height,
    String headHash,
    long headTimestampMillis,
    String stateRoot,
    long oldestStateVersion,
    Mempool mempool,
    Consensus consensus,
    String version) {

  /** The node's mempool: how many transactions wait, and their encoded size. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Mempool(int txs, long bytes) {}

  /**
   * This node's place in consensus.
   *
   * @param self this node's validator index
   * @param validators validator addresses in leader order
   * @param round the consensus round this node is in
   * @param peers connected validators (0 for a single validator)
   * @param timeoutsSent timeouts this validator broadcast since it started (rounds that failed)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Consensus(
      int self, List<String> validators, long round, int peers, long timeoutsSent) {
    public Consensus {
      validators = Copies.list(validators);
    }
  }
}
