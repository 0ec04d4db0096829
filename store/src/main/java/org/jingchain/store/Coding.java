package org.jingchain.store;

/**
 * How an object is coded ([STORE-1]): {@code dataShards} + {@code parityShards} Reed–Solomon
 * shards, filled {@code stripeUnit} bytes per shard per stripe, each shard committed by a Merkle
 * tree over {@code leafSize}-byte leaves.
 */
public record Coding(int dataShards, int parityShards, int stripeUnit, int leafSize) {
  public static final int MIN_LEAF = 256;
  public static final int MAX_LEAF = 1 << 20;
  public static final int MAX_STRIPE_UNIT = 16 << 20;

  /** 10 + 4 shards, 1 MiB per shard per stripe, 16 KiB leaves. */
  public static final Coding DEFAULT = new Coding(10, 4, 1 << 20, 16 << 10);

  public Coding {
    if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > ReedSolomon.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "BAD_CODING: need 1..255 data and 1..255 parity shards, at most 256 in all, not "
              + dataShards
              + "+"
              + parityShards);
    }
    if (leafSize < MIN_LEAF || leafSize > MAX_LEAF || Integer.bitCount(leafSize) != 1) {
      throw new IllegalArgumentException(
          "BAD_CODING: the leaf size must be a power of two from 256 B to 1 MiB, not " + leafSize);
    }
    if (stripeUnit < leafSize || stripeUnit > MAX_STRIPE_UNIT || stripeUnit % leafSize != 0) {
      throw new IllegalArgumentException(
          "BAD_CODING: the stripe unit must be a multiple of the leaf size, at most 16 MiB, not "
              + stripeUnit);
    }
  }

  public int totalShards() {
    return dataShards + parityShards;
  }

  /** Data bytes in a full stripe. */
  public long stripeBytes() {
    return (long) dataShards * stripeUnit;
  }

  /**
   * The length of each shard of an object of {@code size} bytes ([STORE-3]): a stripe unit for each
   * full stripe, plus {@code ceil(rest / k)} for the partial last stripe.
   */
  public long shardLength(long size) {
    long full = size / stripeBytes();
    long rest = size % stripeBytes();
    return full * stripeUnit + ceilDiv(rest, dataShards);
  }

  /** The number of leaves of {@code bytes} bytes (the last one may be short). */
  public long leaves(long bytes) {
    return ceilDiv(bytes, leafSize);
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
