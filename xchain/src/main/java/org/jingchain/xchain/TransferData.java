package org.jingchain.xchain;

import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;

/**
 * The payload of a token transfer packet (docs/spec/xchain.md 5.1): tag {@code 0x42}; or, routed
 * through a hub to chain {@code forwardChain}, tag {@code 0x45} with that chain id after the other
 * fields [XC-41].
 */
public record TransferData(
    String denom, long amount, String sender, String receiver, String memo, String forwardChain) {
  static final int TAG = 0x42;
  static final int ROUTED_TAG = 0x45;

  public TransferData(String denom, long amount, String sender, String receiver, String memo) {
    this(denom, amount, sender, receiver, memo, "");
  }

  /** Whether a hub sends it on. */
  public boolean routed() {
    return !forwardChain.isEmpty();
  }

  public Bytes encode() {
    Encoder e =
        new Encoder(128)
            .u8(routed() ? ROUTED_TAG : TAG)
            .string(denom)
            .u64(amount)
            .string(sender)
            .string(receiver)
            .string(memo);
    if (routed()) {
      e.string(forwardChain);
    }
    return Bytes.wrap(e.toByteArray());
  }

  public static TransferData decode(Bytes in) {
    Decoder d = new Decoder(in.unsafeArray());
    int tag = d.u8("transfer tag");
    if (tag != TAG && tag != ROUTED_TAG) {
      throw new DecodeException("not a transfer");
    }
    String denom = d.string("denom", 256);
    long amount = d.u64("amount");
    String sender = d.string("sender", 128);
    String receiver = d.string("receiver", 128);
    String memo = d.string("memo", 256);
    String forward = "";
    if (tag == ROUTED_TAG) {
      forward = d.string("forward chain", 64);
      if (forward.isEmpty()) {
        throw new DecodeException("a routed transfer names its next chain");
      }
    }
    d.finish("transfer");
    return new TransferData(denom, amount, sender, receiver, memo, forward);
  }
}
