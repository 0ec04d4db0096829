package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.util.BigIntegers;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing, verification, keys and addresses of both suites, including hostile input. */
class SignatureTest {
  private static final byte[] MESSAGE = "transfer 10 to js00".getBytes(StandardCharsets.UTF_8);

  private static KeyPair key(SuiteId id, long seed) {
    return CryptoSuites.of(id).generateKeyPair(TestRandom.seeded(seed));
  }

  private static SuiteId other(SuiteId id) {
    return id == SuiteId.INTL ? SuiteId.SM : SuiteId.INTL;
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aSignatureMadeWithAKeyVerifiesUnderItsPublicKey(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    KeyPair key = key(id, 1);

    byte[] signature = key.sign(MESSAGE);

    assertThat(signature).hasSize(64);
    assertThat(suite.verify(key.publicKey(), MESSAGE, signature)).isTrue();
    assertThat(suite.verify(key.publicKey(), new byte[0], suite.sign(key, new byte[0]))).isTrue();
    assertThat(key.publicKey().suite()).isEqualTo(id);
    assertThat(key.publicKey().bytes().length()).isEqualTo(id.publicKeyLength());
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aSignatureFailsForAnyChangedMessageByte(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    KeyPair key = key(id, 2);
    byte[] signature = key.sign(MESSAGE);

    for (int i = 0; i < MESSAGE.length; i++) {
      byte[] tampered = MESSAGE.clone();
      tampered[i] ^= 0x01;
      assertThat(suite.verify(key.publicKey(), tampered, signature)).as("byte %d", i).isFalse();
    }
    assertThat(suite.verify(key.publicKey(), Arrays.copyOf(MESSAGE, MESSAGE.length + 1), signature))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aSignatureFailsForAnyChangedSignatureByte(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    KeyPair key = key(id, 3);
    byte[] signature = key.sign(MESSAGE);

    for (int i = 0; i < signature.length; i++) {
      byte[] tampered = signature.clone();
      tampered[i] ^= (byte) 0x80;
      assertThat(suite.verify(key.publicKey(), MESSAGE, tampered)).as("byte %d", i).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aSignatureFailsUnderAnotherKeyOfTheSameSuite(SuiteId id) {
    KeyPair signer = key(id, 4);
    KeyPair other = key(id, 5);

    assertThat(CryptoSuites.of(id).verify(other.publicKey(), MESSAGE, signer.sign(MESSAGE)))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aKeyOfTheOtherSuiteNeverVerifies(SuiteId id) {
    KeyPair foreign = key(other(id), 6);
    byte[] signature = foreign.sign(MESSAGE);

    assertThat(CryptoSuites.of(id).verify(foreign.publicKey(), MESSAGE, signature)).isFalse();
    assertThat(CryptoSuites.of(id).isValidPublicKey(foreign.publicKey())).isFalse();
    assertThat(CryptoSuites.of(other(id)).verify(foreign.publicKey(), MESSAGE, signature)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void garbagePublicKeysVerifyFalseWithoutThrowing(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    byte[] signature = key(id, 7).sign(MESSAGE);
    Random random = new Random(42);
    int length = id.publicKeyLength();
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[length];
      random.nextBytes(garbage);
      if (id == SuiteId.SM && i % 2 == 0) {
        garbage[0] = (byte) (2 + (i / 2) % 2); // well-formed prefix, random x: often off-curve
      }
      PublicKey key = new PublicKey(id, Bytes.wrap(garbage));
      assertThat(suite.verify(key, MESSAGE, signature)).isFalse();
    }
    for (int fill : new int[] {0x00, 0xff, 0x02, 0x04}) {
      byte[] constant = new byte[length];
      Arrays.fill(constant, (byte) fill);
      PublicKey key = new PublicKey(id, Bytes.wrap(constant));
      assertThat(suite.verify(key, MESSAGE, signature)).isFalse();
      assertThat(suite.isValidPublicKey(key)).isFalse();
    }
  }

  @Test
  void smRejectsUncompressedHybridAndOutOfFieldEncodings() {
    CryptoSuite sm = CryptoSuites.sm();
    byte[] good = key(SuiteId.SM, 8).publicKey().bytes().toByteArray();
    for (int prefix : new int[] {0x00, 0x01, 0x04, 0x05, 0x06, 0x07}) {
      byte[] bad = good.clone();
      bad[0] = (byte) prefix;
      assertThat(sm.isValidPublicKey(new PublicKey(SuiteId.SM, Bytes.wrap(bad)))).isFalse();
    }
    // x = p + small is a non-canonical encoding of a field element: rejected.
    BigInteger p = Sm2.DOMAIN.getCurve().getField().getCharacteristic();
    byte[] tooBig = new byte[33];
    tooBig[0] = 0x02;
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, p.add(BigInteger.ONE)), 0, tooBig, 1, 32);
    assertThat(sm.isValidPublicKey(new PublicKey(SuiteId.SM, Bytes.wrap(tooBig)))).isFalse();
  }

  @Test
  void intlRejectsSmallOrderAndNonCanonicalKeys() {
    CryptoSuite intl = CryptoSuites.intl();
    // The identity (y = 1) and the order-2 point (y = -1): small order, rejected.
    byte[] identity = new byte[32];
    identity[0] = 1;
    byte[] minusOne =
        Bytes.fromHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
            .toByteArray();
    // y = p, a non-canonical encoding of y = 0.
    byte[] nonCanonical =
        Bytes.fromHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
            .toByteArray();
    for (byte[] bad : new byte[][] {identity, minusOne, nonCanonical}) {
      assertThat(intl.isValidPublicKey(new PublicKey(SuiteId.INTL, Bytes.wrap(bad)))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 32, 63, 65, 70, 72, 128})
  void signaturesOfTheWrongLengthVerifyFalse(int length) {
    for (SuiteId id : SuiteId.values()) {
      KeyPair key = key(id, 9);
      byte[] signature = Arrays.copyOf(key.sign(MESSAGE), length);
      assertThat(CryptoSuites.of(id).verify(key.publicKey(), MESSAGE, signature)).isFalse();
    }
  }

  @Test
  void sm2SignaturesWithROrSOutOfRangeVerifyFalse() {
    CryptoSuite sm = CryptoSuites.sm();
    KeyPair key = key(SuiteId.SM, 10);
    byte[] signature = key.sign(MESSAGE);
    BigInteger n = Sm2.DOMAIN.getN();
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    BigInteger[][] cases = {
      {BigInteger.ZERO, s},
      {r, BigInteger.ZERO},
      {n, s},
      {r, n},
      {r.add(n), s},
      {r, s.add(n)},
      {max, s},
      {r, max},
      {n.subtract(r), r}
    };
    for (BigInteger[] rs : cases) {
      if (rs[0].bitLength() > 256 || rs[1].bitLength() > 256) {
        continue;
      }
      byte[] bad = new byte[64];
      System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[0]), 0, bad, 0, 32);
      System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[1]), 0, bad, 32, 32);
      assertThat(sm.verify(key.publicKey(), MESSAGE, bad)).as("r=%s s=%s", rs[0], rs[1]).isFalse();
    }
  }

  @Test
  void ed25519SignaturesWithSAtOrAboveTheGroupOrderVerifyFalse() {
    CryptoSuite intl = CryptoSuites.intl();
    KeyPair key = key(SuiteId.INTL, 11);
    byte[] signature = key.sign(MESSAGE);
    BigInteger order =
        BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    BigInteger s = new BigInteger(1, reverse(Arrays.copyOfRange(signature, 32, 64)));
    // S + L is the classic malleated signature; L itself and 2^256 - 1 are plainly out of range.
    for (BigInteger bad :
        new BigInteger[] {s.add(order), order, BigInteger.TWO.pow(256).subtract(BigInteger.ONE)}) {
      byte[] malleated = signature.clone();
      System.arraycopy(reverse(BigIntegers.asUnsignedByteArray(32, bad)), 0, malleated, 32, 32);
      assertThat(intl.verify(key.publicKey(), MESSAGE, malleated)).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aKeyPairRebuiltFromItsPrivateKeyIsTheSameKey(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    KeyPair key = key(id, 12);

    KeyPair rebuilt = suite.keyPairFromPrivateKey(key.privateKeyBytes());

    assertThat(rebuilt.publicKey()).isEqualTo(key.publicKey());
    assertThat(suite.verify(key.publicKey(), MESSAGE, rebuilt.sign(MESSAGE))).isTrue();
    assertThat(key.toString()).doesNotContain(HexOf.bytes(key.privateKeyBytes()));
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void addressesAreDeterministicSuiteTaggedAndTheHashPrefixOfTheKey(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    KeyPair key = key(id, 13);

    Address address = suite.address(key.publicKey());

    assertThat(address).isEqualTo(suite.address(key.publicKey())).isEqualTo(key.address());
    assertThat(address.suite()).isEqualTo(id);
    assertThat(address.toString()).startsWith(id == SuiteId.INTL ? "ji" : "js").hasSize(42);
    Hash hash = suite.hash(key.publicKey().bytes().toByteArray());
    assertThat(address.body().toByteArray()).isEqualTo(Arrays.copyOf(hash.toByteArray(), 20));
    assertThat(Address.parse(address.toString())).isEqualTo(address);
    assertThat(suite.address(key(id, 14).publicKey())).isNotEqualTo(address);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void programmerErrorsFailFastWithExactMessages(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    KeyPair foreign = key(other(id), 15);

    assertThatThrownBy(() -> suite.sign(foreign, MESSAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the " + id + " suite cannot sign with a " + other(id) + " key");
    assertThatThrownBy(() -> suite.address(foreign.publicKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the " + id + " suite cannot derive the address of a ");
    assertThatThrownBy(() -> suite.keyPairFromPrivateKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("private key is 32 bytes, got 31");
    KeyPair destroyed = key(id, 16);
    destroyed.destroy();
    assertThatThrownBy(() -> destroyed.sign(MESSAGE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("key pair was destroyed");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aKeyPairWithAMismatchedPublicKeyStillSignsUnderItsPrivateKeysOwnPublicKey(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    KeyPair real = key(id, 19);
    PublicKey wrong = key(id, 20).publicKey();
    KeyPair mismatched = new KeyPair(suite, real.privateKeyBytes(), wrong);

    byte[] signature = mismatched.sign(MESSAGE);

    // Signing under a public key not derived from the private key would leak the private key
    // (Ed25519); the suites derive the public key themselves.
    assertThat(suite.verify(real.publicKey(), MESSAGE, signature)).isTrue();
    assertThat(suite.verify(wrong, MESSAGE, signature)).isFalse();
  }

  @Test
  void sm2PrivateKeysOutsideOneToNMinusTwoAreRejected() {
    BigInteger n = Sm2.DOMAIN.getN();
    for (BigInteger d : new BigInteger[] {BigInteger.ZERO, n.subtract(BigInteger.ONE), n}) {
      assertThatThrownBy(
              () -> CryptoSuites.sm().keyPairFromPrivateKey(BigIntegers.asUnsignedByteArray(32, d)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an SM2 private key must lie in [1, n-2]");
    }
    byte[] max = BigIntegers.asUnsignedByteArray(32, n.subtract(BigInteger.TWO));
    assertThat(CryptoSuites.sm().keyPairFromPrivateKey(max).publicKey().bytes().length())
        .isEqualTo(33);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theUncachedSuiteAgreesWithTheCachedOne(SuiteId id) {
    CryptoSuite cached = CryptoSuites.of(id);
    CryptoSuite uncached = CryptoSuites.uncached(id);
    KeyPair key = key(id, 17);
    byte[] signature = key.sign(MESSAGE);

    assertThat(uncached.verify(key.publicKey(), MESSAGE, signature)).isTrue();
    assertThat(
            cached.verify(
                key.publicKey(),
                MESSAGE,
                uncached.sign(uncached.keyPairFromPrivateKey(key.privateKeyBytes()), MESSAGE)))
        .isTrue();
    assertThat(uncached.verify(key.publicKey(), MESSAGE, Arrays.copyOf(signature, 63))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void hashingPartsEqualsHashingTheirConcatenation(SuiteId id) {
    CryptoSuite suite = CryptoSuites.of(id);
    byte[] a = "hello ".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "world".getBytes(StandardCharsets.US_ASCII);

    assertThat(suite.hash(a, b))
        .isEqualTo(suite.hash("hello world".getBytes(StandardCharsets.US_ASCII)));
    assertThat(suite.hash(new byte[0])).isNotEqualTo(CryptoSuites.of(other(id)).hash(new byte[0]));
  }

  @Test
  void generatedKeysDifferAndDependOnlyOnTheRandomSource() {
    for (SuiteId id : SuiteId.values()) {
      CryptoSuite suite = CryptoSuites.of(id);
      assertThat(key(id, 18).publicKey()).isEqualTo(key(id, 18).publicKey());
      assertThat(suite.generateKeyPair(new SecureRandom()).publicKey())
          .isNotEqualTo(suite.generateKeyPair(new SecureRandom()).publicKey());
    }
  }

  private static byte[] reverse(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[in.length - 1 - i];
    }
    return out;
  }

  /** Hex without going through Bytes, to keep the assertion independent. */
  private static final class HexOf {
    static String bytes(byte[] b) {
      return java.util.HexFormat.of().formatHex(b);
    }
  }
}
