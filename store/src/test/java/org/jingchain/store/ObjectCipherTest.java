package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jingchain.crypto.KeyPair;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * [STORE-7] Objects sealed before coding: they open only with the owner's key and salt, a changed
 * byte or a cut-off end is refused, and sealing can start at any stored offset (a resumed put).
 */
class ObjectCipherTest {
  static final int S = ObjectCipher.SEGMENT;
  static final int[] SIZES = {1, 17, S - 1, S, S + 1, 3 * S + 5};

  static byte[] seal(ObjectCipher c, byte[] plain, long from) throws IOException {
    int segmentStart = (int) (from / (S + ObjectCipher.TAG) * S);
    return c.seal(
            new ByteArrayInputStream(plain, segmentStart, plain.length - segmentStart),
            plain.length,
            from)
        .readAllBytes();
  }

  static byte[] open(ObjectCipher c, byte[] sealed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream o = c.open(out, sealed.length)) {
      // odd-sized writes, as a decoder's stripes arrive
      for (int off = 0; off < sealed.length; off += 1000) {
        o.write(sealed, off, Math.min(1000, sealed.length - off));
      }
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void sealedBytesOpenOnlyWithTheOwnersKeyAndSalt(SuiteId suite) throws Exception {
    KeyPair owner = TestKeys.keyPair("owner", suite);
    KeyPair other = TestKeys.keyPair("other", suite);
    byte[] salt = new byte[ObjectCipher.SALT];
    new SplittableRandom(suite.ordinal()).nextBytes(salt);
    ObjectCipher c = ObjectCipher.of(owner, salt);
    for (int size : SIZES) {
      byte[] plain = new byte[size];
      new SplittableRandom(size).nextBytes(plain);
      byte[] sealed = seal(c, plain, 0);
      assertThat((long) sealed.length).isEqualTo(ObjectCipher.sealedSize(size));
      assertThat(ObjectCipher.plainSize(sealed.length)).isEqualTo(size);
      assertThat(open(c, sealed)).isEqualTo(plain);
      // resuming at any stored offset yields the rest of the same sealed bytes
      for (long from : new long[] {1, S + ObjectCipher.TAG, sealed.length - 1}) {
        if (from < sealed.length) {
          assertThat(seal(c, plain, from))
              .isEqualTo(Arrays.copyOfRange(sealed, (int) from, sealed.length));
        }
      }
      assertThatThrownBy(() -> open(ObjectCipher.of(other, salt), sealed))
          .isInstanceOf(ObjectCipher.SealException.class);
      byte[] otherSalt = salt.clone();
      otherSalt[0] ^= 1;
      assertThatThrownBy(() -> open(ObjectCipher.of(owner, otherSalt), sealed))
          .isInstanceOf(ObjectCipher.SealException.class);
      byte[] flipped = sealed.clone();
      flipped[flipped.length / 2] ^= 1;
      assertThatThrownBy(() -> open(c, flipped)).isInstanceOf(ObjectCipher.SealException.class);
      if (size > S) {
        // the first segment alone, presented as a whole object: its tag says it was not last
        byte[] cut = Arrays.copyOf(sealed, S + ObjectCipher.TAG);
        assertThatThrownBy(() -> open(c, cut)).isInstanceOf(ObjectCipher.SealException.class);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void sizesThatNoPlaintextSealsToAreNamed(SuiteId suite) {
    assertThat(ObjectCipher.plainSize(0)).isEqualTo(-1);
    assertThat(ObjectCipher.plainSize(16)).isEqualTo(-1);
    assertThat(ObjectCipher.plainSize(S + 16 + 10)).isEqualTo(-1);
    assertThat(ObjectCipher.plainSize(17)).isEqualTo(1);
    assertThat(ObjectCipher.sealedSize(0)).isZero();
  }
}
