package org.jingchain.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A state value at a version with its Merkle proof and the block that certifies the root: the body
 * of {@code GET /api/v1/state}, and what services attach where they offer proofs.
 *
 * @param proof null unless a proof was asked for
 * @param certifiedBy null while the version is the head (no committed header carries its root yet)
 */
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

  /** The proof: the leaf found (null for an empty subtree), siblings, and its canonical bytes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Proof(Leaf leaf, List<String> siblings, String encoded) {}

  public record Leaf(String keyHash, String valueHash) {}

  /** The block whose header commits the state root (height {@code version + 1}). */
  public record Certification(long height, String blockHash) {}
}
