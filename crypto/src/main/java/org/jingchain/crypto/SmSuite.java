package org.jingchain.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The {@code sm} suite: SM2 signatures with SM3 and the default user id {@code 1234567812345678}
 * (GB/T 32918.2) on sm2p256v1, SM3 hashing (GB/T 32905), SM4-GCM (GB/T 32907, RFC 8998) and SM2 key
 * exchange (GB/T 32918.3, via BouncyCastle's {@code SM2KeyExchange}; no SM2 public-key encryption
 * is offered).
 *
 * <p>Decoded public keys are cached per key: besides skipping point decompression, the cached point
 * carries BouncyCastle's window precomputation, which more than doubles verification speed for keys
 * seen before.
 */
final class SmSuite implements CryptoSuite {
  private static final int SIGNER_CACHE_ENTRIES = 1024;
  private static final byte[] SIGNER_CACHE_LABEL =
      "jing-sm-signer-cache".getBytes(StandardCharsets.US_ASCII);
  // SecureRandom is thread-safe; SM2 signatures need a fresh nonce each.
  private static final SecureRandom NONCES = new SecureRandom();

  private final BoundedCache<Bytes, ECPublicKeyParameters> keys;
  // d * G per private key, keyed by a hash of the private key (never the key itself), so signing
  // skips one scalar multiplication without trusting KeyPair.publicKey() to match.
  private final BoundedCache<Bytes, ECPoint> signerPoints;
  private final Aead aead = new Sm4Gcm();
  private final KeyAgreement keyAgreement = new Sm2KeyAgreement(this);

  SmSuite(int keyCacheEntries) {
    this.keys = new BoundedCache<>(keyCacheEntries);
    this.signerPoints = new BoundedCache<>(Math.min(keyCacheEntries, SIGNER_CACHE_ENTRIES));
  }

  @Override
  public SuiteId id() {
    return SuiteId.SM;
  }

  @Override
  public Hash hash(byte[] data) {
    return hash(new byte[][] {data});
  }

  @Override
  public Hash hash(byte[]... parts) {
    SM3Digest digest = new SM3Digest();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[Hash.LENGTH];
    digest.doFinal(out, 0);
    return Hash.wrap(out);
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    byte[] sk = Sm2.encodePrivateKey(Sm2.randomScalar(random));
    try {
      return keyPairFromPrivateKey(sk);
    } finally {
      Arrays.fill(sk, (byte) 0);
    }
  }

  @Override
  public KeyPair keyPairFromPrivateKey(byte[] privateKey) {
    BigInteger d = Sm2.privateScalar(privateKey);
    byte[] pk = Sm2.publicPoint(Sm2.DOMAIN, d).getEncoded(true);
    return new KeyPair(this, privateKey, new PublicKey(SuiteId.SM, Bytes.wrap(pk)));
  }

  @Override
  public byte[] sign(KeyPair key, byte[] message) {
    if (key.suite().id() != SuiteId.SM) {
      throw new IllegalArgumentException(
          "the sm suite cannot sign with a " + key.suite().id() + " key");
    }
    byte[] sk = key.privateKeyBytes();
    try {
      BigInteger d = Sm2.privateScalar(sk);
      ECPoint q = signerPoints.get(fingerprint(sk), _ -> Sm2.publicPoint(Sm2.DOMAIN, d));
      return Sm2.sign(Sm2.DOMAIN, d, q, Sm2.DEFAULT_USER_ID, message, NONCES);
    } finally {
      Arrays.fill(sk, (byte) 0);
    }
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (key.suite() != SuiteId.SM || signature.length != Sm2.SIGNATURE_LENGTH) {
      return false;
    }
    ECPublicKeyParameters q = decode(key.bytes());
    return q != null && Sm2.verify(q, Sm2.DEFAULT_USER_ID, message, signature);
  }

  @Override
  public boolean isValidPublicKey(PublicKey key) {
    return key.suite() == SuiteId.SM && decode(key.bytes()) != null;
  }

  @Override
  public Address address(PublicKey key) {
    if (key.suite() != SuiteId.SM) {
      throw new IllegalArgumentException("the sm suite cannot derive the address of a " + key);
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
    return "CryptoSuite[sm]";
  }

  /** The decoded, validated public key, or null when {@code key} is not a valid SM2 point. */
  ECPublicKeyParameters decode(Bytes key) {
    return keys.get(key, k -> Sm2.decodePublicKey(Sm2.DOMAIN, k.unsafeArray()));
  }

  private Bytes fingerprint(byte[] sk) {
    return Bytes.wrap(hash(SIGNER_CACHE_LABEL, sk).unsafeArray());
  }
}
