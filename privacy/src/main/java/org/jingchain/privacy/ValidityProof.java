package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;

/**
 * A proof that a Pedersen commitment {@code C = a·G + r·H} and decryption handles {@code D_k =
 * r·P_k} for several public keys share one opening ([PRIV-24]): knowledge of (a, r) with every
 * relation, so each key's holder decrypts the same amount — the sender's, the receiver's and the
 * auditor's handles of a confidential transfer. A handle changed after the fact (a tampered auditor
 * field) fails it. Encoded as the k + 1 commitments then the two responses.
 */
public record ValidityProof(ECPoint y0, List<ECPoint> ys, BigInteger za, BigInteger zr) {
  private static final String DOMAIN = "jing-ct-validity";

  public ValidityProof {
    ys = List.copyOf(ys);
  }

  public static ValidityProof prove(
      Pedersen ped,
      byte[] context,
      ECPoint c,
      List<ECPoint> keys,
      List<ECPoint> handles,
      BigInteger a,
      BigInteger r,
      SecureRandom random) {
    EcGroup g = ped.group();
    BigInteger ya = g.randomScalar(random);
    BigInteger yr = g.randomScalar(random);
    ECPoint y0 = ped.commit(ya, yr);
    List<ECPoint> ys = new ArrayList<>();
    for (ECPoint p : keys) {
      ys.add(g.mul(p, yr));
    }
    BigInteger ch = challenge(g, context, c, keys, handles, y0, ys);
    return new ValidityProof(
        y0, ys, ya.add(ch.multiply(a)).mod(g.order()), yr.add(ch.multiply(r)).mod(g.order()));
  }

  private static BigInteger challenge(
      EcGroup g,
      byte[] context,
      ECPoint c,
      List<ECPoint> keys,
      List<ECPoint> handles,
      ECPoint y0,
      List<ECPoint> ys) {
    Transcript t = new Transcript(g, DOMAIN, context).append(c);
    for (int i = 0; i < keys.size(); i++) {
      t.append(keys.get(i)).append(handles.get(i));
    }
    t.append(y0);
    ys.forEach(t::append);
    return t.challenge();
  }

  public boolean verify(
      Pedersen ped, byte[] context, ECPoint c, List<ECPoint> keys, List<ECPoint> handles) {
    EcGroup g = ped.group();
    if (keys.size() != handles.size() || ys.size() != keys.size()) {
      return false;
    }
    BigInteger ch = challenge(g, context, c, keys, handles, y0, ys);
    BigInteger neg = g.order().subtract(ch);
    // z_a·G + z_r·H = Y0 + ch·C, and z_r·P_k = Y_k + ch·D_k.
    if (!g.sum(
            new ECPoint[] {g.generator(), ped.h(), c, y0},
            new BigInteger[] {za, zr, neg, BigInteger.ONE.negate()})
        .isInfinity()) {
      return false;
    }
    for (int i = 0; i < keys.size(); i++) {
      if (!g.sum(
              new ECPoint[] {keys.get(i), handles.get(i), ys.get(i)},
              new BigInteger[] {zr, neg, BigInteger.ONE.negate()})
          .isInfinity()) {
        return false;
      }
    }
    return true;
  }

  public byte[] encode(EcGroup g) {
    Encoder e = new Encoder().raw(g.encode(y0)).u8(ys.size());
    ys.forEach(p -> e.raw(g.encode(p)));
    return e.raw(g.encodeScalar(za)).raw(g.encodeScalar(zr)).toByteArray();
  }

  public static ValidityProof decode(EcGroup g, byte[] b, String what) throws DecodeException {
    Decoder d = new Decoder(b);
    ECPoint y0 = g.decode(d.raw(33, what), what);
    int n = d.u8(what + " handles");
    if (n < 1 || n > 4) {
      throw new DecodeException(what + " has " + n + " handles, not 1 to 4");
    }
    List<ECPoint> ys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ys.add(g.decode(d.raw(33, what), what));
    }
    ValidityProof p =
        new ValidityProof(
            y0, ys, g.decodeScalar(d.raw(32, what), what), g.decodeScalar(d.raw(32, what), what));
    d.finish(what);
    return p;
  }
}
