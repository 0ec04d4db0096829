package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;

/**
 * A sealed aggregate ([PRIV-10]..[PRIV-16]): its committee, the range each contribution proves, who
 * may contribute, the running encrypted sum, and after close the decryption shares, the combined
 * point {@code total·G} and the published total.
 */
public record Aggregate(
    String id,
    String committee,
    Address creator,
    String description,
    int bits,
    long minContributions,
    long maxContributions,
    List<Address> contributors,
    long closeHeight,
    Status status,
    long contributions,
    Bytes sum,
    List<Share> shares,
    Bytes decrypted,
    long total,
    long openedHeight,
    long closedHeight) {
  public static final int MAX_BITS = 32;
  public static final long MAX_CONTRIBUTIONS = 65_536;
  public static final int MAX_CONTRIBUTORS = 1024;

  /** OPEN takes contributions; CLOSED takes shares; then DECRYPTED, REVEALED, or CANCELLED. */
  public enum Status {
    OPEN,
    CLOSED,
    DECRYPTED,
    REVEALED,
    CANCELLED
  }

  /** A member's verified decryption share {@code D_j = x_j·C1}. */
  public record Share(int member, Bytes point) {}

  public Aggregate {
    contributors = List.copyOf(contributors);
    shares = List.copyOf(shares);
  }

  /** The largest total the contributions can reach: {@code n·(2^bits − 1)}. */
  public long maxTotal() {
    return contributions * ((1L << bits) - 1);
  }

  Aggregate with(
      Status s, long count, Bytes newSum, List<Share> sh, Bytes dec, long tot, long closed) {
    return new Aggregate(
        id,
        committee,
        creator,
        description,
        bits,
        minContributions,
        maxContributions,
        contributors,
        closeHeight,
        s,
        count,
        newSum,
        sh,
        dec,
        tot,
        openedHeight,
        closed);
  }

  /** The version byte every encoded record starts with. */
  public static final int VERSION = 1;

  public byte[] encode() {
    Encoder e =
        new Encoder()
            .u8(VERSION)
            .string(id)
            .string(committee)
            .address(creator)
            .string(description)
            .u32(bits)
            .u64(minContributions)
            .u64(maxContributions)
            .u32(contributors.size());
    contributors.forEach(e::address);
    e.u64(closeHeight).u8(status.ordinal()).u64(contributions).bytes(sum).u32(shares.size());
    for (Share s : shares) {
      e.u32(s.member()).bytes(s.point());
    }
    return e.bytes(decrypted).u64(total).u64(openedHeight).u64(closedHeight).toByteArray();
  }

  public static Aggregate decode(byte[] b) {
    Decoder d = new Decoder(b);
    int version = d.u8("version");
    if (version != VERSION) {
      throw new org.jingchain.codec.DecodeException(
          "aggregate version " + version + ", not " + VERSION);
    }
    String id = d.string("id", 64);
    String committee = d.string("committee", 64);
    Address creator = d.address("creator");
    String description = d.string("description", 200);
    int bits = (int) d.u32("bits");
    long min = d.u64("min");
    long max = d.u64("max");
    int nc = d.count("contributors", MAX_CONTRIBUTORS);
    List<Address> cs = new ArrayList<>(nc);
    for (int i = 0; i < nc; i++) {
      cs.add(d.address("contributor"));
    }
    long closeHeight = d.u64("close height");
    int st = d.u8("status");
    if (st >= Status.values().length) {
      throw new org.jingchain.codec.DecodeException("unknown status " + st);
    }
    long count = d.u64("contributions");
    Bytes sum = d.bytesValue("sum", Ciphertext.BYTES);
    int ns = d.count("shares", Committee.MAX_MEMBERS);
    List<Share> shares = new ArrayList<>(ns);
    for (int i = 0; i < ns; i++) {
      shares.add(new Share((int) d.u32("member"), d.bytesValue("share", EcGroup.POINT_BYTES)));
    }
    Aggregate a =
        new Aggregate(
            id,
            committee,
            creator,
            description,
            bits,
            min,
            max,
            cs,
            closeHeight,
            Status.values()[st],
            count,
            sum,
            shares,
            d.bytesValue("decrypted", EcGroup.POINT_BYTES),
            d.u64("total"),
            d.u64("opened"),
            d.u64("closed"));
    d.finish("aggregate");
    return a;
  }
}
