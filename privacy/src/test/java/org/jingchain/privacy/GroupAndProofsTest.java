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
 * The group arithmetic and the proofs the aggregate service relies on (docs/spec/privacy.md section
 * 2), in both suites, with fixed seeds: canonical encodings only ([PRIV-2]), proofs that verify
 * only for what they prove and only in their context ([PRIV-4], [PRIV-11]), Shamir sharing that any
 * t shares open and t − 1 do not ([PRIV-13]).
 */
class GroupAndProofsTest {
  static EcGroup group(SuiteId s) {
    return EcGroup.of(s, CryptoSuites.of(s));
  }

  static Stream<Object[]> suitesAndSeeds() {
    List<Object[]> out = new ArrayList<>();
    for (SuiteId s : SuiteId.values()) {
      for (long seed = 1; seed <= 5; seed++) {
        out.add(new Object[] {s, seed});
      }
    }
    return out.stream();
  }

  /** [PRIV-1] the groups are the named curves, of prime order and cofactor 1. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theGroupIsTheSuitesCurve(SuiteId s) {
    EcGroup g = group(s);
    assertThat(g.order().isProbablePrime(64)).isTrue();
    assertThat(g.mul(g.generator(), g.order()).isInfinity()).isTrue();
    assertThat(g.curveName()).isEqualTo(s == SuiteId.INTL ? "P-256" : "SM2");
  }

  /** [PRIV-2] points and scalars decode only from their one canonical encoding. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void onlyCanonicalEncodingsDecode(SuiteId s) throws Exception {
    EcGroup g = group(s);
    ECPoint p = g.base(BigInteger.valueOf(12345));
    byte[] enc = g.encode(p);
    assertThat(g.decode(enc, "p")).isEqualTo(p);
    byte[] uncompressed = p.getEncoded(false);
    assertThatThrownBy(() -> g.decode(uncompressed, "p")).isInstanceOf(DecodeException.class);
    byte[] badPrefix = enc.clone();
    badPrefix[0] = 4;
    assertThatThrownBy(() -> g.decode(badPrefix, "p")).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> g.decode(new byte[33], "p"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("identity");
    assertThat(g.decodeOrIdentity(new byte[33], "p").isInfinity()).isTrue();
    // An x with no point: about half of all x; find one deterministically.
    byte[] off = enc.clone();
    int found = 0;
    for (int i = 0; i < 64 && found == 0; i++) {
      off[32] = (byte) i;
      try {
        g.decode(off, "p");
      } catch (DecodeException e) {
        found++;
      }
    }
    assertThat(found).isEqualTo(1);
    byte[] beyond = new byte[33];
    beyond[0] = 2;
    java.util.Arrays.fill(beyond, 1, 33, (byte) 0xff);
    assertThatThrownBy(() -> g.decode(beyond, "p")).isInstanceOf(DecodeException.class);
    assertThat(g.decodeScalar(g.encodeScalar(g.order().subtract(BigInteger.ONE)), "k"))
        .isEqualTo(g.order().subtract(BigInteger.ONE));
    byte[] q = g.order().toByteArray();
    byte[] q32 = java.util.Arrays.copyOfRange(q, q.length - 32, q.length);
    assertThatThrownBy(() -> g.decodeScalar(q32, "k"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("order");
  }

  /** [PRIV-4] a DLEQ proof verifies for its statement and context only. */
  @ParameterizedTest
  @MethodSource("suitesAndSeeds")
  void dleqProvesEqualLogsInItsContextOnly(SuiteId s, long seed) {
    EcGroup g = group(s);
    SecureRandom r = Seeded.random(seed);
    BigInteger x = g.randomScalar(r);
    ECPoint q = g.base(g.randomScalar(r));
    byte[] ctx = {1, 2, 3};
    Dleq p = Dleq.prove(g, ctx, g.generator(), q, x, r);
    ECPoint a = g.base(x);
    ECPoint b = g.mul(q, x);
    assertThat(p.verify(g, ctx, g.generator(), q, a, b)).isTrue();
    assertThat(p.verify(g, new byte[] {1, 2, 4}, g.generator(), q, a, b)).isFalse();
    assertThat(p.verify(g, ctx, g.generator(), q, a, g.add(b, g.generator()))).isFalse();
    Dleq wrong = Dleq.prove(g, ctx, g.generator(), q, x.add(BigInteger.ONE), r);
    assertThat(wrong.verify(g, ctx, g.generator(), q, a, b)).isFalse();
    Dleq pok = Dleq.prove(g, ctx, g.generator(), null, x, r);
    assertThat(pok.verify(g, ctx, g.generator(), null, a, null)).isTrue();
    assertThat(pok.verify(g, ctx, g.generator(), null, b, null)).isFalse();
  }

