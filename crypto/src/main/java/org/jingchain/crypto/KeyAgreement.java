package org.jingchain.crypto;

import java.security.SecureRandom;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;

/**
 * Establishes a shared 32-byte secret between two parties that each hold a static signing key pair
 * of the suite and a fresh ephemeral key: X25519 for {@code intl}, SM2 key exchange (GB/T 32918.3)
 * for {@code sm}. The secret is implicitly authenticated: only the holders of the two static
 * private keys can compute it. There is no key confirmation here; the first authenticated message
 * under the secret confirms it.
 *
 * <p>Ephemeral keys are not signing keys (an X25519 key is not an Ed25519 key), hence their own
 * type. Both sides must agree on who is the {@link Role#INITIATOR}: the SM2 exchange is asymmetric
 * in roles, and both suites bind the roles into the secret.
 */
public interface KeyAgreement {
  /** Length in bytes of the agreed secret. */
  int SECRET_LENGTH = 32;

  /** Which side of the exchange the caller is. */
  enum Role {
    INITIATOR,
    RESPONDER
  }

  /** Length in bytes of an encoded ephemeral public key: 32 (X25519) or 33 (compressed SM2). */
  int ephemeralPublicKeyLength();

  /** A fresh ephemeral key pair for one exchange. */
  EphemeralKey generateEphemeral(SecureRandom random);

  /**
   * The 32-byte shared secret seen by the {@code role} side.
   *
   * @param staticKey this side's long-term key pair (of this suite)
   * @param ephemeralKey this side's ephemeral key from {@link #generateEphemeral}
   * @param peerStatic the peer's long-term public key
   * @param peerEphemeral the peer's encoded ephemeral public key, as received
   * @throws KeyAgreementException when a peer key is malformed, of another suite or degenerate
   */
  byte[] agree(
      Role role,
      KeyPair staticKey,
      EphemeralKey ephemeralKey,
      PublicKey peerStatic,
      Bytes peerEphemeral)
      throws KeyAgreementException;
}
