package org.jingchain.identity;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.crypto.BoundedCache;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/** Verifies a DID key's signature, whatever the chain's suite; false for anything malformed. */
public final class DidSignatures {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters P256_DOMAIN =
      new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

  /**
   * Results of checks already made: a pure function's answers, so caching them changes no outcome
   * (execution stays deterministic), while admission can make them in parallel ahead of the
   * single-threaded execution ({@link DidPrecheck}).
   */
  private static final BoundedCache<Bytes, Boolean> VERIFIED = new BoundedCache<>(1 << 18);

  private static final BoundedCache<DidKey, Boolean> VALID = new BoundedCache<>(1 << 18);

  private DidSignatures() {}

  public static boolean verify(DidKey key, byte[] message, byte[] signature) {
    return VERIFIED.get(
        verificationId(key, message, signature), id -> verifyUncached(key, message, signature));
  }

  /** SHA-256 over everything the answer depends on. */
  private static Bytes verificationId(DidKey key, byte[] message, byte[] signature) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update((byte) key.type().ordinal());
      d.update(key.publicKey().unsafeArray());
      d.update(java.nio.ByteBuffer.allocate(4).putInt(message.length).array());
      d.update(message);
      d.update(signature);
      return Bytes.wrap(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean verifyUncached(DidKey key, byte[] message, byte[] signature) {
    return switch (key.type()) {
      case ED25519 ->
          CryptoSuites.intl()
              .verify(new PublicKey(SuiteId.INTL, key.publicKey()), message, signature);
      case SM2 ->
          CryptoSuites.sm().verify(new PublicKey(SuiteId.SM, key.publicKey()), message, signature);
      case P256 -> verifyP256(key.publicKey().unsafeArray(), message, signature);
    };
  }

  /** True when the key decodes to a point of its curve (checked when a key enters a DID). */
  public static boolean isValid(DidKey key) {
    return VALID.get(key, DidSignatures::isValidUncached);
  }

  private static boolean isValidUncached(DidKey key) {
    return switch (key.type()) {
      case ED25519 ->
          CryptoSuites.intl().isValidPublicKey(new PublicKey(SuiteId.INTL, key.publicKey()));
      case SM2 -> CryptoSuites.sm().isValidPublicKey(new PublicKey(SuiteId.SM, key.publicKey()));
      case P256 -> p256Point(key.publicKey().unsafeArray()) != null;
    };
  }

  private static ECPoint p256Point(byte[] encoded) {
    try {
      ECPoint q = P256_DOMAIN.getCurve().decodePoint(encoded);
      return q.isInfinity() || !q.isValid() ? null : q;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean verifyP256(byte[] publicKey, byte[] message, byte[] signature) {
    ECPoint q = p256Point(publicKey);
    if (q == null || signature.length != 64) {
      return false;
    }
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
    ECDSASigner v = new ECDSASigner();
    v.init(false, new ECPublicKeyParameters(q, P256_DOMAIN));
    try {
      return v.verifySignature(MessageDigest.getInstance("SHA-256").digest(message), r, s);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
