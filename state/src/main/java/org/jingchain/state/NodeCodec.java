package org.jingchain.state;

import java.util.Optional;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * Canonical encoding of {@link Node}s, kept apart so the node records stay plain data [STATE-8].
 */
final class NodeCodec {
  static final int CHILD_EMPTY = 0;
  static final int CHILD_INTERNAL = 1;
  static final int CHILD_LEAF = 2;
  private static final int CHILD_REF_LENGTH = 8 + Hash.LENGTH;

  private NodeCodec() {}

  static byte[] encode(Node.Internal node) {
    int len = 1 + childLength(node.left()) + childLength(node.right());
    byte[] out = new byte[len];
    out[0] = Node.TAG_INTERNAL;
    int off = writeChild(out, 1, node.left());
    writeChild(out, off, node.right());
    return out;
  }

  private static int childLength(Optional<Node.Child> child) {
    return 1 + (child.isPresent() ? CHILD_REF_LENGTH : 0);
  }

  private static int writeChild(byte[] out, int off, Optional<Node.Child> child) {
    if (child.isEmpty()) {
      out[off] = CHILD_EMPTY;
      return off + 1;
    }
    Node.Child c = child.get();
    out[off] = (byte) (c.leaf() ? CHILD_LEAF : CHILD_INTERNAL);
    ByteReader.putLong(out, off + 1, c.version());
    System.arraycopy(c.hash().unsafeArray(), 0, out, off + 9, Hash.LENGTH);
    return off + 1 + CHILD_REF_LENGTH;
  }

  static byte[] encode(Node.Leaf leaf) {
    byte[] key = leaf.key().unsafeArray();
    byte[] value = leaf.value().unsafeArray();
    byte[] out = new byte[1 + 2 * Hash.LENGTH + 4 + key.length + 4 + value.length];
    out[0] = Node.TAG_LEAF;
    int off = 1;
    System.arraycopy(leaf.keyHash().unsafeArray(), 0, out, off, Hash.LENGTH);
    off += Hash.LENGTH;
    System.arraycopy(leaf.valueHash().unsafeArray(), 0, out, off, Hash.LENGTH);
    off += Hash.LENGTH;
    ByteReader.putInt(out, off, key.length);
    System.arraycopy(key, 0, out, off + 4, key.length);
    off += 4 + key.length;
    ByteReader.putInt(out, off, value.length);
    System.arraycopy(value, 0, out, off + 4, value.length);
    return out;
  }

  static Node decode(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, MalformedNodeException::new);
    Node node =
        switch (in.u8()) {
          case Node.TAG_EMPTY -> Node.Empty.INSTANCE;
          case Node.TAG_INTERNAL -> readInternal(in);
          case Node.TAG_LEAF -> readLeaf(in);
          default -> throw in.fail("unknown node tag " + (bytes[0] & 0xff));
        };
    in.finish();
    return node;
  }

  private static Node.Internal readInternal(ByteReader in) {
    Optional<Node.Child> left = readChild(in);
    Optional<Node.Child> right = readChild(in);
    try {
      return new Node.Internal(left, right);
    } catch (IllegalArgumentException e) {
      throw in.fail(e.getMessage());
    }
  }

  private static Optional<Node.Child> readChild(ByteReader in) {
    int kind = in.u8();
    return switch (kind) {
      case CHILD_EMPTY -> Optional.empty();
      case CHILD_INTERNAL, CHILD_LEAF -> {
        long version = in.version();
        Hash hash = in.hash();
        yield Optional.of(new Node.Child(hash, version, kind == CHILD_LEAF));
      }
      default -> throw in.fail("unknown child kind " + kind);
    };
  }

  private static Node.Leaf readLeaf(ByteReader in) {
    Hash keyHash = in.hash();
    Hash valueHash = in.hash();
    Bytes key = Bytes.wrap(in.bytes(in.u32()));
    Bytes value = Bytes.wrap(in.bytes(in.u32()));
    return new Node.Leaf(keyHash, valueHash, key, value);
  }
}
