package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jingchain.crypto.Aead;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;

/** The per-peer outbound queue: bounded in wire bytes, the newest dropped and counted. */
class PeerConnectionTest {
  // [P2P-13]
  @Test
  void aFullQueueDropsTheNewestAndCountsIt() throws Exception {
    Aead aead = CryptoSuites.intl().aead();
    byte[] key = new byte[32];
    EmbeddedChannel channel = new EmbeddedChannel(); // runs its tasks only when told
    StatsCounters stats = new StatsCounters();
    Session session =
        new Session(
            TestNet.key(SuiteId.INTL).publicKey(),
            new FrameCipher(aead, key),
            new FrameCipher(aead, key),
            true);
    PeerConnection c = new PeerConnection(session, channel, 1000, stats);
    byte[] payload = new byte[100]; // 121 bytes on the wire

    int accepted = 0;
    while (c.send(payload)) {
      accepted++;
    }

    assertThat(accepted).isEqualTo(8); // 8 * 121 = 968; a ninth would make 1089 > 1000
    assertThat(c.queuedBytes()).isEqualTo(968);
    assertThat(stats.snapshot(0, 0, 0).droppedQueueFull()).isEqualTo(1);

    channel.runPendingTasks(); // seal and write
    channel.runPendingTasks(); // the one flush after them
    assertThat(c.queuedBytes()).isZero();
    assertThat(c.send(payload)).isTrue();
    FrameCipher peer = new FrameCipher(aead, key);
    for (int i = 0; i < 8; i++) {
      ByteBuf frame = channel.readOutbound();
      assertThat(frame.readInt()).isEqualTo(117);
      byte[] sealed = new byte[117];
      frame.readBytes(sealed);
      frame.release();
      assertThat(peer.open(sealed).body()).hasSize(100); // nonces in send order
    }
    assertThat(stats.snapshot(0, 0, 0).framesOut()).isEqualTo(8);
  }
}
