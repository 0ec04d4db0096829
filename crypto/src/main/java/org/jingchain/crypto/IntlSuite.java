package org.jingchain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The {@code intl} suite: Ed25519 (RFC 8032, pure, via BouncyCastle's low-level implementation),
 * SHA-256 (JDK, hardware intrinsics), AES-256-GCM (JDK) and X25519 key agreement.
 *
 * <p>Public keys are validated in full once (canonical encoding, on the curve, in the prime-order
 * subgroup) and the decoded point is cached per key, so repeated verifications under the same key
 * skip point decompression. Keys with a small-order component are rejected, which is stricter than
 * RFC 8032 requires and the same on every node.
 */
final class IntlSuite implements CryptoSuite {
  static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;
  private static final int SIGNER_CACHE_ENTRIES = 1024;
  private static final byte[] SIGNER_CACHE_LABEL =
      "jing-intl-signer-cache".getBytes(StandardCharsets.US_ASCII);
  private static final MessageDigest SHA256_PROTOTYPE = newDigest("SHA-256");

  private final BoundedCache<Bytes, Ed25519.PublicPoint> points;
  // Public key per private key, keyed by a hash of the private key (never the key itself): signing
  // with a given public key skips one scalar multiplication, and deriving that public key here
  // rather than trusting KeyPair.publicKey() rules out signing under a mismatched public key, which
  // would leak the private key.
  private final BoundedCache<Bytes, byte[]> signerPublicKeys;
  private final Aead aead = new AesGcm();
  private final KeyAgreement keyAgreement = new X25519Agreement(this);

  IntlSuite(int keyCacheEntries) {
    this.points = new BoundedCache<>(keyCacheEntries);
    this.signerPublicKeys = new BoundedCache<>(Math.min(keyCacheEntries, SIGNER_CACHE_ENTRIES));
  }

  @Override
  public SuiteId id() {
    return SuiteId.INTL;
  }

  @Override
  public Hash hash(byte[] data) {
    return Hash.wrap(sha256().digest(data));
  }

  @Override
  public Hash hash(byte[]... parts) {
    MessageDigest digest = sha256();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return Hash.wrap(digest.digest());
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    byte[] sk = new byte[Ed25519.SECRET_KEY_SIZE];
    Ed25519.generatePrivateKey(random, sk);
    try {
      return keyPairFromPrivateKey(sk);
    } finally {
      Arrays.fill(sk, (byte) 0);
    }
  }

  @Override
  public KeyPair keyPairFromPrivateKey(byte[] privateKey) {
    requirePrivateKeyLength(privateKey);
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(privateKey, 0, pk, 0);
    return new KeyPair(this, privateKey, new PublicKey(SuiteId.INTL, Bytes.wrap(pk)));
  }

  @Override
  public byte[] sign(KeyPair key, byte[] message) {
    requireOwnKey(key);
    byte[] sk = key.privateKeyBytes();
    try {
      byte[] pk = signerPublicKeys.get(fingerprint(sk), _ -> derivePublicKey(sk));
      byte[] signature = new byte[SIGNATURE_LENGTH];
      Ed25519.sign(sk, 0, pk, 0, message, 0, message.length, signature, 0);
      return signature;
    } finally {
      Arrays.fill(sk, (byte) 0);
    }
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (key.suite() != SuiteId.INTL || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    Ed25519.PublicPoint point = decode(key.bytes());
    if (point == null) {
      return false;
    }
    try {
      return Ed25519.verify(signature, 0, point, message, 0, message.length);
    } catch (RuntimeException e) {
      // Untrusted input must never throw; BouncyCastle is not documented to throw here.
      return false;
    }
  }

  @Override
  public boolean isValidPublicKey(PublicKey key) {
    return key.suite() == SuiteId.INTL && decode(key.bytes()) != null;
  }

  @Override
  public Address address(PublicKey key) {
    if (key.suite() != SuiteId.INTL) {
      throw new IllegalArgumentException("the intl suite cannot derive the address of a " + key);
    }
    return Address.of(key, this);
  }

  @Override
  public Aead aead() {
    return aead;
  }

  @Override
  public KeyAgreement keyAgreement() {
    return keyAgreement;
  }

  @Override
  public String toString() {
    return "CryptoSuite[intl]";
  }

  /** The decoded, fully validated point, or null when {@code key} is not a valid public key. */
  Ed25519.PublicPoint decode(Bytes key) {
    return points.get(key, k -> Ed25519.validatePublicKeyFullExport(k.unsafeArray(), 0));
  }

  static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newDigest("SHA-256");
    }
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private void requireOwnKey(KeyPair key) {
    if (key.suite().id() != SuiteId.INTL) {
      throw new IllegalArgumentException(
          "the intl suite cannot sign with a " + key.suite().id() + " key");
    }
  }

  private static void requirePrivateKeyLength(byte[] privateKey) {
    if (privateKey.length != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 private key is 32 bytes, got " + privateKey.length);
    }
  }

  private static Bytes fingerprint(byte[] sk) {
    MessageDigest digest = sha256();
    digest.update(SIGNER_CACHE_LABEL);
    digest.update(sk);
    return Bytes.wrap(digest.digest());
  }

  private static byte[] derivePublicKey(byte[] sk) {
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(sk, 0, pk, 0);
    return pk;
  }
}
