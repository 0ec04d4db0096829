package org.jingchain.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * X25519 key agreement for the {@code intl} suite, authenticated by the parties' Ed25519 keys.
 *
 * <p>The static Ed25519 keys are mapped to X25519 the standard way (RFC 7748 section 4.1 and
 * libsodium's {@code crypto_sign_ed25519_*_to_curve25519}): the private scalar is the first half of
 * SHA-512 of the seed, the public key is the Montgomery u = (1 + y) / (1 - y). Three Diffie-Hellman
 * values are combined, as in the Noise KK pattern:
 *
 * <pre>
 * secret = SHA-256("jing-x25519-agreement-v1" || DH(s_I, E_R) || DH(E_I, s_R) || DH(E_I, E_R)
 *                  || S_I || S_R || E_I || E_R)
 * </pre>
 *
 * where s/S are static (Ed25519 encoding), e/E ephemeral keys, I the initiator and R the responder.
 */
final class X25519Agreement implements KeyAgreement {
  private static final byte[] LABEL =
      "jing-x25519-agreement-v1".getBytes(StandardCharsets.US_ASCII);
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  private final IntlSuite suite;

  X25519Agreement(IntlSuite suite) {
    this.suite = suite;
  }

  @Override
  public int ephemeralPublicKeyLength() {
    return X25519.POINT_SIZE;
  }

  @Override
  public EphemeralKey generateEphemeral(SecureRandom random) {
    byte[] k = new byte[X25519.SCALAR_SIZE];
    X25519.generatePrivateKey(random, k);
    byte[] u = new byte[X25519.POINT_SIZE];
    X25519.generatePublicKey(k, 0, u, 0);
    EphemeralKey key = new EphemeralKey(SuiteId.INTL, k, Bytes.wrap(u));
    Arrays.fill(k, (byte) 0);
    return key;
  }

  @Override
  public byte[] agree(
      Role role,
      KeyPair staticKey,
      EphemeralKey ephemeralKey,
      PublicKey peerStatic,
      Bytes peerEphemeral)
      throws KeyAgreementException {
    if (staticKey.suite().id() != SuiteId.INTL || ephemeralKey.suite() != SuiteId.INTL) {
      throw new IllegalArgumentException("X25519 agreement needs intl keys");
    }
    if (!suite.isValidPublicKey(peerStatic)) {
      throw new KeyAgreementException("peer static key is not a valid intl public key");
    }
    if (peerEphemeral.length() != X25519.POINT_SIZE) {
      throw new KeyAgreementException(
          "peer ephemeral key must be 32 bytes, got " + peerEphemeral.length());
    }
    byte[] s = staticScalar(staticKey);
    byte[] e = ephemeralKey.privateKeyBytes();
    try {
      byte[] peerStaticU = edwardsToMontgomery(peerStatic.bytes().unsafeArray());
      byte[] peerE = peerEphemeral.unsafeArray();
      boolean initiator = role == Role.INITIATOR;
      // Each DH value is computed from the two keys it names, whichever side holds which.
      byte[] dh1 = initiator ? dh(s, peerE) : dh(e, peerStaticU);
      byte[] dh2 = initiator ? dh(e, peerStaticU) : dh(s, peerE);
      byte[] dh3 = dh(e, peerE);
      byte[] ownStatic = staticKey.publicKey().bytes().unsafeArray();
      byte[] ownE = ephemeralKey.publicKey().unsafeArray();
      MessageDigest digest = IntlSuite.sha256();
      digest.update(LABEL);
      digest.update(dh1);
      digest.update(dh2);
      digest.update(dh3);
      digest.update(initiator ? ownStatic : peerStatic.bytes().unsafeArray());
      digest.update(initiator ? peerStatic.bytes().unsafeArray() : ownStatic);
      digest.update(initiator ? ownE : peerE);
      digest.update(initiator ? peerE : ownE);
      Arrays.fill(dh1, (byte) 0);
      Arrays.fill(dh2, (byte) 0);
      Arrays.fill(dh3, (byte) 0);
      return digest.digest();
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(e, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "x25519";
  }

  /** The X25519 scalar of an Ed25519 key: SHA-512(seed)[0..32] (X25519 clamps it itself). */
  static byte[] staticScalar(KeyPair key) {
    byte[] seed = key.privateKeyBytes();
    byte[] h = IntlSuite.newDigest("SHA-512").digest(seed);
    byte[] scalar = Arrays.copyOf(h, X25519.SCALAR_SIZE);
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(h, (byte) 0);
    return scalar;
  }

  /**
   * The Montgomery u-coordinate (little-endian) of a validated Ed25519 public key. BigInteger
   * arithmetic is fine here: the input is public.
   */
  static byte[] edwardsToMontgomery(byte[] edwardsKey) throws KeyAgreementException {
    byte[] be = reverse(edwardsKey);
    be[0] &= 0x7f; // drop the sign bit of x
    BigInteger y = new BigInteger(1, be);
    BigInteger denominator = BigInteger.ONE.subtract(y).mod(P);
    if (denominator.signum() == 0) {
      throw new KeyAgreementException("peer static key is the neutral element");
    }
    BigInteger u = BigInteger.ONE.add(y).multiply(denominator.modInverse(P)).mod(P);
    byte[] out = new byte[X25519.POINT_SIZE];
    byte[] mag = u.toByteArray(); // big-endian, maybe with a leading zero byte
    for (int i = 0; i < out.length && i < mag.length; i++) {
      out[i] = mag[mag.length - 1 - i];
    }
    return out;
  }

  private static byte[] dh(byte[] scalar, byte[] u) throws KeyAgreementException {
    byte[] out = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(scalar, 0, u, 0, out, 0)) {
      throw new KeyAgreementException("X25519 produced the all-zero value (small-order peer key)");
    }
    return out;
  }

  private static byte[] reverse(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[in.length - 1 - i];
    }
    return out;
  }
}
