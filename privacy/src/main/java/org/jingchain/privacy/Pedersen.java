package org.jingchain.privacy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.types.SuiteId;

/**
 * The generators of Pedersen commitments and range proofs for a group ([PRIV-20]): {@code G} the
 * group's base point (values), {@code H} (blinding), {@code U} (the inner-product argument), and
 * the vectors {@code g_i}, {@code h_i} — all but G hashed to the curve, so nobody knows a discrete
 * log between any two. Built once per suite and shared.
 */
public final class Pedersen {
  /** The most vector generators a proof may use: 64 bits × 4 values. */
  public static final int MAX_VECTOR = 256;

  private static final Map<SuiteId, Pedersen> CACHE = new ConcurrentHashMap<>();

  private final EcGroup g;
  private final ECPoint h;
  private final ECPoint u;
  private final List<ECPoint> gs;
  private final List<ECPoint> hs;

  private Pedersen(EcGroup g) {
    this.g = g;
    this.h = g.hashToPoint("pedersen/H");
    this.u = g.hashToPoint("bulletproofs/U");
    List<ECPoint> a = new ArrayList<>(MAX_VECTOR);
    List<ECPoint> b = new ArrayList<>(MAX_VECTOR);
    for (int i = 0; i < MAX_VECTOR; i++) {
      a.add(g.hashToPoint("bulletproofs/G/" + i));
      b.add(g.hashToPoint("bulletproofs/H/" + i));
    }
    this.gs = List.copyOf(a);
    this.hs = List.copyOf(b);
  }

  public static Pedersen of(EcGroup g) {
    return CACHE.computeIfAbsent(g.suite(), s -> new Pedersen(g));
  }

  public EcGroup group() {
    return g;
  }

  /** The blinding base. */
  public ECPoint h() {
    return h;
  }

  ECPoint u() {
    return u;
  }

  ECPoint gi(int i) {
    return gs.get(i);
  }

  ECPoint hi(int i) {
    return hs.get(i);
  }

  /** {@code v·G + r·H}. */
  public ECPoint commit(BigInteger v, BigInteger r) {
    return g.mul2(g.generator(), v, h, r);
  }
}
