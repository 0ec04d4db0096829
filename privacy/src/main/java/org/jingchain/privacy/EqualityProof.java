package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;

/**
 * A proof that a twisted ElGamal ciphertext {@code (C, D)} under public key {@code P = s⁻¹·H} and a
 * fresh Pedersen commitment {@code C' = x·G + r'·H} hold the same value x ([PRIV-25]): knowledge of
 * (s, x, r') with {@code s·P = H}, {@code C = x·G + s·D} and {@code C' = x·G + r'·H}. The owner of
 * P proves it about its own balance, so a range proof on C' bounds the balance without anyone
 * learning it. Encoded Y0 ‖ Y1 ‖ Y2 ‖ z_s ‖ z_x ‖ z_r.
 */
public record EqualityProof(
    ECPoint y0, ECPoint y1, ECPoint y2, BigInteger zs, BigInteger zx, BigInteger zr) {
  public static final int BYTES = 3 * EcGroup.POINT_BYTES + 3 * EcGroup.SCALAR_BYTES;

  private static final String DOMAIN = "jing-ct-equality";

  public static EqualityProof prove(
      Pedersen ped,
      byte[] context,
      ECPoint p,
      ECPoint c,
      ECPoint d,
      ECPoint commitment,
      BigInteger s,
      BigInteger x,
      BigInteger r,
      SecureRandom random) {
    EcGroup g = ped.group();
    BigInteger ys = g.randomScalar(random);
    BigInteger yx = g.randomScalar(random);
    BigInteger yr = g.randomScalar(random);
    ECPoint y0 = g.mul(p, ys);
    ECPoint y1 = g.mul2(g.generator(), yx, d, ys);
    ECPoint y2 = ped.commit(yx, yr);
    BigInteger ch = challenge(g, context, p, c, d, commitment, y0, y1, y2);
    BigInteger q = g.order();
    return new EqualityProof(
        y0,
        y1,
        y2,
        ys.add(ch.multiply(s)).mod(q),
        yx.add(ch.multiply(x)).mod(q),
        yr.add(ch.multiply(r)).mod(q));
  }

  private static BigInteger challenge(
      EcGroup g,
      byte[] context,
      ECPoint p,
      ECPoint c,
      ECPoint d,
      ECPoint commitment,
      ECPoint y0,
      ECPoint y1,
      ECPoint y2) {
    return new Transcript(g, DOMAIN, context)
        .append(p)
        .append(c)
        .append(d)
        .append(commitment)
        .append(y0)
        .append(y1)
        .append(y2)
        .challenge();
  }

  public boolean verify(
      Pedersen ped, byte[] context, ECPoint p, ECPoint c, ECPoint d, ECPoint commitment) {
    EcGroup g = ped.group();
    BigInteger ch = challenge(g, context, p, c, d, commitment, y0, y1, y2);
    BigInteger neg = g.order().subtract(ch);
    BigInteger minusOne = BigInteger.ONE.negate();
    // z_s·P = Y0 + ch·H;  z_x·G + z_s·D = Y1 + ch·C;  z_x·G + z_r·H = Y2 + ch·C'.
    return g.sum(new ECPoint[] {p, ped.h(), y0}, new BigInteger[] {zs, neg, minusOne}).isInfinity()
        && g.sum(new ECPoint[] {g.generator(), d, c, y1}, new BigInteger[] {zx, zs, neg, minusOne})
            .isInfinity()
        && g.sum(
                new ECPoint[] {g.generator(), ped.h(), commitment, y2},
                new BigInteger[] {zx, zr, neg, minusOne})
            .isInfinity();
  }

  public byte[] encode(EcGroup g) {
    return new Encoder()
        .raw(g.encode(y0))
        .raw(g.encode(y1))
        .raw(g.encode(y2))
        .raw(g.encodeScalar(zs))
        .raw(g.encodeScalar(zx))
        .raw(g.encodeScalar(zr))
        .toByteArray();
  }

  public static EqualityProof decode(EcGroup g, byte[] b, String what) throws DecodeException {
    Decoder d = new Decoder(b);
    EqualityProof p =
        new EqualityProof(
            g.decode(d.raw(33, what), what),
            g.decode(d.raw(33, what), what),
            g.decode(d.raw(33, what), what),
            g.decodeScalar(d.raw(32, what), what),
            g.decodeScalar(d.raw(32, what), what),
            g.decodeScalar(d.raw(32, what), what));
    d.finish(what);
    return p;
  }
}
