package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips and tamper detection of each suite's AEAD. */
class AeadTest {
  private static final byte[] PLAINTEXT = "a private key, say".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AD = "header".getBytes(StandardCharsets.UTF_8);

  private static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void decryptionReturnsWhatWasEncrypted(SuiteId id) throws AeadException {
    Aead aead = CryptoSuites.of(id).aead();
    byte[] key = bytes(aead.keyLength(), 1);
    byte[] nonce = bytes(aead.nonceLength(), 2);

    byte[] sealed = aead.encrypt(key, nonce, PLAINTEXT, AD);

    assertThat(aead.keyLength()).isEqualTo(id == SuiteId.INTL ? 32 : 16);
    assertThat(aead.nonceLength()).isEqualTo(12);
    assertThat(sealed).hasSize(PLAINTEXT.length + 16);
    assertThat(aead.decrypt(key, nonce, sealed, AD)).isEqualTo(PLAINTEXT);
    byte[] empty = aead.encrypt(key, nonce, new byte[0], new byte[0]);
    assertThat(aead.decrypt(key, nonce, empty, new byte[0])).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void anyChangeToCiphertextTagKeyNonceOrAssociatedDataIsDetected(SuiteId id) {
    Aead aead = CryptoSuites.of(id).aead();
    byte[] key = bytes(aead.keyLength(), 3);
    byte[] nonce = bytes(aead.nonceLength(), 4);
    byte[] sealed = aead.encrypt(key, nonce, PLAINTEXT, AD);

    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> aead.decrypt(key, nonce, tampered, AD))
          .as("byte %d", i)
          .isInstanceOf(AeadException.class);
    }
    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    byte[] otherNonce = nonce.clone();
    otherNonce[11] ^= 1;
    assertThatThrownBy(() -> aead.decrypt(otherKey, nonce, sealed, AD))
        .isInstanceOf(AeadException.class);
    assertThatThrownBy(() -> aead.decrypt(key, otherNonce, sealed, AD))
        .isInstanceOf(AeadException.class);
    assertThatThrownBy(
            () -> aead.decrypt(key, nonce, sealed, "headex".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AeadException.class);
    assertThatThrownBy(() -> aead.decrypt(key, nonce, new byte[15], AD))
        .isInstanceOf(AeadException.class)
        .hasMessage("ciphertext is shorter than the 16-byte tag");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void wrongKeyOrNonceLengthsAreProgrammerErrors(SuiteId id) {
    Aead aead = CryptoSuites.of(id).aead();
    byte[] nonce = new byte[12];

    assertThatThrownBy(() -> aead.encrypt(new byte[aead.keyLength() + 1], nonce, PLAINTEXT, AD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "needs a " + aead.keyLength() + "-byte key, got " + (aead.keyLength() + 1));
    assertThatThrownBy(() -> aead.encrypt(new byte[aead.keyLength()], new byte[16], PLAINTEXT, AD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a 12-byte nonce, got 16");
  }
}
