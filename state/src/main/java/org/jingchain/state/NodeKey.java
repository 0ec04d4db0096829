package org.jingchain.state;

import java.util.Objects;

/**
 * The storage key of a tree node: the version that wrote it and its position [STATE-5].
 *
 * @param version the version whose update wrote the node (non-negative)
 * @param path the node's position, 0..256 bits
 */
public record NodeKey(long version, BitPath path) {
  /** Encoded size of a root key: 8-byte version + 2-byte depth, no path bytes. */
  static final int HEADER_LENGTH = 10;

  public NodeKey {
    if (version < 0) {
      throw new IllegalArgumentException("negative version " + version);
    }
    Objects.requireNonNull(path, "path");
  }

  /** The root position of {@code version}. */
  public static NodeKey root(long version) {
    return new NodeKey(version, BitPath.ROOT);
  }

  /** Encoded length in bytes. */
  int encodedLength() {
    return HEADER_LENGTH + path.packedLength();
  }

  /**
   * {@code version} (8 bytes big-endian) || {@code depth} (2 bytes big-endian) || path bits packed
   * MSB-first into {@code ceil(depth/8)} bytes, unused trailing bits zero [STATE-7].
   */
  public byte[] encode() {
    byte[] out = new byte[encodedLength()];
    writeTo(out, 0);
    return out;
  }

  void writeTo(byte[] out, int off) {
    ByteReader.putLong(out, off, version);
    out[off + 8] = (byte) (path.depth() >>> 8);
    out[off + 9] = (byte) path.depth();
    path.writeTo(out, off + HEADER_LENGTH);
  }

  /** Strict inverse of {@link #encode()}; throws {@link MalformedNodeException}. */
  public static NodeKey decode(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, MalformedNodeException::new);
    NodeKey key = read(in);
    in.finish();
    return key;
  }

  static NodeKey read(ByteReader in) {
    long version = in.version();
    int depth = in.u16();
    if (depth > BitPath.MAX_DEPTH) {
      throw in.fail("path depth " + depth + " exceeds " + BitPath.MAX_DEPTH);
    }
    byte[] packed = in.bytes(BitPath.byteLength(depth));
    try {
      return new NodeKey(version, BitPath.of(packed, depth));
    } catch (IllegalArgumentException e) {
      throw in.fail(e.getMessage());
    }
  }

  /** Spread over all bits: hash-keyed stores hold millions of keys with small versions. */
  @Override
  public int hashCode() {
    long h = BitPath.fmix64(path.mixedHash() ^ (version * 0x9E3779B97F4A7C15L));
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKey k && version == k.version && path.equals(k.path);
  }

  @Override
  public String toString() {
    return "NodeKey[v" + version + ", " + path + "]";
  }
}
