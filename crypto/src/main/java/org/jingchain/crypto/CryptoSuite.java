package org.jingchain.crypto;

import java.security.SecureRandom;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * One crypto suite, picked per chain at genesis. Implementations are stateless or internally
 * synchronised and safe to share between threads. Methods that take untrusted input ({@link
 * #verify}, {@link #isValidPublicKey}) return {@code false} for malformed input and never throw.
 */
public interface CryptoSuite extends HashFunction {
  SuiteId id();

  /** SHA-256 ({@code intl}) or SM3 ({@code sm}). */
  @Override
  Hash hash(byte[] data);

  /** A fresh key pair from {@code random}. */
  KeyPair generateKeyPair(SecureRandom random);

  /** Rebuilds a key pair from its 32-byte private key (as stored in a key store). */
  KeyPair keyPairFromPrivateKey(byte[] privateKey);

  /**
   * Signs {@code message}: Ed25519 (RFC 8032, pure) or SM2 with SM3 and the default GB/T 32918 user
   * id {@code 1234567812345678}. The signature is 64 bytes (SM2: r || s, 32 bytes each).
   */
  byte[] sign(KeyPair key, byte[] message);

  /** Verifies a signature; false for a bad signature, a malformed key or a key of another suite. */
  boolean verify(PublicKey key, byte[] message, byte[] signature);

  /** True when {@code key} belongs to this suite and decodes to a valid curve point. */
  boolean isValidPublicKey(PublicKey key);

  /** The address of {@code key}: suite tag + first 20 bytes of {@link #hash} of the key bytes. */
  default Address address(PublicKey key) {
    return Address.of(key, this);
  }

  /** AES-256-GCM ({@code intl}) or SM4-GCM ({@code sm}). */
  Aead aead();

  /** X25519 ({@code intl}) or SM2 key exchange ({@code sm}). */
  KeyAgreement keyAgreement();
}
