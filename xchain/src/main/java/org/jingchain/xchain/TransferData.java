package org.jingchain.xchain;

import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;

/** The payload of a token transfer packet (docs/spec/xchain.md 5.1). */
public record TransferData(String denom, long amount, String sender, String receiver, String memo) {
  static final int TAG = 0x42;

  Bytes encode() {
    return Bytes.wrap(
        new Encoder(128)
            .u8(TAG)
            .string(denom)
            .u64(amount)
            .string(sender)
            .string(receiver)
            .string(memo)
            .toByteArray());
  }

  public static TransferData decode(Bytes in) {
    Decoder d = new Decoder(in.unsafeArray());
    if (d.u8("transfer tag") != TAG) {
      throw new DecodeException("not a transfer");
    }
    TransferData t =
        new TransferData(
            d.string("denom", 256),
            d.u64("amount"),
            d.string("sender", 128),
            d.string("receiver", 128),
            d.string("memo", 256));
    d.finish("transfer");
    return t;
  }
}
