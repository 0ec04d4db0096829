package org.jingchain.state;

import java.util.Objects;
import java.util.Optional;
import org.jingchain.types.Bytes;

/**
 * A read with its proof: the value (empty if absent) and the proof of inclusion or non-inclusion.
 *
 * @param value the key's value at the proved version, empty if the key is absent
 * @param proof proves {@code value} (or absence) against that version's root hash
 */
public record ProofResult(Optional<Bytes> value, SparseMerkleProof proof) {
  public ProofResult {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(proof, "proof");
  }
}
