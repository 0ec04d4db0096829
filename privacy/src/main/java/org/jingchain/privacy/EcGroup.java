package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Encoder;
import org.jingchain.types.HashFunction;
import org.jingchain.types.SuiteId;

/**
 * The prime-order group a chain's privacy services compute in ([PRIV-1]): NIST P-256 for {@code
 * intl}, the SM2 curve of GB/T 32918.5 for {@code sm}, both with BouncyCastle's arithmetic and both
 * of cofactor 1, so every point on the curve is in the group. Points travel as 33-byte SEC 1
 * compressed encodings; scalars as 32 bytes big-endian below the group order. Immutable and safe to
 * share between threads; every method is deterministic.
 */
public final class EcGroup {
  /** Bytes of an encoded point. */
  public static final int POINT_BYTES = 33;

  /** Bytes of an encoded scalar. */
  public static final int SCALAR_BYTES = 32;

  private final SuiteId suite;
  private final String curveName;
  private final X9ECParameters params;
  private final BigInteger order;
  private final ECPoint g;
  private final HashFunction hash;

  private EcGroup(SuiteId suite, String curveName, X9ECParameters params, HashFunction hash) {
    this.suite = suite;
    this.curveName = curveName;
    this.params = params;
    this.order = params.getN();
    this.g = params.getG().normalize();
    this.hash = hash;
    if (!params.getH().equals(BigInteger.ONE)) {
      throw new IllegalStateException(curveName + " has a cofactor");
    }
  }

  /** The group of {@code suite}, hashing with {@code hash} (the suite's hash function). */
  public static EcGroup of(SuiteId suite, HashFunction hash) {
    return switch (suite) {
      case INTL -> new EcGroup(suite, "P-256", CustomNamedCurves.getByName("secp256r1"), hash);
      case SM -> new EcGroup(suite, "SM2", CustomNamedCurves.getByName("sm2p256v1"), hash);
    };
  }

  public SuiteId suite() {
    return suite;
  }

  /** {@code P-256} or {@code SM2}. */
  public String curveName() {
    return curveName;
  }

  /** The group order q. */
  public BigInteger order() {
    return order;
  }

  /** The standard base point G. */
  public ECPoint generator() {
    return g;
  }

  public ECPoint identity() {
    return params.getCurve().getInfinity();
  }

  /** {@code k·G}. */
  public ECPoint base(BigInteger k) {
    return g.multiply(k.mod(order)).normalize();
  }

  /** {@code k·P}. */
  public ECPoint mul(ECPoint p, BigInteger k) {
    return p.multiply(k.mod(order)).normalize();
  }

  /** {@code a·P + b·Q}, in one pass. */
  public ECPoint mul2(ECPoint p, BigInteger a, ECPoint q, BigInteger b) {
    return org.bouncycastle.math.ec.ECAlgorithms.sumOfTwoMultiplies(
            p, a.mod(order), q, b.mod(order))
        .normalize();
  }

  public ECPoint add(ECPoint a, ECPoint b) {
    return a.add(b).normalize();
  }

  public ECPoint sub(ECPoint a, ECPoint b) {
    return a.subtract(b).normalize();
  }

  /** A uniformly random scalar in [1, q). */
  public BigInteger randomScalar(SecureRandom random) {
    while (true) {
      BigInteger k = new BigInteger(order.bitLength() + 64, random).mod(order);
      if (k.signum() != 0) {
        return k;
      }
    }
  }

  /**
   * The 33-byte encoding of a point; the identity, which has no SEC 1 compressed form, is 33 zero
   * bytes.
   */
  public byte[] encode(ECPoint p) {
    if (p.isInfinity()) {
      return new byte[POINT_BYTES];
    }
    return p.normalize().getEncoded(true);
  }

  /**
   * Decodes a point that must not be the identity: exactly 33 bytes, prefix 02 or 03, x below the
   * field prime and on the curve ([PRIV-2]).
   */
  public ECPoint decode(byte[] b, String what) throws DecodeException {
    ECPoint p = decodeOrIdentity(b, what);
    if (p.isInfinity()) {
      throw new DecodeException(what + " is the identity point");
    }
    return p;
  }

