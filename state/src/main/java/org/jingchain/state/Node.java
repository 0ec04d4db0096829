package org.jingchain.state;

import java.util.Objects;
import java.util.Optional;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * A stored tree node: the empty root, an internal node pointing at its children's keys, or a leaf
 * carrying its key and value [STATE-2, STATE-8].
 */
public sealed interface Node permits Node.Empty, Node.Internal, Node.Leaf {
  /** Tag byte of an encoded {@link Empty}. */
  byte TAG_EMPTY = 0x00;

  /** Tag byte of an encoded {@link Internal}. */
  byte TAG_INTERNAL = 0x01;

  /** Tag byte of an encoded {@link Leaf}. */
  byte TAG_LEAF = 0x02;

  /** The node's Merkle hash under {@code h} [STATE-2]. */
  Hash hash(HashFunction h);

  /** The canonical encoding: a tag byte then the node's fields [STATE-8]. */
  byte[] encode();

  /** Strict inverse of {@link #encode()}; throws {@link MalformedNodeException}. */
  static Node decode(byte[] bytes) {
    return NodeCodec.decode(bytes);
  }

  /** {@code H(0x00 || keyHash || valueHash)} [STATE-2]. */
  static Hash leafHash(HashFunction h, Hash keyHash, Hash valueHash) {
    return h.hash(new byte[] {0x00}, keyHash.unsafeArray(), valueHash.unsafeArray());
  }

  /** {@code H(0x01 || left || right)}, empty children hashing as {@link Hash#ZERO} [STATE-2]. */
  static Hash internalHash(HashFunction h, Hash left, Hash right) {
    return h.hash(new byte[] {0x01}, left.unsafeArray(), right.unsafeArray());
  }

  /** The root of an empty tree; only ever stored at a root position [STATE-4]. */
  record Empty() implements Node {
    public static final Empty INSTANCE = new Empty();

    @Override
    public Hash hash(HashFunction h) {
      return Hash.ZERO;
    }

    @Override
    public byte[] encode() {
      return new byte[] {TAG_EMPTY};
    }
  }

  /**
   * A pointer from an internal node to a child, enough to read it without scanning.
   *
   * @param hash the child's Merkle hash
   * @param version the version in the child's {@link NodeKey}; its path is the parent's plus a bit
   * @param leaf whether the child is a leaf
   */
  record Child(Hash hash, long version, boolean leaf) {
    public Child {
      Objects.requireNonNull(hash, "hash");
      if (version < 0) {
        throw new IllegalArgumentException("negative version " + version);
      }
    }
  }

  /**
   * An internal node. Canonical form [STATE-3]: at least one child is internal, or both children
   * are present; (empty, empty), (empty, leaf) and (leaf, empty) are rejected because they
   * collapse.
   */
  record Internal(Optional<Child> left, Optional<Child> right) implements Node {
    public Internal {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
      boolean leftInternal = left.isPresent() && !left.get().leaf();
      boolean rightInternal = right.isPresent() && !right.get().leaf();
      if (!(leftInternal || rightInternal || (left.isPresent() && right.isPresent()))) {
        throw new IllegalArgumentException(
            "non-canonical internal node: a lone leaf or no child must collapse");
      }
    }

    /** The child on side {@code right} ({@code false} = left). */
    public Optional<Child> child(boolean right) {
      return right ? this.right : left;
    }

    @Override
    public Hash hash(HashFunction h) {
      return internalHash(
          h, left.map(Child::hash).orElse(Hash.ZERO), right.map(Child::hash).orElse(Hash.ZERO));
    }

    @Override
    public byte[] encode() {
      return NodeCodec.encode(this);
    }
  }

  /**
   * A leaf. It keeps the key and value so reads and proofs can return them.
   *
   * @param keyHash {@code H(key)}
   * @param valueHash {@code H(value)}
   */
  record Leaf(Hash keyHash, Hash valueHash, Bytes key, Bytes value) implements Node {
    public Leaf {
      Objects.requireNonNull(keyHash, "keyHash");
      Objects.requireNonNull(valueHash, "valueHash");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /** A leaf for {@code key}/{@code value}, hashing both with {@code h} [STATE-1]. */
    public static Leaf of(HashFunction h, Bytes key, Bytes value) {
      return new Leaf(h.hash(key.unsafeArray()), h.hash(value.unsafeArray()), key, value);
    }

    @Override
    public Hash hash(HashFunction h) {
      return leafHash(h, keyHash, valueHash);
    }

    @Override
    public byte[] encode() {
      return NodeCodec.encode(this);
    }
  }
}
