package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The length-prefixed framing and the decoder's switch from the handshake limit. */
class FramesTest {
  // [P2P-4]
  @Test
  void aFrameIsReturnedOnlyOnceWhole() throws Exception {
    ByteBuf in = Unpooled.buffer();
    in.writeBytes(new byte[] {0, 0, 0, 3, 7, 8});

    assertThat(Frames.read(in, 10)).isNull();
    assertThat(in.readableBytes()).isEqualTo(6); // nothing consumed
    in.writeByte(9);
    assertThat(Frames.read(in, 10)).containsExactly(7, 8, 9);
    assertThat(in.readableBytes()).isZero();
  }

  // [P2P-4] [P2P-5]
  @Test
  void anOversizedOrNegativeLengthIsRefusedFromThePrefixAlone() {
    ByteBuf tooBig = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 11});
    ByteBuf twoGiB = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0, 0});

    assertThatThrownBy(() -> Frames.read(tooBig, 10))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("frame of 11 bytes, limit 10");
    assertThatThrownBy(() -> Frames.read(twoGiB, 10))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("2147483648");
  }

  // [P2P-4]
  @Test
  void encodingPrefixesTheLength() {
    ByteBuf encoded = Frames.encode(new byte[300]);
    assertThat(encoded.readInt()).isEqualTo(300);
    assertThat(encoded.readableBytes()).isEqualTo(300);
  }

  // [P2P-5]
  @Test
  void aRaisedLimitAppliesToTheNextFrameOfTheSameRead() {
    FrameDecoder decoder = new FrameDecoder();
    List<byte[]> seen = new ArrayList<>();
    EmbeddedChannel ch =
        new EmbeddedChannel(
            decoder,
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add((byte[]) msg);
                decoder.maxFrameBytes(1024); // as a connection does once authenticated
              }
            });
    ByteBuf both = Unpooled.buffer();
    both.writeInt(10).writeBytes(new byte[10]);
    both.writeInt(1000).writeBytes(new byte[1000]); // above the 256-byte handshake limit

    ch.writeInbound(both);

    assertThat(seen).hasSize(2);
    assertThat(seen.get(1)).hasSize(1000);
    ch.checkException();
  }
}
