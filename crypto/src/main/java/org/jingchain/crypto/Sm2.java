package org.jingchain.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * SM2 signature primitives (GB/T 32918.2) on BouncyCastle's {@link SM2Signer}: Z = SM3(ENTL || ID
 * || a || b || xG || yG || xA || yA), e = SM3(Z || M), signature r || s as 64 bytes. The domain and
 * user id are parameters so that the standard's own example (on its test curve) runs through
 * exactly this code; the {@code sm} suite uses sm2p256v1 and the default id.
 */
final class Sm2 {
  /**
   * sm2p256v1 with BouncyCastle's specialised field arithmetic (much faster than the generic curve
   * that {@code GMNamedCurves} returns).
   */
  static final ECDomainParameters DOMAIN = domain();

  /** The default user id of GB/T 35276 and BouncyCastle, "1234567812345678". */
  static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  static final int PRIVATE_KEY_LENGTH = 32;
  static final int PUBLIC_KEY_LENGTH = 33;
  static final int SIGNATURE_LENGTH = 64;

  private Sm2() {}

  /** The private scalar of a 32-byte big-endian key; it must lie in [1, n-2] (GB/T 32918.1). */
  static BigInteger privateScalar(byte[] privateKey) {
    if (privateKey.length != PRIVATE_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an SM2 private key is 32 bytes, got " + privateKey.length);
    }
    BigInteger d = new BigInteger(1, privateKey);
    if (d.signum() == 0 || d.compareTo(DOMAIN.getN().subtract(BigInteger.TWO)) > 0) {
      throw new IllegalArgumentException("an SM2 private key must lie in [1, n-2]");
    }
    return d;
  }

  /** A uniformly random private scalar in [1, n-2]. */
  static BigInteger randomScalar(SecureRandom random) {
    return BigIntegers.createRandomInRange(
        BigInteger.ONE, DOMAIN.getN().subtract(BigInteger.TWO), random);
  }

  static byte[] encodePrivateKey(BigInteger d) {
    return BigIntegers.asUnsignedByteArray(PRIVATE_KEY_LENGTH, d);
  }

  /** d * G, normalised. */
  static ECPoint publicPoint(ECDomainParameters domain, BigInteger d) {
    return new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
  }

  /**
   * Decodes and validates a 33-byte compressed point (on the curve, not infinity, canonical x);
   * null when it is not a valid public key.
   */
  static ECPublicKeyParameters decodePublicKey(ECDomainParameters domain, byte[] encoded) {
    if (encoded.length != PUBLIC_KEY_LENGTH || (encoded[0] != 0x02 && encoded[0] != 0x03)) {
      return null;
    }
    try {
      // decodePoint rejects x >= p and x without a square root; the constructor rejects points off
      // the curve or at infinity (the cofactor is 1, so no subgroup check is needed).
      ECPoint q = domain.getCurve().decodePoint(encoded);
      return new ECPublicKeyParameters(q, domain);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Signs {@code message} as user {@code userId}. {@code q} must be d * G; passing it in saves the
   * scalar multiplication SM2Signer would otherwise spend recomputing it for Z.
   */
  static byte[] sign(
      ECDomainParameters domain,
      BigInteger d,
      ECPoint q,
      byte[] userId,
      byte[] message,
      SecureRandom random) {
    SM2Signer signer =
        new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest()) {
          @Override
          protected ECMultiplier createBasePointMultiplier() {
            return new KnownProductMultiplier(d, q);
          }
        };
    ECPrivateKeyParameters key = new ECPrivateKeyParameters(d, domain);
    signer.init(true, new ParametersWithID(new ParametersWithRandom(key, random), userId));
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new IllegalStateException("SM2 signing failed", e);
    }
  }

  /** Verifies an r || s signature; false for any malformed input. */
  static boolean verify(
      ECPublicKeyParameters key, byte[] userId, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
      signer.init(false, new ParametersWithID(key, userId));
      signer.update(message, 0, message.length);
      // Rejects r or s outside [1, n-1] and r + s = n.
      return signer.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static ECDomainParameters domain() {
    X9ECParameters x9 = CustomNamedCurves.getByName("sm2p256v1");
    return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
  }

  /**
   * Base-point multiplier that answers d * G from the known public key. SM2Signer asks for d * G in
   * init() (for Z) and k * G per signature; only the former is memoised.
   */
  private static final class KnownProductMultiplier implements ECMultiplier {
    private final BigInteger d;
    private final ECPoint q;
    private final ECMultiplier base = new FixedPointCombMultiplier();

    KnownProductMultiplier(BigInteger d, ECPoint q) {
      this.d = d;
      this.q = q;
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // identity on purpose: constant time, and exactly our d
    public ECPoint multiply(ECPoint p, BigInteger k) {
      return k == d ? q : base.multiply(p, k);
    }
  }
}
