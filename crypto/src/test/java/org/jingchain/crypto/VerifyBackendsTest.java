package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The libsodium backend agrees with BouncyCastle on every input: valid signatures, random
 * corruptions of key, message and signature, malleated S (S + L), small-order and non-canonical
 * keys and R. Needs libsodium23 (.ci/run installs it); without it the test is skipped, loudly.
 */
class VerifyBackendsTest {
  static final CryptoSuite BC = CryptoSuites.intl();
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
  static LibsodiumEd25519 sodium;
  static CryptoSuite fast;

  @BeforeAll
  static void load() {
    try {
      sodium = LibsodiumEd25519.load();
    } catch (IllegalStateException e) {
      if (System.getenv("JING_REQUIRE_LIBSODIUM") != null) {
        throw new AssertionError("JING_REQUIRE_LIBSODIUM is set, but " + e.getMessage(), e);
      }
      String msg = "\n*** LIBSODIUM TESTS SKIPPED: " + e.getMessage() + " ***\n";
      System.err.println(msg);
      Assumptions.abort(msg);
    }
    VerifyBackends.Selection s = VerifyBackends.select(BC, VerifyBackends.LIBSODIUM);
    assertThat(s.message()).startsWith("signature verification: libsodium 1.");
    assertThat(s.fellBack()).isFalse();
    fast = s.suite();
  }

  /** One input: key bytes, message, signature. */
  record Case(String what, byte[] key, byte[] message, byte[] signature) {}

  /**
   * The backend answers as BouncyCastle; for a key BouncyCastle validates, libsodium is no looser.
   */
  private static void agree(Case c) {
    PublicKey k = new PublicKey(SuiteId.INTL, Bytes.wrap(c.key()));
    boolean bc = BC.verify(k, c.message(), c.signature());
    boolean raw = sodium.verify(c.key(), c.message(), c.signature());
    assertThat(fast.verify(k, c.message(), c.signature())).as(c.what()).isEqualTo(bc);
    if (raw && BC.isValidPublicKey(k)) {
      // the invariant the backend relies on: for a key BouncyCastle validates, libsodium is no
      // looser
      assertThat(bc).as("libsodium accepted what BouncyCastle refuses: " + c.what()).isTrue();
    }
  }

