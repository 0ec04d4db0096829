package org.jingchain.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jingchain.types.Transaction;

/**
 * Fuzzes the transaction decoder [ENC-1..5]: any input either fails with {@link DecodeException} or
 * decodes to a transaction whose canonical encoding is exactly the input. In the test command this
 * replays the corpus in {@code TxDecoderFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class TxDecoderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decodedTransactionsReencodeToTheirInput(byte[] input) {
    Transaction tx;
    try {
      tx = Canonical.decodeTransaction(input);
    } catch (DecodeException rejected) {
      return;
    }
    assertThat(Canonical.encode(tx)).isEqualTo(input);
  }
}
