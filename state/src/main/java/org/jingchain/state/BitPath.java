package org.jingchain.state;

import java.util.Arrays;
import org.jingchain.types.Hash;

/**
 * A bit prefix (0..256 bits, MSB-first) of a key hash: the position of a node in the tree.
 *
 * <p>Bits are packed MSB-first into {@code ceil(depth/8)} bytes with unused trailing bits zero, so
 * the packed form is canonical and can be compared byte-wise [STATE-7].
 */
public final class BitPath {
  /** The most bits a path can have: every bit of a 256-bit key hash. */
  public static final int MAX_DEPTH = Hash.LENGTH * 8;

  /** The root position. */
  public static final BitPath ROOT = new BitPath(new byte[0], 0);

  private final byte[] bits;
  private final int depth;
  private final long mixed;

  private BitPath(byte[] bits, int depth) {
    this.bits = bits;
    this.depth = depth;
    this.mixed = mix(bits, depth);
  }

  /**
   * A well-spread 64-bit hash: stores hold millions of keys whose paths differ only in a few low
   * bytes, which {@link Arrays#hashCode(byte[])} maps onto few buckets.
   */
  private static long mix(byte[] bits, int depth) {
    long h = depth * 0x9E3779B97F4A7C15L;
    for (byte b : bits) {
      h = fmix64(h ^ (b & 0xff));
    }
    return fmix64(h);
  }

  /** MurmurHash3's 64-bit finalizer. */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  long mixedHash() {
    return mixed;
  }

  /**
   * Builds a path from packed bits; rejects a wrong byte count, a depth outside 0..256 and non-zero
   * padding bits with {@link IllegalArgumentException}.
   */
  public static BitPath of(byte[] packed, int depth) {
    if (depth < 0 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("path depth " + depth + " outside 0.." + MAX_DEPTH);
    }
    if (packed.length != byteLength(depth)) {
      throw new IllegalArgumentException(
          "path of depth "
              + depth
              + " needs "
              + byteLength(depth)
              + " bytes, got "
              + packed.length);
    }
    int used = depth & 7;
    if (used != 0 && (packed[packed.length - 1] & (0xff >>> used)) != 0) {
      throw new IllegalArgumentException("non-zero padding bits in path of depth " + depth);
    }
    return new BitPath(packed.clone(), depth);
  }

  /** The first {@code depth} bits of {@code hash}. */
  public static BitPath prefixOf(Hash hash, int depth) {
    if (depth < 0 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("path depth " + depth + " outside 0.." + MAX_DEPTH);
    }
    byte[] packed = Arrays.copyOf(hash.unsafeArray(), byteLength(depth));
    int used = depth & 7;
    if (used != 0) {
      packed[packed.length - 1] &= (byte) (0xff << (8 - used));
    }
    return new BitPath(packed, depth);
  }

  static int byteLength(int depth) {
    return (depth + 7) >>> 3;
  }

  public int depth() {
    return depth;
  }

  /** Bit {@code i} (0 = most significant), for {@code i < depth()}. */
  public boolean bit(int i) {
    if (i < 0 || i >= depth) {
      throw new IndexOutOfBoundsException("bit " + i + " of a path of depth " + depth);
    }
    return ((bits[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
  }

  /** This path extended by one bit: {@code false} is the left child, {@code true} the right. */
  public BitPath child(boolean right) {
    if (depth == MAX_DEPTH) {
      throw new IllegalStateException("a path of depth " + MAX_DEPTH + " has no children");
    }
    byte[] next = Arrays.copyOf(bits, byteLength(depth + 1));
    if (right) {
      next[depth >>> 3] |= (byte) (0x80 >>> (depth & 7));
    }
    return new BitPath(next, depth + 1);
  }

  /** Whether {@code hash} starts with this path. */
  public boolean isPrefixOf(Hash hash) {
    return equals(prefixOf(hash, depth));
  }

  /** A copy of the packed bits. */
  public byte[] packedBits() {
    return bits.clone();
  }

  void writeTo(byte[] out, int off) {
    System.arraycopy(bits, 0, out, off, bits.length);
  }

  int packedLength() {
    return bits.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitPath p
        && mixed == p.mixed
        && depth == p.depth
        && Arrays.equals(bits, p.bits);
  }

  @Override
  public int hashCode() {
    return (int) (mixed ^ (mixed >>> 32));
  }

  /** The bits as a string of {@code 0}/{@code 1}, or {@code <root>}. */
  @Override
  public String toString() {
    if (depth == 0) {
      return "<root>";
    }
    StringBuilder sb = new StringBuilder(depth);
    for (int i = 0; i < depth; i++) {
      sb.append(bit(i) ? '1' : '0');
    }
    return sb.toString();
  }
}
