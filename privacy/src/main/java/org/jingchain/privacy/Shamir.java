package org.jingchain.privacy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Polynomials over the scalar field, Feldman commitments to them, and Lagrange interpolation at
 * zero ([PRIV-6], [PRIV-13]). Members are numbered 1..n by their place in the committee.
 */
public final class Shamir {
  private Shamir() {}

  /** {@code f(x) = Σ coefficients[l]·x^l mod q}. */
  public static BigInteger evaluate(EcGroup g, List<BigInteger> coefficients, long x) {
    BigInteger bx = BigInteger.valueOf(x);
    BigInteger acc = BigInteger.ZERO;
    for (int l = coefficients.size() - 1; l >= 0; l--) {
      acc = acc.multiply(bx).add(coefficients.get(l)).mod(g.order());
    }
    return acc;
  }

  /** Feldman commitments {@code A_l = a_l·G}. */
  public static List<ECPoint> commit(EcGroup g, List<BigInteger> coefficients) {
    List<ECPoint> out = new ArrayList<>(coefficients.size());
    for (BigInteger a : coefficients) {
      out.add(g.base(a));
    }
    return out;
  }

  /** {@code Σ A_l·x^l}: what {@code f(x)·G} must be for a share of the committed polynomial. */
  public static ECPoint evaluateCommitted(EcGroup g, List<ECPoint> commitments, long x) {
    BigInteger bx = BigInteger.valueOf(x);
    ECPoint acc = g.identity();
    for (int l = commitments.size() - 1; l >= 0; l--) {
      acc = g.add(g.mul(acc, bx), commitments.get(l));
    }
    return acc;
  }

  /** True when {@code share} is {@code f(x)} of the polynomial the commitments commit to. */
  public static boolean verifyShare(
      EcGroup g, List<ECPoint> commitments, long x, BigInteger share) {
    return g.base(share).equals(evaluateCommitted(g, commitments, x));
  }

  /** The Lagrange coefficient at zero of member {@code i} among {@code members}. */
  public static BigInteger lagrangeAtZero(EcGroup g, List<Integer> members, int i) {
    BigInteger q = g.order();
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    for (int j : members) {
      if (j == i) {
        continue;
      }
      num = num.multiply(BigInteger.valueOf(j)).mod(q);
      den = den.multiply(BigInteger.valueOf(j - i)).mod(q);
    }
    return num.multiply(den.modInverse(q)).mod(q);
  }

  /** {@code Σ λ_i·D_i} over the given members' points: interpolates {@code f(0)·P}. */
  public static ECPoint combine(EcGroup g, List<Integer> members, List<ECPoint> points) {
    ECPoint acc = g.identity();
    for (int k = 0; k < members.size(); k++) {
      acc = g.add(acc, g.mul(points.get(k), lagrangeAtZero(g, members, members.get(k))));
    }
    return acc;
  }
}
