package org.jingchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jingchain.codec.DecodeException;

/**
 * [DID-7] any bytes either fail with DecodeException or decode to an operation that re-encodes to
 * them.
 */
class DidOperationFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void operationsDecodeStrictlyOrFailCleanly(byte[] input) {
    DidOperation op;
    try {
      op = DidCodec.decodeOperation(input);
    } catch (DecodeException rejected) {
      return;
    }
    assertThat(DidCodec.encode(op)).isEqualTo(input);
  }
}
