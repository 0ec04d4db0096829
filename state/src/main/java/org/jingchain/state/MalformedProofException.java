package org.jingchain.state;

/** Thrown when bytes are not a canonical encoding of a {@link SparseMerkleProof} [STATE-11]. */
public final class MalformedProofException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedProofException(String message) {
    super(message);
  }
}
