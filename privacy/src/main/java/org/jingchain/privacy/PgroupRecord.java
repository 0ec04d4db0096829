package org.jingchain.privacy;

import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;

/**
 * A private transaction as the chain records it ([PRIV-31]): the hash and size of the ciphertext
 * only members hold, who sent it, when, which members attested holding it (bit i for member i), and
 * whether it was purged.
 */
public record PgroupRecord(
    long seq, Hash hash, long size, Address sender, long height, long attesters, boolean purged) {
  public byte[] encode() {
    return new Encoder()
        .u8(PgroupDef.VERSION)
        .u64(seq)
        .hash(hash)
        .u64(size)
        .address(sender)
        .u64(height)
        .u64(attesters)
        .bool(purged)
        .toByteArray();
  }

  public static PgroupRecord decode(byte[] b) {
    Decoder d = new Decoder(b);
    int v = d.u8("record version");
    if (v != PgroupDef.VERSION) {
      throw new org.jingchain.codec.DecodeException("record version " + v);
    }
    PgroupRecord r =
        new PgroupRecord(
            d.u64("seq"),
            d.hash("hash"),
            d.u64("size"),
            d.address("sender"),
            d.u64("height"),
            d.u64("attesters"),
            d.bool("purged"));
    d.finish("record");
    return r;
  }

  PgroupRecord asPurged() {
    return new PgroupRecord(seq, hash, size, sender, height, attesters, true);
  }
}