  /**
   * [PRIV-11] a bit ciphertext's proof verifies for 0 and 1 under its key and context; a ciphertext
   * of 2, or one moved to another context or key, does not.
   */
  @ParameterizedTest
  @MethodSource("suitesAndSeeds")
  void bitProofsShowZeroOrOne(SuiteId s, long seed) throws Exception {
    EcGroup g = group(s);
    SecureRandom r = Seeded.random(seed);
    ECPoint y = g.base(g.randomScalar(r));
    byte[] ctx = {9};
    for (int bit = 0; bit <= 1; bit++) {
      BitCipher c = BitCipher.encrypt(g, y, bit, ctx, r);
      assertThat(c.verify(g, y, ctx)).isTrue();
      assertThat(c.verify(g, y, new byte[] {8})).isFalse();
      assertThat(c.verify(g, g.add(y, g.generator()), ctx)).isFalse();
      assertThat(BitCipher.decode(g, c.encode(g), "bit")).isEqualTo(c);
      // Shifting the plaintext by one keeps the proof's points but breaks the proof.
      BitCipher shifted =
          new BitCipher(c.c1(), g.add(c.c2(), g.generator()), c.e0(), c.e1(), c.z0(), c.z1());
      assertThat(shifted.verify(g, y, ctx)).isFalse();
    }
  }

  /** [PRIV-10] sums of ciphertexts decrypt to sums of values; [PRIV-15] the search finds them. */
  @ParameterizedTest
  @MethodSource("suitesAndSeeds")
  void ciphertextsAddAndTheTotalIsFound(SuiteId s, long seed) {
    EcGroup g = group(s);
    SecureRandom r = Seeded.random(seed);
    BigInteger x = g.randomScalar(r);
    ECPoint y = g.base(x);
    Ciphertext sum = Ciphertext.zero(g);
    long total = 0;
    for (int i = 0; i < 4; i++) {
      long v = r.nextInt(1 << 8);
      total += v;
      sum = sum.add(g, Ciphertext.ofBits(g, Ciphertext.encryptBits(g, y, v, 8, new byte[0], r)));
    }
    ECPoint m = sum.decryptToPoint(g, x);
    assertThat(DiscreteLog.solve(g, m, 4 * 255)).hasValue(total);
    assertThat(DiscreteLog.solve(g, g.add(m, g.generator()), total)).isEmpty();
  }

  /** [PRIV-13] any t shares interpolate the secret; t − 1 give something else. */
  @ParameterizedTest
  @MethodSource("suitesAndSeeds")
  void anyThresholdOfSharesOpensAndFewerDoNot(SuiteId s, long seed) {
    EcGroup g = group(s);
    SecureRandom r = Seeded.random(seed);
    int t = 3;
    List<BigInteger> a = new ArrayList<>();
    for (int l = 0; l < t; l++) {
      a.add(g.randomScalar(r));
    }
    List<ECPoint> commitments = Shamir.commit(g, a);
    ECPoint secretPoint = g.base(a.get(0));
    for (int j = 1; j <= 5; j++) {
      assertThat(Shamir.verifyShare(g, commitments, j, Shamir.evaluate(g, a, j))).isTrue();
      assertThat(
              Shamir.verifyShare(g, commitments, j, Shamir.evaluate(g, a, j).add(BigInteger.ONE)))
          .isFalse();
    }
    List<Integer> three = List.of(5, 2, 4);
    List<ECPoint> pts = new ArrayList<>();
    for (int j : three) {
      pts.add(g.base(Shamir.evaluate(g, a, j)));
    }
    assertThat(Shamir.combine(g, three, pts)).isEqualTo(secretPoint);
    assertThat(Shamir.combine(g, three.subList(0, 2), pts.subList(0, 2))).isNotEqualTo(secretPoint);
  }
}