  /** As {@link #decode} but accepting the identity's 33 zero bytes. */
  public ECPoint decodeOrIdentity(byte[] b, String what) throws DecodeException {
    if (b.length != POINT_BYTES) {
      throw new DecodeException(what + " is " + b.length + " bytes, not " + POINT_BYTES);
    }
    if (Arrays.equals(b, new byte[POINT_BYTES])) {
      return identity();
    }
    if (b[0] != 2 && b[0] != 3) {
      throw new DecodeException(what + " is not a compressed point (prefix " + (b[0] & 0xff) + ")");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(b, 1, POINT_BYTES));
    if (x.compareTo(params.getCurve().getField().getCharacteristic()) >= 0) {
      throw new DecodeException(what + " has x beyond the field");
    }
    try {
      ECPoint p = params.getCurve().decodePoint(b).normalize();
      if (!p.isValid()) {
        throw new DecodeException(what + " is not on the curve");
      }
      return p;
    } catch (IllegalArgumentException e) {
      throw new DecodeException(what + " is not on the curve");
    }
  }

  /** The 32-byte big-endian encoding of a scalar in [0, q). */
  public byte[] encodeScalar(BigInteger k) {
    byte[] out = new byte[SCALAR_BYTES];
    byte[] raw = k.mod(order).toByteArray();
    int n = Math.min(raw.length, SCALAR_BYTES);
    System.arraycopy(raw, raw.length - n, out, SCALAR_BYTES - n, n);
    return out;
  }

  /** Decodes a scalar: exactly 32 bytes and below q, so every scalar has one encoding. */
  public BigInteger decodeScalar(byte[] b, String what) throws DecodeException {
    if (b.length != SCALAR_BYTES) {
      throw new DecodeException(what + " is " + b.length + " bytes, not " + SCALAR_BYTES);
    }
    BigInteger k = new BigInteger(1, b);
    if (k.compareTo(order) >= 0) {
      throw new DecodeException(what + " is not below the group order");
    }
    return k;
  }

  /**
   * Hashes to a scalar ([PRIV-3]): the parts, each length-prefixed, under a domain tag; two suite
   * hashes of the transcript (counter 0 and 1) give 512 bits, reduced mod q, so the bias is below
   * 2^-250.
   */
  public BigInteger hashToScalar(String domain, List<byte[]> parts) {
    Encoder e = new Encoder().string(domain);
    for (byte[] p : parts) {
      e.bytes(p);
    }
    byte[] t = e.toByteArray();
    byte[] wide = new byte[64];
    System.arraycopy(hash.hash(new byte[] {0}, t).unsafeArray(), 0, wide, 0, 32);
    System.arraycopy(hash.hash(new byte[] {1}, t).unsafeArray(), 0, wide, 32, 32);
    return new BigInteger(1, wide).mod(order);
  }

  /**
   * A point nobody knows the discrete log of, for {@code label} ([PRIV-20]): try-and-increment — x
   * = the suite hash of (domain, label, counter) as an integer mod p, for counter 0, 1, … until x
   * is on the curve, then the point of even y (prefix 02).
   */
  public ECPoint hashToPoint(String label) {
    for (int counter = 0; ; counter++) {
      byte[] t =
          new Encoder().string("jing-priv-generator").string(label).u32(counter).toByteArray();
      BigInteger x =
          new BigInteger(1, hash.hash(t).unsafeArray())
              .mod(params.getCurve().getField().getCharacteristic());
      byte[] enc = new byte[POINT_BYTES];
      enc[0] = 2;
      byte[] xb = x.toByteArray();
      int n = Math.min(xb.length, 32);
      System.arraycopy(xb, xb.length - n, enc, POINT_BYTES - n, n);
      try {
        ECPoint p = params.getCurve().decodePoint(enc).normalize();
        if (p.isValid() && !p.isInfinity()) {
          return p;
        }
      } catch (IllegalArgumentException notOnCurve) {
        // next counter
      }
    }
  }

  /** {@code Σ k_i·P_i} in one multi-scalar multiplication. */
  public ECPoint sum(ECPoint[] points, BigInteger[] scalars) {
    List<ECPoint> ps = new java.util.ArrayList<>(points.length);
    List<BigInteger> ks = new java.util.ArrayList<>(points.length);
    for (int i = 0; i < points.length; i++) {
      BigInteger k = scalars[i].mod(order);
      if (!points[i].isInfinity() && k.signum() != 0) {
        ps.add(points[i]);
        ks.add(k);
      }
    }
    if (ps.isEmpty()) {
      return identity();
    }
    return org.bouncycastle.math.ec.ECAlgorithms.sumOfMultiplies(
            ps.toArray(new ECPoint[0]), ks.toArray(new BigInteger[0]))
        .normalize();
  }

  /** As {@link #hashToScalar(String, List)}. */
  public BigInteger hashToScalar(String domain, byte[]... parts) {
    return hashToScalar(domain, List.of(parts));
  }
}
