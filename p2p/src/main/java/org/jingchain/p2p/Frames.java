package org.jingchain.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The outer framing [P2P-4]: a 4-byte big-endian length, then that many bytes. The length is
 * checked against the limit before anything is buffered or allocated for the body.
 */
final class Frames {
  static final int PREFIX_BYTES = 4;

  private Frames() {}

  /**
   * The next whole frame's body, or null when {@code in} does not hold one yet; consumes the frame
   * from {@code in} only when it returns one.
   *
   * @throws FrameException {@link DisconnectReason#FRAME_TOO_LARGE} when the length prefix is above
   *     {@code maxFrameBytes} (or, read as a signed integer, negative)
   */
  static byte[] read(ByteBuf in, int maxFrameBytes) throws FrameException {
    if (in.readableBytes() < PREFIX_BYTES) {
      return null;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 0 || length > maxFrameBytes) {
      throw new FrameException(
          DisconnectReason.FRAME_TOO_LARGE,
          "frame of " + Integer.toUnsignedString(length) + " bytes, limit " + maxFrameBytes);
    }
    if (in.readableBytes() < PREFIX_BYTES + length) {
      return null;
    }
    in.skipBytes(PREFIX_BYTES);
    byte[] body = new byte[length];
    in.readBytes(body);
    return body;
  }

  /** {@code body} with its length prefix, without copying the body. */
  static ByteBuf encode(byte[] body) {
    byte[] prefix = {
      (byte) (body.length >>> 24),
      (byte) (body.length >>> 16),
      (byte) (body.length >>> 8),
      (byte) body.length
    };
    return Unpooled.wrappedBuffer(prefix, body);
  }
}
