package org.jingchain.store;

import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Hash;

/**
 * An audit challenge ([STORE-31]): the node holding shard {@code shard} of {@code object} must show
 * leaf {@code leaf} of it, with its Merkle path to the shard's committed root, by height {@code
 * deadline}.
 *
 * @param round the audit round that drew it, or 0 when the object's owner asked for it
 */
public record Challenge(
    long id,
    Hash object,
    int shard,
    long leaf,
    String node,
    long issued,
    long deadline,
    Status status,
    long round) {
  /** Where a challenge stands; the names are what the API and CLI show. */
  public enum Status {
    /** Waiting for its answer. */
    OPEN,
    /** Answered with a leaf and path that verify. */
    PASSED,
    /** Its node said it cannot produce the leaf: the shard is damaged or gone. */
    FAILED,
    /** Not answered by its deadline: the node is unreachable or too slow. */
    MISSED,
    /** Closed without a verdict: its object was deleted or its shard moved first. */
    CANCELLED
  }

  Challenge closed(Status s) {
    return new Challenge(id, object, shard, leaf, node, issued, deadline, s, round);
  }

  /** The bytes it takes in state: its key and its encoded value. */
  public int stateBytes() {
    return StoreState.challengeKey(id).length() + encode().length;
  }

  byte[] encode() {
    return new Encoder()
        .u8(1)
        .u64(id)
        .hash(object)
        .u32(shard)
        .u64(leaf)
        .string(node)
        .u64(issued)
        .u64(deadline)
        .u8(status.ordinal())
        .u64(round)
        .toByteArray();
  }

  static Challenge decode(byte[] b) {
    Decoder d = new Decoder(b);
    d.u8("version");
    Challenge c =
        new Challenge(
            d.u64("id"),
            d.hash("object"),
            (int) d.u32("shard"),
            d.u64("leaf"),
            d.string("node", 32),
            d.u64("issued"),
            d.u64("deadline"),
            Status.values()[Math.min(d.u8("status"), Status.values().length - 1)],
            d.u64("round"));
    d.finish("challenge");
    return c;
  }
}
