package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A state value at a version with its Merkle proof ({@code GET /state?proof=true}), as the node
 * sent it: not verified yet ({@link org.jingchain.sdk.JingClient#verified} checks it).
 *
 * @param key the key as UTF-8 text
 * @param keyHex the key's bytes (hex)
 * @param version the state version (block height) read
 * @param stateRoot the state root of that version (hex)
 * @param suite the chain's crypto suite, {@code intl} or {@code sm}
 * @param value the value (hex), or null when the key is absent (the proof then proves absence)
 * @param proof the Merkle proof, or null when the read did not ask for one
 * @param certifiedBy the block whose header commits this root, or null when the version is the head
 *     (its certifying block does not exist yet)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StateRead(
    String key,
    String keyHex,
    long version,
    String stateRoot,
    String suite,
    String value,
    Proof proof,
    Certification certifiedBy) {

  /**
   * A sparse Merkle proof: the leaf met on the key's path (none on an empty path), the sibling
   * hashes, and the canonical encoding that {@code jing proof verify} and the verifiers read.
   *
   * @param leaf the leaf on the path, or null when the path ends empty
   * @param siblings sibling hashes (hex)
   * @param encoded the canonical proof bytes (hex; docs/spec/state.md)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Proof(ProofLeaf leaf, List<String> siblings, String encoded) {
    public Proof {
      siblings = Copies.list(siblings);
    }
  }

  /** The leaf a proof met: the hashes of its key and value (hex). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProofLeaf(String keyHash, String valueHash) {}

  /** The block whose header carries a state root: the root of version h is in block h+1. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Certification(long height, String blockHash) {}
}
