package org.jingchain.xchain;

import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;

/**
 * What a hub keeps of a routed transfer it sent on [XC-42]: the packet it received ({@code prev},
 * through its client {@code prevClient}), whose acknowledgement waits for the next hop's answer
 * [XC-43].
 */
record Forward(String prevClient, long prevSequence, Packet prev, String route) {
  byte[] encode() {
    return new Encoder(256)
        .u8(1)
        .string(prevClient)
        .u64(prevSequence)
        .bytes(prev.encode())
        .string(route)
        .toByteArray();
  }

  static Forward decode(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("forward version") != 1) {
      throw new DecodeException("unknown forward version");
    }
    Forward f =
        new Forward(
            d.string("previous client", 32),
            d.u64("previous sequence"),
            Packet.decode(d.bytes("previous packet", 16 * 1024)),
            d.string("route", 32));
    d.finish("forward");
    return f;
  }
}
