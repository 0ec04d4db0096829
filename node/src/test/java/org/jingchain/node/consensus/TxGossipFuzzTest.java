package org.jingchain.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.types.Limits;
import org.junit.jupiter.api.Test;

/**
 * Transaction gossip from a peer is decoded strictly: any input either fails with {@link
 * DecodeException} or re-encodes to itself, and no length or count above its limit is allocated.
 */
class TxGossipFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void gossipPayloadsDecodeStrictlyOrFailCleanly(byte[] input) {
    List<byte[]> txs;
    try {
      txs = PeerNetwork.decodeTxBatch(input);
    } catch (DecodeException rejected) {
      return;
    }
    assertThat(PeerNetwork.encodeTxBatch(txs)).isEqualTo(input);
  }

  @Test
  void aBatchRoundTripsAndOversizedCountsOrTransactionsAreRejected() {
    List<byte[]> txs = List.of(new byte[] {1, 2}, new byte[0]);
    assertThat(PeerNetwork.decodeTxBatch(PeerNetwork.encodeTxBatch(txs)))
        .containsExactly(txs.toArray(new byte[0][]));
    byte[] hugeCount = {0x02, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> PeerNetwork.decodeTxBatch(hugeCount))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("limit");
    int tooBig = Limits.MAX_TX_BYTES + 1;
    byte[] bigTx = {
      0x02,
      0,
      0,
      0,
      1,
      (byte) (tooBig >>> 24),
      (byte) (tooBig >>> 16),
      (byte) (tooBig >>> 8),
      (byte) tooBig
    };
    assertThatThrownBy(() -> PeerNetwork.decodeTxBatch(bigTx))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining(Integer.toString(Limits.MAX_TX_BYTES));
    assertThatThrownBy(() -> PeerNetwork.decodeTxBatch(new byte[] {0x01, 0, 0, 0, 0}))
        .isInstanceOf(DecodeException.class);
  }
}
