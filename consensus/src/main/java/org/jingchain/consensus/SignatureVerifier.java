package org.jingchain.consensus;

import org.jingchain.types.PublicKey;

/** Verifies a signature of the chain's suite; false for anything malformed, never throws. */
@FunctionalInterface
public interface SignatureVerifier {
  boolean verify(PublicKey key, byte[] message, byte[] signature);
}
