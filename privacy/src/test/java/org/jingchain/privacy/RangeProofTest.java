package org.jingchain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bulletproofs range proofs ([PRIV-22]) in both suites with fixed seeds: every shape proves and
 * verifies for values at the edges of the range; a value just outside it, a negative one, a changed
 * commitment, context or any field of the proof does not verify; a batch verifies only when every
 * proof in it does.
 */
class RangeProofTest {
  static Pedersen ped(SuiteId s) {
    return Pedersen.of(EcGroup.of(s, CryptoSuites.of(s)));
  }

  static Stream<Object[]> shapes() {
    List<Object[]> out = new ArrayList<>();
    for (SuiteId s : SuiteId.values()) {
      for (int bits : new int[] {8, 16, 32, 64}) {
        for (int m : new int[] {1, 2, 4}) {
          out.add(new Object[] {s, bits, m});
        }
      }
    }
    return out.stream();
  }

  static long top(int bits) {
    return bits == 64 ? Long.MAX_VALUE : (1L << bits) - 1;
  }

  record Made(List<ECPoint> commitments, RangeProof proof) {}

  static Made make(
      Pedersen ped, byte[] ctx, long[] values, int bits, SecureRandom r, boolean check) {
    EcGroup g = ped.group();
    BigInteger[] blind = new BigInteger[values.length];
    List<ECPoint> vs = new ArrayList<>();
    for (int j = 0; j < values.length; j++) {
      blind[j] = g.randomScalar(r);
      vs.add(ped.commit(BigInteger.valueOf(values[j]), blind[j]));
    }
    RangeProof p =
        check
            ? RangeProof.prove(ped, ctx, values, blind, bits, r)
            : RangeProof.proveAnyway(ped, ctx, values, blind, bits, r);
    return new Made(vs, p);
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyShapeProvesAndVerifiesAtTheEdges(SuiteId s, int bits, int m) throws Exception {
    Pedersen ped = ped(s);
    SecureRandom r = Seeded.random(bits * 10L + m);
    long[] values = new long[m];
    for (int j = 0; j < m; j++) {
      values[j] = j % 2 == 0 ? top(bits) : j == 1 ? 0 : r.nextLong(top(bits));
    }
    byte[] ctx = {1, 2};
    Made made = make(ped, ctx, values, bits, r, true);
    assertThat(made.proof().verify(ped, ctx, made.commitments(), bits)).isTrue();
    byte[] enc = made.proof().encode(ped.group());
    assertThat(enc).hasSize(RangeProof.size(bits * m));
    RangeProof back = RangeProof.decode(ped.group(), enc, "proof");
    assertThat(back.verify(ped, ctx, made.commitments(), bits)).isTrue();
    assertThat(made.proof().verify(ped, new byte[] {1, 3}, made.commitments(), bits)).isFalse();
    if (bits < 64) {
      assertThat(made.proof().verify(ped, ctx, made.commitments(), bits * 2 > 64 ? 8 : bits * 2))
          .isFalse();
    }
  }

  /** Values outside the range do not verify, even with a proof made as for one inside. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void valuesOutsideTheRangeDoNotVerify(SuiteId s) {
    Pedersen ped = ped(s);
    SecureRandom r = Seeded.random(3);
    byte[] ctx = {7};
    for (long bad : new long[] {1L << 32, (1L << 32) + 5, -1, -5}) {
      Made made = make(ped, ctx, new long[] {bad, 3}, 32, r, false);
      assertThat(made.proof().verify(ped, ctx, made.commitments(), 32)).as("%d", bad).isFalse();
    }
    assertThatThrownBy(() -> make(ped, ctx, new long[] {1L << 32}, 32, r, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Any field changed, or a commitment swapped, and the proof fails. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void tamperingFails(SuiteId s) throws DecodeException {
    Pedersen ped = ped(s);
    EcGroup g = ped.group();
    SecureRandom r = Seeded.random(5);
    byte[] ctx = {9};
    Made made = make(ped, ctx, new long[] {1000, 2000}, 32, r, true);
    RangeProof p = made.proof();
    ECPoint gen = g.generator();
    BigInteger one = BigInteger.ONE;
    List<RangeProof> tampered =
        List.of(
            new RangeProof(
                g.add(p.a(), gen),
                p.s(),
                p.t1(),
                p.t2(),
                p.tauX(),
                p.mu(),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                g.add(p.s(), gen),
                p.t1(),
                p.t2(),
                p.tauX(),
                p.mu(),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                g.add(p.t1(), gen),
                p.t2(),
                p.tauX(),
                p.mu(),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                p.t1(),
                g.add(p.t2(), gen),
                p.tauX(),
                p.mu(),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                p.t1(),
                p.t2(),
                p.tauX().add(one),
                p.mu(),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                p.t1(),
                p.t2(),
                p.tauX(),
                p.mu().add(one),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                p.t1(),
                p.t2(),
                p.tauX(),
                p.mu(),
                p.tHat().add(one),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                p.t1(),
                p.t2(),
                p.tauX(),
                p.mu(),
                p.tHat(),
                p.rs(),
                p.ls(),
                p.aFinal(),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                p.t1(),
                p.t2(),
                p.tauX(),
                p.mu(),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal().add(one),
                p.bFinal()),
            new RangeProof(
                p.a(),
                p.s(),
                p.t1(),
                p.t2(),
                p.tauX(),
                p.mu(),
                p.tHat(),
                p.ls(),
                p.rs(),
                p.aFinal(),
                p.bFinal().add(one)));
    for (int i = 0; i < tampered.size(); i++) {
      assertThat(tampered.get(i).verify(ped, ctx, made.commitments(), 32))
          .as("field %d", i)
          .isFalse();
    }
    List<ECPoint> swapped = List.of(made.commitments().get(1), made.commitments().get(0));
    assertThat(p.verify(ped, ctx, swapped, 32)).isFalse();
    List<ECPoint> shifted =
        List.of(g.add(made.commitments().get(0), gen), made.commitments().get(1));
    assertThat(p.verify(ped, ctx, shifted, 32)).isFalse();
    assertThat(p.verify(ped, ctx, made.commitments().subList(0, 1), 32)).isFalse();
  }

  /** A batch holds only when every proof in it does. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void batchesHoldOnlyWhenEveryProofDoes(SuiteId s) {
    Pedersen ped = ped(s);
    SecureRandom r = Seeded.random(11);
    List<RangeProof.Claim> claims = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] ctx = {(byte) i};
      int bits = i % 2 == 0 ? 32 : 16;
      long[] values = i % 3 == 0 ? new long[] {i, 2L * i} : new long[] {i};
      Made made = make(ped, ctx, values, bits, r, true);
      claims.add(new RangeProof.Claim(ctx, made.commitments(), bits, made.proof()));
    }
    assertThat(RangeProof.verifyBatch(ped, claims)).isTrue();
    Made bad = make(ped, new byte[] {9}, new long[] {1L << 40}, 32, r, false);
    List<RangeProof.Claim> withBad = new ArrayList<>(claims);
    withBad.add(3, new RangeProof.Claim(new byte[] {9}, bad.commitments(), 32, bad.proof()));
    assertThat(RangeProof.verifyBatch(ped, withBad)).isFalse();
  }

  /**
   * The verifier written a second way, as the paper states it — P computed, the generators folded
   * round by round, two equations checked apart — against the one-MSM verifier: they agree on every
   * valid proof and on every tampered one. No published vectors exist for these curves.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theSingleMultiplicationVerifierAgreesWithTheTextbookOne(SuiteId s) {
    Pedersen ped = ped(s);
    EcGroup g = ped.group();
    SecureRandom r = Seeded.random(23);
    for (int i = 0; i < 6; i++) {
      int bits = i % 2 == 0 ? 16 : 8;
      long[] values = i < 3 ? new long[] {i * 7L, 255} : new long[] {i * 1000L % 256};
      byte[] ctx = {(byte) i};
      Made made = make(ped, ctx, values, bits, r, i != 5);
      RangeProof p = made.proof();
      assertThat(textbook(ped, ctx, made.commitments(), bits, p))
          .isEqualTo(p.verify(ped, ctx, made.commitments(), bits))
          .isTrue();
      RangeProof bad =
          new RangeProof(
              p.a(),
              p.s(),
              p.t1(),
              p.t2(),
              p.tauX(),
              p.mu(),
              p.tHat(),
              p.ls(),
              p.rs(),
              p.aFinal().add(BigInteger.ONE),
              p.bFinal());
      assertThat(textbook(ped, ctx, made.commitments(), bits, bad)).isFalse();
      assertThat(bad.verify(ped, ctx, made.commitments(), bits)).isFalse();
    }
    Made outside = make(ped, new byte[] {1}, new long[] {300}, 8, r, false);
    assertThat(textbook(ped, new byte[] {1}, outside.commitments(), 8, outside.proof())).isFalse();
    assertThat(outside.proof().verify(ped, new byte[] {1}, outside.commitments(), 8)).isFalse();
  }

  static boolean textbook(Pedersen ped, byte[] ctx, List<ECPoint> vs, int bits, RangeProof p) {
    EcGroup g = ped.group();
    BigInteger q = g.order();
    int m = vs.size();
    int nn = bits * m;
    Transcript t = new Transcript(g, "jing-bulletproof", ctx);
    t.append(new org.jingchain.codec.Encoder().u32(bits).u32(m).toByteArray());
    vs.forEach(t::append);
    t.append(p.a()).append(p.s());
    BigInteger y = t.challenge();
    BigInteger z = t.challenge();
    t.append(p.t1()).append(p.t2());
    BigInteger x = t.challenge();
    t.append(p.tauX()).append(p.mu()).append(p.tHat());
    BigInteger w = t.challenge();
    // (1) t̂·G + τx·H = Σ z^(2+j)·V_j + δ·G + x·T1 + x²·T2
    BigInteger sumY = BigInteger.ZERO;
    for (int i = 0; i < nn; i++) {
      sumY = sumY.add(y.modPow(BigInteger.valueOf(i), q));
    }
    BigInteger delta = z.subtract(z.pow(2)).multiply(sumY);
    for (int j = 0; j < m; j++) {
      delta =
          delta.subtract(
              z.pow(3 + j).multiply(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)));
    }
    ECPoint left = ped.commit(p.tHat(), p.tauX());
    ECPoint right = g.add(g.base(delta), g.add(g.mul(p.t1(), x), g.mul(p.t2(), x.multiply(x))));
    for (int j = 0; j < m; j++) {
      right = g.add(right, g.mul(vs.get(j), z.pow(2 + j)));
    }
    if (!left.equals(right)) {
      return false;
    }
    // (2) P = A + x·S − z·Σg_i + Σ (z·y^i + z^(2+j)·2^k)·h'_i − μ·H, then the rounds folded.
    BigInteger yInv = y.modInverse(q);
    ECPoint[] gs = new ECPoint[nn];
    ECPoint[] hs = new ECPoint[nn];
    ECPoint pp = g.sub(g.add(p.a(), g.mul(p.s(), x)), g.mul(ped.h(), p.mu()));
    for (int i = 0; i < nn; i++) {
      gs[i] = ped.gi(i);
      hs[i] = g.mul(ped.hi(i), yInv.modPow(BigInteger.valueOf(i), q));
      BigInteger hc =
          z.multiply(y.modPow(BigInteger.valueOf(i), q))
              .add(z.pow(2 + i / bits).multiply(BigInteger.ONE.shiftLeft(i % bits)));
      pp = g.add(pp, g.add(g.mul(gs[i], z.negate()), g.mul(hs[i], hc)));
    }
    ECPoint uw = g.mul(ped.u(), w);
    pp = g.add(pp, g.mul(uw, p.tHat()));
    int len = nn;
    for (int j = 0; j < p.ls().size(); j++) {
      t.append(p.ls().get(j)).append(p.rs().get(j));
      BigInteger u = t.challenge();
      BigInteger ui = u.modInverse(q);
      pp =
          g.add(
              pp,
              g.add(g.mul(p.ls().get(j), u.multiply(u)), g.mul(p.rs().get(j), ui.multiply(ui))));
      int half = len / 2;
      ECPoint[] ng = new ECPoint[half];
      ECPoint[] nh = new ECPoint[half];
      for (int i = 0; i < half; i++) {
        ng[i] = g.add(g.mul(gs[i], ui), g.mul(gs[half + i], u));
        nh[i] = g.add(g.mul(hs[i], u), g.mul(hs[half + i], ui));
      }
      gs = ng;
      hs = nh;
      len = half;
    }
    if (len != 1) {
      return false;
    }
    ECPoint expect =
        g.add(
            g.add(g.mul(gs[0], p.aFinal()), g.mul(hs[0], p.bFinal())),
            g.mul(uw, p.aFinal().multiply(p.bFinal())));
    return pp.equals(expect);
  }
}
