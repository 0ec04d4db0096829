package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jingchain.codec.DecodeException;

/**
 * Fuzzes the consensus message decoder: whatever a hostile peer sends either fails with {@link
 * DecodeException} or decodes to a message whose encoding is exactly the input. In the test command
 * this replays the corpus in {@code MessageDecoderFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes for
 * real.
 */
class MessageDecoderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decodedMessagesReencodeToTheirInput(byte[] input) {
    ConsensusMessage m;
    try {
      m = MessageCodec.decode(input);
    } catch (DecodeException rejected) {
      return;
    }
    assertThat(MessageCodec.encode(m)).isEqualTo(input);
  }

  @FuzzTest(maxDuration = "30s")
  void safetyRecordsFromDiskDecodeOrFailCleanly(byte[] input) {
    SafetyRecord r;
    try {
      r = MessageCodec.decodeSafetyRecord(input);
    } catch (DecodeException rejected) {
      return;
    }
    assertThat(MessageCodec.encode(r)).isEqualTo(input);
  }
}
