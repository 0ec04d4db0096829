package org.jingchain.state;

import java.util.Optional;

/**
 * Read access to stored tree nodes; implementations (in-memory, RocksDB) must be thread-safe.
 *
 * <p>A node is immutable under its key [STATE-5], so callers may cache what this returns.
 */
@FunctionalInterface
public interface TreeReader {
  /** The node stored under {@code key}, or empty if it was never written or has been pruned. */
  Optional<Node> node(NodeKey key);
}
