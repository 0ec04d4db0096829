package org.jingchain.xchain;

import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;

/** The payload of a collectible transfer packet (docs/spec/xchain.md 5.2). */
public record NftData(String classTrace, String id, Bytes digest, String sender, String receiver) {
  static final int TAG = 0x43;

  Bytes encode() {
    return Bytes.wrap(
        new Encoder(160)
            .u8(TAG)
            .string(classTrace)
            .string(id)
            .bytes(digest)
            .string(sender)
            .string(receiver)
            .toByteArray());
  }

  public static NftData decode(Bytes in) {
    Decoder d = new Decoder(in.unsafeArray());
    if (d.u8("nft tag") != TAG) {
      throw new DecodeException("not a collectible transfer");
    }
    NftData n =
        new NftData(
            d.string("class", 256),
            d.string("id", 64),
            d.bytesValue("digest", 64),
            d.string("sender", 128),
            d.string("receiver", 128));
    d.finish("collectible transfer");
    return n;
  }
}
