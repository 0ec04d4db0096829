package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;

/**
 * A Chaum–Pedersen proof that {@code A = x·P} and {@code B = x·Q} for one secret x ([PRIV-4]), made
 * non-interactive with {@link EcGroup#hashToScalar} over a domain tag, the caller's context (which
 * binds the proof to its chain, service object and sender) and the four points and two commitments.
 * With {@code Q} absent it is a Schnorr proof of knowledge of the discrete log of {@code A}.
 * Encoded as challenge ‖ response, 64 bytes.
 */
public record Dleq(BigInteger c, BigInteger z) {
  public static final int BYTES = 2 * EcGroup.SCALAR_BYTES;

  private static final String DOMAIN = "jing-priv-dleq";

  /** Proves {@code A = x·P} and {@code B = x·Q}; {@code q} null proves knowledge of x alone. */
  public static Dleq prove(
      EcGroup g, byte[] context, ECPoint p, ECPoint q, BigInteger x, SecureRandom random) {
    BigInteger w = g.randomScalar(random);
    ECPoint a = g.mul(p, x);
    ECPoint t1 = g.mul(p, w);
    ECPoint b = q == null ? null : g.mul(q, x);
    ECPoint t2 = q == null ? null : g.mul(q, w);
    BigInteger c = challenge(g, context, p, q, a, b, t1, t2);
    return new Dleq(c, w.add(c.multiply(x)).mod(g.order()));
  }

  /** True when this proves {@code log_P A = log_Q B} (or knowledge of {@code log_P A}). */
  public boolean verify(EcGroup g, byte[] context, ECPoint p, ECPoint q, ECPoint a, ECPoint b) {
    ECPoint t1 = g.mul2(p, z, a, g.order().subtract(c));
    ECPoint t2 = q == null ? null : g.mul2(q, z, b, g.order().subtract(c));
    return challenge(g, context, p, q, a, b, t1, t2).equals(c);
  }

  private static BigInteger challenge(
      EcGroup g,
      byte[] context,
      ECPoint p,
      ECPoint q,
      ECPoint a,
      ECPoint b,
      ECPoint t1,
      ECPoint t2) {
    return q == null
        ? g.hashToScalar(DOMAIN, List.of(context, g.encode(p), g.encode(a), g.encode(t1)))
        : g.hashToScalar(
            DOMAIN,
            List.of(
                context,
                g.encode(p),
                g.encode(q),
                g.encode(a),
                g.encode(b),
                g.encode(t1),
                g.encode(t2)));
  }

  public byte[] encode(EcGroup g) {
    byte[] out = new byte[BYTES];
    System.arraycopy(g.encodeScalar(c), 0, out, 0, 32);
    System.arraycopy(g.encodeScalar(z), 0, out, 32, 32);
    return out;
  }

  public static Dleq decode(EcGroup g, byte[] b, String what) throws DecodeException {
    if (b.length != BYTES) {
      throw new DecodeException(what + " is " + b.length + " bytes, not " + BYTES);
    }
    return new Dleq(
        g.decodeScalar(java.util.Arrays.copyOfRange(b, 0, 32), what + " challenge"),
        g.decodeScalar(java.util.Arrays.copyOfRange(b, 32, 64), what + " response"));
  }
}
