package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;

/**
 * One bit of a contribution ([PRIV-10]): a lifted ElGamal ciphertext {@code (r·G, b·G + r·Y)} of a
 * bit b under the committee key Y, with a disjunctive Chaum–Pedersen proof (Cramer–Damgård–
 * Schoenmakers) that b is 0 or 1 without saying which. Encoded as C1 ‖ C2 ‖ c0 ‖ c1 ‖ z0 ‖ z1, 194
 * bytes.
 */
public record BitCipher(
    ECPoint c1, ECPoint c2, BigInteger e0, BigInteger e1, BigInteger z0, BigInteger z1) {
  public static final int BYTES = 2 * EcGroup.POINT_BYTES + 4 * EcGroup.SCALAR_BYTES;

  private static final String DOMAIN = "jing-priv-bit";

  /** Encrypts {@code bit} (0 or 1) under {@code y} with a proof bound to {@code context}. */
  public static BitCipher encrypt(
      EcGroup g, ECPoint y, int bit, byte[] context, SecureRandom random) {
    if (bit != 0 && bit != 1) {
      throw new IllegalArgumentException("a bit is 0 or 1");
    }
    BigInteger q = g.order();
    BigInteger r = g.randomScalar(random);
    ECPoint c1 = g.base(r);
    ECPoint c2 = bit == 1 ? g.add(g.mul(y, r), g.generator()) : g.mul(y, r);
    // The branch for the other bit is simulated; the true one is proved.
    BigInteger cFake = g.randomScalar(random);
    BigInteger zFake = g.randomScalar(random);
    int other = 1 - bit;
    ECPoint[] t = new ECPoint[2];
    ECPoint[] u = new ECPoint[2];
    t[other] = g.mul2(g.generator(), zFake, c1, q.subtract(cFake));
    u[other] = g.mul2(y, zFake, shifted(g, c2, other), q.subtract(cFake));
    BigInteger w = g.randomScalar(random);
    t[bit] = g.base(w);
    u[bit] = g.mul(y, w);
    BigInteger c = challenge(g, context, y, c1, c2, t[0], u[0], t[1], u[1]);
    BigInteger cReal = c.subtract(cFake).mod(q);
    BigInteger zReal = w.add(cReal.multiply(r)).mod(q);
    return bit == 0
        ? new BitCipher(c1, c2, cReal, cFake, zReal, zFake)
        : new BitCipher(c1, c2, cFake, cReal, zFake, zReal);
  }

  /** C2 − b·G: what C2 would be with r·Y alone if the bit were b. */
  private static ECPoint shifted(EcGroup g, ECPoint c2, int b) {
    return b == 0 ? c2 : g.sub(c2, g.generator());
  }

  /** True when the proof shows this encrypts 0 or 1 under {@code y}, bound to {@code context}. */
  public boolean verify(EcGroup g, ECPoint y, byte[] context) {
    BigInteger q = g.order();
    ECPoint t0 = g.mul2(g.generator(), z0, c1, q.subtract(e0));
    ECPoint u0 = g.mul2(y, z0, c2, q.subtract(e0));
    ECPoint t1 = g.mul2(g.generator(), z1, c1, q.subtract(e1));
    ECPoint u1 = g.mul2(y, z1, shifted(g, c2, 1), q.subtract(e1));
    BigInteger c = challenge(g, context, y, c1, c2, t0, u0, t1, u1);
    return c.equals(e0.add(e1).mod(q));
  }

  private static BigInteger challenge(
      EcGroup g,
      byte[] context,
      ECPoint y,
      ECPoint c1,
      ECPoint c2,
      ECPoint t0,
      ECPoint u0,
      ECPoint t1,
      ECPoint u1) {
    return g.hashToScalar(
        DOMAIN,
        List.of(
            context,
            g.encode(y),
            g.encode(c1),
            g.encode(c2),
            g.encode(t0),
            g.encode(u0),
            g.encode(t1),
            g.encode(u1)));
  }

  public byte[] encode(EcGroup g) {
    byte[] out = new byte[BYTES];
    int o = 0;
    for (byte[] part :
        List.of(
            g.encode(c1),
            g.encode(c2),
            g.encodeScalar(e0),
            g.encodeScalar(e1),
            g.encodeScalar(z0),
            g.encodeScalar(z1))) {
      System.arraycopy(part, 0, out, o, part.length);
      o += part.length;
    }
    return out;
  }

  public static BitCipher decode(EcGroup g, byte[] b, String what) throws DecodeException {
    if (b.length != BYTES) {
      throw new DecodeException(what + " is " + b.length + " bytes, not " + BYTES);
    }
    int p = EcGroup.POINT_BYTES;
    int s = EcGroup.SCALAR_BYTES;
    return new BitCipher(
        g.decode(Arrays.copyOfRange(b, 0, p), what + " C1"),
        g.decode(Arrays.copyOfRange(b, p, 2 * p), what + " C2"),
        g.decodeScalar(Arrays.copyOfRange(b, 2 * p, 2 * p + s), what + " c0"),
        g.decodeScalar(Arrays.copyOfRange(b, 2 * p + s, 2 * p + 2 * s), what + " c1"),
        g.decodeScalar(Arrays.copyOfRange(b, 2 * p + 2 * s, 2 * p + 3 * s), what + " z0"),
        g.decodeScalar(Arrays.copyOfRange(b, 2 * p + 3 * s, 2 * p + 4 * s), what + " z1"));
  }
}
