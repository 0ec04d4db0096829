package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the handshake message decoder [P2P-2]: any input either fails with {@link
 * HandshakeException} or decodes to a message whose encoding is exactly the input. The test command
 * replays the corpus in {@code HandshakeCodecFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes for
 * real.
 */
class HandshakeCodecFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void handshakeMessagesDecodeStrictlyOrFailWithATypedReason(byte[] input) {
    try {
      assertThat(HandshakeCodec.encode(HandshakeCodec.decodeInit(input))).isEqualTo(input);
    } catch (HandshakeException refused) {
      assertThat(refused.reason()).isNotNull();
    }
    try {
      assertThat(HandshakeCodec.encode(HandshakeCodec.decodeResponse(input))).isEqualTo(input);
    } catch (HandshakeException refused) {
      assertThat(refused.reason()).isNotNull();
    }
  }
}
