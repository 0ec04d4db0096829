package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jingchain.crypto.Aead;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One direction's frames: counter nonces, no replay or reordering, a budget per key. */
class FrameCipherTest {
  // [P2P-6]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void framesOpenInOrderWithTheirType(SuiteId suite) throws Exception {
    Aead aead = CryptoSuites.of(suite).aead();
    byte[] key = new byte[aead.keyLength()];
    FrameCipher send = new FrameCipher(aead, key);
    FrameCipher receive = new FrameCipher(aead, key);

    byte[] first = send.seal(FrameCipher.DATA, new byte[] {1, 2, 3});
    byte[] second = send.seal(FrameCipher.PING, new byte[0]);

    assertThat(first).hasSize(3 + 1 + FrameCipher.TAG_BYTES);
    FrameCipher.Frame f1 = receive.open(first);
    assertThat(f1.type()).isEqualTo(FrameCipher.DATA);
    assertThat(f1.body()).containsExactly(1, 2, 3);
    assertThat(receive.open(second).type()).isEqualTo(FrameCipher.PING);
  }

  // [P2P-6]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aReplayedOrReorderedFrameDoesNotOpen(SuiteId suite) throws Exception {
    Aead aead = CryptoSuites.of(suite).aead();
    byte[] key = new byte[aead.keyLength()];
    FrameCipher send = new FrameCipher(aead, key);
    byte[] first = send.seal(FrameCipher.DATA, new byte[] {1});
    byte[] second = send.seal(FrameCipher.DATA, new byte[] {2});

    FrameCipher replayed = new FrameCipher(aead, key);
    replayed.open(first);
    assertThatThrownBy(() -> replayed.open(first))
        .isInstanceOf(FrameException.class)
        .extracting(e -> ((FrameException) e).reason())
        .isEqualTo(DisconnectReason.UNDECRYPTABLE);
    FrameCipher reordered = new FrameCipher(aead, key);
    assertThatThrownBy(() -> reordered.open(second)).isInstanceOf(FrameException.class);
  }

  // [P2P-6]
  @Test
  void theNonceIsTheBigEndianFrameCounter() throws Exception {
    Aead aead = CryptoSuites.intl().aead();
    byte[] key = new byte[32];
    FrameCipher send = new FrameCipher(aead, key);
    send.seal(FrameCipher.DATA, new byte[0]);
    byte[] secondFrame = send.seal(FrameCipher.DATA, new byte[] {9});

    byte[] nonce1 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assertThat(aead.decrypt(key, nonce1, secondFrame, new byte[0]))
        .containsExactly(FrameCipher.DATA, 9);
  }

  // [P2P-7]
  @Test
  void aKeyRefusesFramesBeyondItsBudget() throws Exception {
    Aead aead = CryptoSuites.sm().aead();
    FrameCipher send = new FrameCipher(aead, new byte[16], 2, 1 << 20);
    send.seal(FrameCipher.DATA, new byte[0]);
    send.seal(FrameCipher.DATA, new byte[0]);

    assertThatThrownBy(() -> send.seal(FrameCipher.DATA, new byte[0]))
        .isInstanceOf(FrameException.class)
        .extracting(e -> ((FrameException) e).reason())
        .isEqualTo(DisconnectReason.KEY_USAGE_LIMIT);
    FrameCipher bytesBudget = new FrameCipher(aead, new byte[16], 100, 10);
    assertThatThrownBy(() -> bytesBudget.seal(FrameCipher.DATA, new byte[10]))
        .isInstanceOf(FrameException.class);
  }

  // [P2P-6]
  @Test
  void aFrameTooShortForTheTagIsUndecryptable() {
    FrameCipher receive = new FrameCipher(CryptoSuites.intl().aead(), new byte[32]);
    assertThatThrownBy(() -> receive.open(new byte[FrameCipher.TAG_BYTES]))
        .isInstanceOf(FrameException.class)
        .extracting(e -> ((FrameException) e).reason())
        .isEqualTo(DisconnectReason.UNDECRYPTABLE);
  }
}
