package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;

/**
 * An aggregated Bulletproofs range proof ([PRIV-22]; Bünz, Bootle, Boneh, Poelstra, Wuille and
 * Maxwell, IEEE S&amp;P 2018, sections 4.1–4.3): that each of m Pedersen commitments {@code V_j =
 * v_j·G + γ_j·H} opens to a value in [0, 2^n), in 2·log2(n·m) + 4 points and 5 scalars, without
 * revealing the values. The inner-product argument is checked as one multi-scalar multiplication,
 * and {@link #verifyBatch} checks many proofs in one, each weighted by a scalar hashed from all of
 * them. Challenges come from a {@link Transcript} that starts with the caller's context.
 */
public record RangeProof(
    ECPoint a,
    ECPoint s,
    ECPoint t1,
    ECPoint t2,
    BigInteger tauX,
    BigInteger mu,
    BigInteger tHat,
    List<ECPoint> ls,
    List<ECPoint> rs,
    BigInteger aFinal,
    BigInteger bFinal) {
  private static final String DOMAIN = "jing-bulletproof";

  public RangeProof {
    ls = List.copyOf(ls);
    rs = List.copyOf(rs);
  }

  /** True for the sizes a proof may have: n in {8, 16, 32, 64} bits, m in {1, 2, 4} values. */
  public static boolean validShape(int bits, int values) {
    return (bits == 8 || bits == 16 || bits == 32 || bits == 64)
        && (values == 1 || values == 2 || values == 4);
  }

  private static BigInteger[] powers(BigInteger base, int n, BigInteger q) {
    BigInteger[] p = new BigInteger[n];
    BigInteger acc = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      p[i] = acc;
      acc = acc.multiply(base).mod(q);
    }
    return p;
  }

  private static BigInteger inner(BigInteger[] a, BigInteger[] b, BigInteger q) {
    BigInteger acc = BigInteger.ZERO;
    for (int i = 0; i < a.length; i++) {
      acc = acc.add(a[i].multiply(b[i]));
    }
    return acc.mod(q);
  }

  /**
   * Proves that {@code values[j]} is in [0, 2^bits) for the commitments {@code values[j]·G +
   * blindings[j]·H}, bound to {@code context}.
   */
  public static RangeProof prove(
      Pedersen ped,
      byte[] context,
      long[] values,
      BigInteger[] blindings,
      int bits,
      SecureRandom random) {
    for (long v : values) {
      if (v < 0 || (bits < 64 && v >= 1L << bits)) {
        throw new IllegalArgumentException(v + " is not in [0, 2^" + bits + ")");
      }
    }
    return proveAnyway(ped, context, values, blindings, bits, random);
  }

  /**
   * As {@link #prove} without the range check: for tests that a proof of a value out of range does
   * not verify.
   */
  static RangeProof proveAnyway(
      Pedersen ped,
      byte[] context,
      long[] values,
      BigInteger[] blindings,
      int bits,
      SecureRandom random) {
    int m = values.length;
    if (!validShape(bits, m) || blindings.length != m) {
      throw new IllegalArgumentException(
          "a range proof is of 8/16/32/64 bits and 1, 2 or 4 values");
    }
    EcGroup g = ped.group();
    BigInteger q = g.order();
    int nn = bits * m;
    List<ECPoint> vs = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      vs.add(ped.commit(BigInteger.valueOf(values[j]), blindings[j]));
    }
    BigInteger[] aL = new BigInteger[nn];
    BigInteger[] aR = new BigInteger[nn];
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < bits; k++) {
        boolean bit = ((values[j] >>> k) & 1) == 1;
        aL[j * bits + k] = bit ? BigInteger.ONE : BigInteger.ZERO;
        aR[j * bits + k] = bit ? BigInteger.ZERO : q.subtract(BigInteger.ONE);
      }
    }
    BigInteger alpha = g.randomScalar(random);
    BigInteger rho = g.randomScalar(random);
    BigInteger[] sL = new BigInteger[nn];
    BigInteger[] sR = new BigInteger[nn];
    for (int i = 0; i < nn; i++) {
      sL[i] = g.randomScalar(random);
      sR[i] = g.randomScalar(random);
    }
    ECPoint a = vectorCommit(ped, alpha, aL, aR);
    ECPoint s = vectorCommit(ped, rho, sL, sR);
    Transcript t = transcript(g, context, bits, vs);
    t.append(a).append(s);
    BigInteger y = t.challenge();
    BigInteger z = t.challenge();
    BigInteger[] yn = powers(y, nn, q);
    BigInteger[] two = powers(BigInteger.TWO, bits, q);
    BigInteger[] zj = powers(z, m + 3, q);
    BigInteger[] l0 = new BigInteger[nn];
    BigInteger[] r0 = new BigInteger[nn];
    BigInteger[] r1 = new BigInteger[nn];
    for (int i = 0; i < nn; i++) {
      int j = i / bits;
      int k = i % bits;
      l0[i] = aL[i].subtract(z).mod(q);
      r0[i] = yn[i].multiply(aR[i].add(z)).add(zj[2 + j].multiply(two[k])).mod(q);
      r1[i] = yn[i].multiply(sR[i]).mod(q);
    }
    BigInteger t1 = inner(l0, r1, q).add(inner(sL, r0, q)).mod(q);
    BigInteger t2 = inner(sL, r1, q);
    BigInteger tau1 = g.randomScalar(random);
    BigInteger tau2 = g.randomScalar(random);
    ECPoint bigT1 = ped.commit(t1, tau1);
    ECPoint bigT2 = ped.commit(t2, tau2);
    t.append(bigT1).append(bigT2);
    BigInteger x = t.challenge();
    BigInteger tauX = tau2.multiply(x).multiply(x).add(tau1.multiply(x));
    for (int j = 0; j < m; j++) {
      tauX = tauX.add(zj[2 + j].multiply(blindings[j]));
    }
    tauX = tauX.mod(q);
    BigInteger mu = alpha.add(rho.multiply(x)).mod(q);
    BigInteger[] l = new BigInteger[nn];
    BigInteger[] r = new BigInteger[nn];
    for (int i = 0; i < nn; i++) {
      l[i] = l0[i].add(sL[i].multiply(x)).mod(q);
      r[i] = r0[i].add(r1[i].multiply(x)).mod(q);
    }
    BigInteger tHat = inner(l, r, q);
    t.append(tauX).append(mu).append(tHat);
    BigInteger w = t.challenge();
    ECPoint uw = g.mul(ped.u(), w);
    // The inner-product argument over g_i and h'_i = y^-i·h_i.
    BigInteger yInv = y.modInverse(q);
    BigInteger[] yInvN = powers(yInv, nn, q);
    ECPoint[] gs = new ECPoint[nn];
    ECPoint[] hs = new ECPoint[nn];
    for (int i = 0; i < nn; i++) {
      gs[i] = ped.gi(i);
      hs[i] = g.mul(ped.hi(i), yInvN[i]);
    }
    List<ECPoint> ls = new ArrayList<>();
    List<ECPoint> rs = new ArrayList<>();
    BigInteger[] va = l;
    BigInteger[] vb = r;
    int len = nn;
    while (len > 1) {
      int half = len / 2;
      BigInteger cl = BigInteger.ZERO;
      BigInteger cr = BigInteger.ZERO;
      for (int i = 0; i < half; i++) {
        cl = cl.add(va[i].multiply(vb[half + i]));
        cr = cr.add(va[half + i].multiply(vb[i]));
      }
      cl = cl.mod(q);
      cr = cr.mod(q);
      ECPoint[] lp = new ECPoint[2 * half + 1];
      BigInteger[] lk = new BigInteger[2 * half + 1];
      ECPoint[] rp = new ECPoint[2 * half + 1];
      BigInteger[] rk = new BigInteger[2 * half + 1];
      for (int i = 0; i < half; i++) {
        lp[i] = gs[half + i];
        lk[i] = va[i];
        lp[half + i] = hs[i];
        lk[half + i] = vb[half + i];
        rp[i] = gs[i];
        rk[i] = va[half + i];
        rp[half + i] = hs[half + i];
        rk[half + i] = vb[i];
      }
      lp[2 * half] = uw;
      lk[2 * half] = cl;
      rp[2 * half] = uw;
      rk[2 * half] = cr;
      ECPoint bigL = g.sum(lp, lk);
      ECPoint bigR = g.sum(rp, rk);
      ls.add(bigL);
      rs.add(bigR);
      t.append(bigL).append(bigR);
      BigInteger u = t.challenge();
      BigInteger uInv = u.modInverse(q);
      BigInteger[] na = new BigInteger[half];
      BigInteger[] nb = new BigInteger[half];
      ECPoint[] ng = new ECPoint[half];
      ECPoint[] nh = new ECPoint[half];
      for (int i = 0; i < half; i++) {
        na[i] = va[i].multiply(u).add(va[half + i].multiply(uInv)).mod(q);
        nb[i] = vb[i].multiply(uInv).add(vb[half + i].multiply(u)).mod(q);
        ng[i] = g.mul2(gs[i], uInv, gs[half + i], u);
        nh[i] = g.mul2(hs[i], u, hs[half + i], uInv);
      }
      va = na;
      vb = nb;
      gs = ng;
      hs = nh;
      len = half;
    }
    return new RangeProof(a, s, bigT1, bigT2, tauX, mu, tHat, ls, rs, va[0], vb[0]);
  }

  private static ECPoint vectorCommit(
      Pedersen ped, BigInteger blind, BigInteger[] left, BigInteger[] right) {
    int n = left.length;
    ECPoint[] ps = new ECPoint[2 * n + 1];
    BigInteger[] ks = new BigInteger[2 * n + 1];
    for (int i = 0; i < n; i++) {
      ps[i] = ped.gi(i);
      ks[i] = left[i];
      ps[n + i] = ped.hi(i);
      ks[n + i] = right[i];
    }
    ps[2 * n] = ped.h();
    ks[2 * n] = blind;
    return ped.group().sum(ps, ks);
  }

  private static Transcript transcript(EcGroup g, byte[] context, int bits, List<ECPoint> vs) {
    Transcript t = new Transcript(g, DOMAIN, context);
    t.append(new Encoder().u32(bits).u32(vs.size()).toByteArray());
    for (ECPoint v : vs) {
      t.append(v);
    }
    return t;
  }

  /** True when this proves each commitment in {@code vs} opens to a value in [0, 2^bits). */
  public boolean verify(Pedersen ped, byte[] context, List<ECPoint> vs, int bits) {
    return verifyBatch(ped, List.of(new Claim(context, vs, bits, this)));
  }

  /** One proof with what it is about: its context, commitments and bit length. */
  public record Claim(byte[] context, List<ECPoint> commitments, int bits, RangeProof proof) {}

  /**
   * Checks every claim in one multi-scalar multiplication ([PRIV-22]): each proof's two equations
   * are combined with weights derived by hashing all the proofs, so a forger cannot pick proofs
   * whose errors cancel. True only when all hold.
   */
  public static boolean verifyBatch(Pedersen ped, List<Claim> claims) {
    if (claims.isEmpty()) {
      return false;
    }
    EcGroup g = ped.group();
    BigInteger q = g.order();
    int maxN = 0;
    for (Claim c : claims) {
      int m = c.commitments().size();
      if (!validShape(c.bits(), m)) {
        return false;
      }
      int nn = c.bits() * m;
      if (c.proof().ls().size() != Integer.numberOfTrailingZeros(nn)
          || c.proof().rs().size() != c.proof().ls().size()) {
        return false;
      }
      maxN = Math.max(maxN, nn);
    }
    // Weights: a hash of every proof, so none can be chosen after seeing them.
    Transcript weights = new Transcript(g, DOMAIN + "/batch", new byte[0]);
    for (Claim c : claims) {
      weights.append(c.context()).append(c.proof().encode(g));
      for (ECPoint v : c.commitments()) {
        weights.append(v);
      }
    }
    BigInteger[] gCoef = new BigInteger[maxN];
    BigInteger[] hCoef = new BigInteger[maxN];
    Arrays.fill(gCoef, BigInteger.ZERO);
    Arrays.fill(hCoef, BigInteger.ZERO);
    BigInteger baseG = BigInteger.ZERO;
    BigInteger baseH = BigInteger.ZERO;
    BigInteger baseU = BigInteger.ZERO;
    List<ECPoint> points = new ArrayList<>();
    List<BigInteger> scalars = new ArrayList<>();
    for (Claim c : claims) {
      RangeProof p = c.proof();
      int bits = c.bits();
      int m = c.commitments().size();
      int nn = bits * m;
      BigInteger weight = weights.challenge();
      BigInteger weight2 = weights.challenge();
      Transcript t = transcript(g, c.context(), bits, c.commitments());
      t.append(p.a()).append(p.s());
      BigInteger y = t.challenge();
      BigInteger z = t.challenge();
      t.append(p.t1()).append(p.t2());
      BigInteger x = t.challenge();
      t.append(p.tauX()).append(p.mu()).append(p.tHat());
      BigInteger w = t.challenge();
      int rounds = p.ls().size();
      BigInteger[] u = new BigInteger[rounds];
      for (int j = 0; j < rounds; j++) {
        t.append(p.ls().get(j)).append(p.rs().get(j));
        u[j] = t.challenge();
      }
      BigInteger[] yn = powers(y, nn, q);
      BigInteger[] yInvN = powers(y.modInverse(q), nn, q);
      BigInteger[] two = powers(BigInteger.TWO, bits, q);
      BigInteger[] zj = powers(z, m + 3, q);
      // s_i = Π_j u_j^(±1): +1 where bit (rounds-1-j) of i is set.
      BigInteger[] uInv = new BigInteger[rounds];
      BigInteger allInv = BigInteger.ONE;
      for (int j = 0; j < rounds; j++) {
        uInv[j] = u[j].modInverse(q);
        allInv = allInv.multiply(uInv[j]).mod(q);
      }
      BigInteger[] sv = new BigInteger[nn];
      sv[0] = allInv;
      for (int i = 1; i < nn; i++) {
        int top = 31 - Integer.numberOfLeadingZeros(i); // highest set bit of i
        int j = rounds - 1 - top;
        sv[i] = sv[i - (1 << top)].multiply(u[j]).multiply(u[j]).mod(q);
      }
      // Equation 2 (inner product), weight `weight`.
      BigInteger ab = p.aFinal().multiply(p.bFinal()).mod(q);
      BigInteger sumY = BigInteger.ZERO;
      for (int i = 0; i < nn; i++) {
        int j = i / bits;
        int k = i % bits;
        BigInteger d = zj[2 + j].multiply(two[k]).mod(q);
        BigInteger sInv = sv[nn - 1 - i]; // s_i^-1 = s_(N-1-i)
        gCoef[i] = gCoef[i].add(weight.multiply(p.aFinal().multiply(sv[i]).add(z)));
        BigInteger hc =
            p.bFinal().multiply(sInv).multiply(yInvN[i]).subtract(z).subtract(d.multiply(yInvN[i]));
        hCoef[i] = hCoef[i].add(weight.multiply(hc));
        sumY = sumY.add(yn[i]);
      }
      baseU = baseU.add(weight.multiply(w).multiply(ab.subtract(p.tHat())));
      baseH = baseH.add(weight.multiply(p.mu()));
      points.add(p.a());
      scalars.add(weight.negate());
      points.add(p.s());
      scalars.add(weight.multiply(x).negate());
      for (int j = 0; j < rounds; j++) {
        points.add(p.ls().get(j));
        scalars.add(weight.multiply(u[j]).multiply(u[j]).negate());
        points.add(p.rs().get(j));
        scalars.add(weight.multiply(uInv[j]).multiply(uInv[j]).negate());
      }
      // Equation 1: t̂·G + τx·H − Σ z^(2+j)·V_j − δ·G − x·T1 − x²·T2 = O, weight `weight2`.
      BigInteger z2 = zj[2];
      BigInteger delta = z.subtract(z2).multiply(sumY);
      BigInteger twoN = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
      for (int j = 0; j < m; j++) {
        delta = delta.subtract(zj[3 + j].multiply(twoN));
      }
      baseG = baseG.add(weight2.multiply(p.tHat().subtract(delta)));
      baseH = baseH.add(weight2.multiply(p.tauX()));
      for (int j = 0; j < m; j++) {
        points.add(c.commitments().get(j));
        scalars.add(weight2.multiply(zj[2 + j]).negate());
      }
      points.add(p.t1());
      scalars.add(weight2.multiply(x).negate());
      points.add(p.t2());
      scalars.add(weight2.multiply(x).multiply(x).negate());
    }
    for (int i = 0; i < maxN; i++) {
      points.add(ped.gi(i));
      scalars.add(gCoef[i]);
      points.add(ped.hi(i));
      scalars.add(hCoef[i]);
    }
    points.add(g.generator());
    scalars.add(baseG);
    points.add(ped.h());
    scalars.add(baseH);
    points.add(ped.u());
    scalars.add(baseU);
    return g.sum(points.toArray(new ECPoint[0]), scalars.toArray(new BigInteger[0])).isInfinity();
  }

  public byte[] encode(EcGroup g) {
    Encoder e =
        new Encoder()
            .raw(g.encode(a))
            .raw(g.encode(s))
            .raw(g.encode(t1))
            .raw(g.encode(t2))
            .raw(g.encodeScalar(tauX))
            .raw(g.encodeScalar(mu))
            .raw(g.encodeScalar(tHat))
            .u8(ls.size());
    for (int i = 0; i < ls.size(); i++) {
      e.raw(g.encode(ls.get(i))).raw(g.encode(rs.get(i)));
    }
    return e.raw(g.encodeScalar(aFinal)).raw(g.encodeScalar(bFinal)).toByteArray();
  }

  /** The encoded size of a proof over {@code nn = bits·values} generators. */
  public static int size(int nn) {
    return 4 * EcGroup.POINT_BYTES
        + 3 * EcGroup.SCALAR_BYTES
        + 1
        + 2 * EcGroup.POINT_BYTES * Integer.numberOfTrailingZeros(nn)
        + 2 * EcGroup.SCALAR_BYTES;
  }

  public static RangeProof decode(EcGroup g, byte[] b, String what) throws DecodeException {
    Decoder d = new Decoder(b);
    ECPoint a = g.decode(d.raw(33, what), what + " A");
    ECPoint s = g.decode(d.raw(33, what), what + " S");
    ECPoint t1 = g.decode(d.raw(33, what), what + " T1");
    ECPoint t2 = g.decode(d.raw(33, what), what + " T2");
    BigInteger tauX = g.decodeScalar(d.raw(32, what), what + " tau_x");
    BigInteger mu = g.decodeScalar(d.raw(32, what), what + " mu");
    BigInteger tHat = g.decodeScalar(d.raw(32, what), what + " t");
    int rounds = d.u8(what + " rounds");
    if (rounds < 3 || rounds > 8) {
      throw new DecodeException(what + " has " + rounds + " rounds, not 3 to 8");
    }
    List<ECPoint> ls = new ArrayList<>();
    List<ECPoint> rs = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      ls.add(g.decode(d.raw(33, what), what + " L"));
      rs.add(g.decode(d.raw(33, what), what + " R"));
    }
    BigInteger af = g.decodeScalar(d.raw(32, what), what + " a");
    BigInteger bf = g.decodeScalar(d.raw(32, what), what + " b");
    d.finish(what);
    return new RangeProof(a, s, t1, t2, tauX, mu, tHat, ls, rs, af, bf);
  }
}