  private static List<Case> valid(long seed, int n) {
    SecureRandom r = TestRandom.seeded(seed);
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KeyPair k = BC.generateKeyPair(r);
      byte[] msg = new byte[r.nextInt(300)];
      r.nextBytes(msg);
      out.add(new Case("valid " + i, k.publicKey().bytes().toByteArray(), msg, k.sign(msg)));
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void validSignaturesAndEveryOneBitCorruptionGetTheSameAnswer(long seed) {
    SecureRandom r = TestRandom.seeded(seed * 7919);
    for (Case c : valid(seed, 60)) {
      assertThat(sodium.verify(c.key(), c.message(), c.signature())).as(c.what()).isTrue();
      agree(c);
      for (int part = 0; part < 3; part++) {
        byte[] key = c.key().clone();
        byte[] msg = c.message().length == 0 ? new byte[] {1} : c.message().clone();
        byte[] sig = c.signature().clone();
        byte[] target = part == 0 ? key : part == 1 ? msg : sig;
        int bit = r.nextInt(target.length * 8);
        target[bit / 8] ^= (byte) (1 << (bit % 8));
        agree(new Case(c.what() + ", bit " + bit + " of part " + part, key, msg, sig));
      }
    }
  }

  @Test
  void aMalleatedSignatureWithSPlusLIsRefusedByBoth() {
    for (Case c : valid(11, 20)) {
      byte[] sig = c.signature().clone();
      byte[] sLe = java.util.Arrays.copyOfRange(sig, 32, 64);
      BigInteger s = new BigInteger(1, reverse(sLe)).add(L);
      byte[] sPlusL = reverse(toFixed(s, 32));
      System.arraycopy(sPlusL, 0, sig, 32, 32);
      Case m = new Case("S + L of " + c.what(), c.key(), c.message(), sig);
      agree(m);
      assertThat(BC.verify(new PublicKey(SuiteId.INTL, Bytes.wrap(m.key())), m.message(), sig))
          .isFalse();
    }
  }

  /** The eight small-order points, and non-canonical encodings (y at or above p). */
  static final List<String> ODD_POINTS =
      List.of(
          "0100000000000000000000000000000000000000000000000000000000000000",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "0000000000000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000080",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
          "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

  @Test
  void smallOrderAndNonCanonicalKeysAndRGetBouncyCastlesAnswer() {
    HexFormat hex = HexFormat.of();
    byte[] msg = "jing".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Case real = valid(5, 1).getFirst();
    for (String a : ODD_POINTS) {
      for (String rPoint : ODD_POINTS) {
        // S = 0: [0]B = R + [k]A holds whenever R and [k]A are both the identity
        byte[] sig = new byte[64];
        System.arraycopy(hex.parseHex(rPoint), 0, sig, 0, 32);
        agree(new Case("A " + a + ", R " + rPoint + ", S 0", hex.parseHex(a), msg, sig));
      }
      // a real signature under an odd key, and a real key with an odd R
      agree(new Case("odd key " + a, hex.parseHex(a), real.message(), real.signature()));
      byte[] oddR = real.signature().clone();
      System.arraycopy(hex.parseHex(a), 0, oddR, 0, 32);
      agree(new Case("odd R " + a, real.key(), real.message(), oddR));
    }
  }

  // ---- Edwards25519 in BigInteger, to build keys no honest signer makes

  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

  record Pt(BigInteger x, BigInteger y) {}

  static Pt add(Pt a, Pt b) {
    BigInteger t = D.multiply(a.x()).multiply(b.x()).multiply(a.y()).multiply(b.y()).mod(P);
    BigInteger x =
        a.x()
            .multiply(b.y())
            .add(a.y().multiply(b.x()))
            .multiply(BigInteger.ONE.add(t).modInverse(P));
    BigInteger y =
        a.y()
            .multiply(b.y())
            .add(a.x().multiply(b.x()))
            .multiply(BigInteger.ONE.subtract(t).mod(P).modInverse(P));
    return new Pt(x.mod(P), y.mod(P));
  }

  static Pt mul(BigInteger k, Pt p) {
    Pt r = new Pt(BigInteger.ZERO, BigInteger.ONE);
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      r = add(r, r);
      if (k.testBit(i)) {
        r = add(r, p);
      }
    }
    return r;
  }

  static byte[] encode(Pt p) {
    byte[] le = reverse(toFixed(p.y(), 32));
    le[31] |= (byte) (p.x().testBit(0) ? 0x80 : 0);
    return le;
  }

  static Pt base() {
    BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
    BigInteger y2 = y.multiply(y);
    BigInteger x2 =
        y2.subtract(BigInteger.ONE)
            .multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P))
            .mod(P);
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).mod(P).equals(x2)) {
      x = x.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
    }
    return new Pt(x.testBit(0) ? P.subtract(x) : x, y);
  }

  @Test
  void aMixedOrderKeyThatLibsodiumAcceptsIsRefusedAsBouncyCastleRefusesIt() throws Exception {
    Pt b = base();
    assertThat(HexFormat.of().formatHex(encode(b)))
        .as("the base point")
        .isEqualTo("5866666666666666666666666666666666666666666666666666666666666666");
    SecureRandom r = TestRandom.seeded(99);
    BigInteger a = new BigInteger(252, r).mod(L);
    Pt pub = mul(a, b);
    // A = aB + T with T = (0, -1), of order 2: (x, y) + T = (-x, -y)
    Pt mixed = new Pt(P.subtract(pub.x()).mod(P), P.subtract(pub.y()).mod(P));
    byte[] key = encode(mixed);
    byte[] msg = "pay 1000 to the attacker".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int found = 0;
    for (int tries = 0; found < 3 && tries < 64; tries++) {
      BigInteger nonce = new BigInteger(252, r).mod(L);
      byte[] rEnc = encode(mul(nonce, b));
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-512");
      sha.update(rEnc);
      sha.update(key);
      sha.update(msg);
      BigInteger h = new BigInteger(1, reverse(sha.digest())).mod(L);
      if (h.testBit(0)) {
        continue; // [h]T = T: the equation fails everywhere
      }
      byte[] sig = new byte[64];
      System.arraycopy(rEnc, 0, sig, 0, 32);
      System.arraycopy(reverse(toFixed(nonce.add(h.multiply(a)).mod(L), 32)), 0, sig, 32, 32);
      PublicKey k = new PublicKey(SuiteId.INTL, Bytes.wrap(key));
      assertThat(sodium.verify(key, msg, sig))
          .as("libsodium does not check the subgroup: the reason for the key check")
          .isTrue();
      assertThat(BC.verify(k, msg, sig)).isFalse();
      assertThat(fast.verify(k, msg, sig)).as("the backend answers as BouncyCastle").isFalse();
      found++;
    }
    assertThat(found).isEqualTo(3);
  }

  @Test
  void anEmptyMessageVerifiesInBoth() {
    KeyPair k = BC.generateKeyPair(TestRandom.seeded(4));
    byte[] sig = k.sign(new byte[0]);
    assertThat(sodium.verify(k.publicKey().bytes().toByteArray(), new byte[0], sig)).isTrue();
    agree(new Case("empty message", k.publicKey().bytes().toByteArray(), new byte[0], sig));
  }

  @Test
  void theDefaultAndUnusableChoicesSayWhatRuns() {
    assertThat(VerifyBackends.select(BC, "bouncycastle").suite()).isSameAs(BC);
    CryptoSuite sm = CryptoSuites.sm();
    VerifyBackends.Selection smSodium = VerifyBackends.select(sm, "libsodium");
    assertThat(smSodium.suite()).isSameAs(sm);
    assertThat(smSodium.fellBack()).isTrue();
    assertThat(smSodium.message()).contains("has no SM2", "sm suite verifies with BouncyCastle");
    assertThatThrownBy(() -> VerifyBackends.select(BC, "openssl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[bouncycastle, libsodium]");
    assertThat(fast.id()).isEqualTo(SuiteId.INTL);
    assertThat(fast.hash(new byte[] {1})).isEqualTo(BC.hash(new byte[] {1}));
  }

  private static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }

  private static byte[] toFixed(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    int n = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - n, out, len - n, n);
    return out;
  }
}
