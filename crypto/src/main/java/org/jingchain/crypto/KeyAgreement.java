package org.jingchain.crypto;

import java.security.SecureRandom;

/**
 * Establishes a shared 32-byte secret between two parties: X25519 for {@code intl}, SM2 key
 * exchange (GB/T 32918.3) for {@code sm}. Both sides hold a static key pair and an ephemeral one.
 */
public interface KeyAgreement {
  /** A fresh ephemeral key pair of this suite. */
  KeyPair ephemeral(SecureRandom random);

  /**
   * The shared secret seen by one side. {@code initiator} is true on the side that started the
   * exchange (SM2 key exchange is asymmetric in roles; X25519 ignores it and mixes both ephemeral
   * public keys with both static keys).
   */
  byte[] agree(
      boolean initiator,
      KeyPair staticKey,
      KeyPair ephemeralKey,
      org.jingchain.types.PublicKey peerStatic,
      org.jingchain.types.PublicKey peerEphemeral);
}
