package org.jingchain.state;

import java.util.Objects;

/**
 * A node that an update replaced: still readable by versions before {@code staleSinceVersion},
 * unreachable from it onwards, so pruning may delete it once no older version is kept [STATE-6].
 *
 * @param staleSinceVersion the version whose update replaced the node
 * @param key the replaced node's key
 */
public record StaleNode(long staleSinceVersion, NodeKey key) {
  public StaleNode {
    if (staleSinceVersion < 0) {
      throw new IllegalArgumentException("negative version " + staleSinceVersion);
    }
    Objects.requireNonNull(key, "key");
  }

  /**
   * {@code staleSinceVersion} (8 bytes big-endian) || {@link NodeKey#encode()}, so a byte-ordered
   * iterator visits the oldest stale nodes first [STATE-9].
   */
  public byte[] encode() {
    byte[] out = new byte[8 + key.encodedLength()];
    ByteReader.putLong(out, 0, staleSinceVersion);
    key.writeTo(out, 8);
    return out;
  }

  /** Strict inverse of {@link #encode()}; throws {@link MalformedNodeException}. */
  public static StaleNode decode(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, MalformedNodeException::new);
    long since = in.version();
    NodeKey key = NodeKey.read(in);
    in.finish();
    return new StaleNode(since, key);
  }
}
