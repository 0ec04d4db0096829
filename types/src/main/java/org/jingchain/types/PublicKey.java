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

  /**
   * Parses the text form {@code <suite>:<hex>} (as {@link #toString} writes it), e.g. {@code
   * intl:3b6a…}.
   *
   * @throws IllegalArgumentException with a message fit for a user when the text is malformed
   */
  public static PublicKey parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("public key '" + text + "' is not <suite>:<hex>");
    }
    String label = text.substring(0, colon);
    SuiteId suite =
        SuiteId.fromLabel(label)
            .orElseThrow(() -> new IllegalArgumentException("unknown suite '" + label + "'"));
    Bytes bytes;
    try {
      bytes = Bytes.fromHex(text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("public key '" + text + "' is not valid hex", e);
    }
    return new PublicKey(suite, bytes);
  }

  @Override
  public String toString() {
    return suite + ":" + bytes.toHex();
  }
}
