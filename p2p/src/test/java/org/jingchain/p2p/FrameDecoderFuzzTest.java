package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.PublicKey;

/**
 * Fuzzes the inbound path [P2P-4, P2P-6, P2P-11]: framing and decryption of arbitrary bytes fail
 * only with {@link FrameException}, and a whole connection fed arbitrary bytes before
 * authentication refuses them with a typed reason, never with an unexpected exception. The test
 * command replays the corpus in {@code FrameDecoderFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes
 * for real.
 */
class FrameDecoderFuzzTest {
  private static final KeyPair NODE =
      CryptoSuites.intl().keyPairFromPrivateKey(new byte[32]); // fixed, so seeds can target it

  @FuzzTest(maxDuration = "60s")
  void framesSplitAndOpenOrFailWithATypedReason(byte[] input) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    FrameCipher receive = new FrameCipher(CryptoSuites.sm().aead(), new byte[16]);
    try {
      byte[] frame;
      while ((frame = Frames.read(in, 1024)) != null) {
        receive.open(frame);
      }
    } catch (FrameException refused) {
      assertThat(refused.reason()).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void aConnectionFedArbitraryBytesRefusesThemWithATypedReason(byte[] input) {
    StatsCounters stats = new StatsCounters();
    P2pConfig config = P2pConfig.defaults(NODE, TestNet.CHAIN);
    MessageHandler handler = (PublicKey from, byte[] payload) -> {};
    NodeContext context =
        new NodeContext(
            config,
            key -> true,
            handler,
            new PeerRegistry(NODE.publicKey(), handler, key -> {}),
            stats,
            new SecureRandom(),
            new SourceLimits(config.maxPendingHandshakes()),
            java.util.Set.of(),
            new CertificateFreshness(),
            new org.jingchain.types.SecurityLog("p2p"),
            new org.jingchain.types.SecurityLog("p2p"));
    FrameDecoder decoder = new FrameDecoder();
    EmbeddedChannel channel = new EmbeddedChannel(decoder, PeerHandler.accepting(context, decoder));

    channel.writeInbound(Unpooled.wrappedBuffer(input));

    channel.checkException(); // nothing escaped the pipeline
    assertThat(stats.snapshot(0, 0, 0).failures(HandshakeFailure.INTERNAL_ERROR)).isZero();
    channel.finishAndReleaseAll();
  }
}
