package org.jingchain.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames ({@code byte[]} bodies) under a limit that the connection
 * raises from the handshake limit to the configured frame limit once the peer is authenticated
 * [P2P-5]. Netty passes each frame on before decoding the next, so a raised limit applies to the
 * very next frame.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private int maxFrameBytes = HandshakeCodec.MAX_HANDSHAKE_FRAME_BYTES;

  /** Called on the channel's event loop, like {@link #decode}. */
  void maxFrameBytes(int limit) {
    this.maxFrameBytes = limit;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws FrameException {
    byte[] frame = Frames.read(in, maxFrameBytes);
    if (frame != null) {
      out.add(frame);
    }
  }
}
