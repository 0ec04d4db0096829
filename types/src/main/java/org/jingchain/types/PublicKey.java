package org.jingchain.types;

import java.util.Objects;

/**
 * An encoded public key tagged with its suite: 32 raw bytes for Ed25519, a 33-byte compressed point
 * for SM2. Whether the bytes are a valid point is checked by the crypto suite, not here.
 */
public record PublicKey(SuiteId suite, Bytes bytes) {
  public PublicKey {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length() != suite.publicKeyLength()) {
      throw new IllegalArgumentException(
          "a "
              + suite
              + " public key has "
              + suite.publicKeyLength()
              + " bytes, got "
              + bytes.length());
    }
  }

  @Override
  public String toString() {
    return suite + ":" + bytes.toHex();
  }
}
