package org.jingchain.state;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe cache of decoded nodes that keeps roughly the most recently used ones.
 *
 * <p>Two generations instead of an LRU list: lookups never lock, and when the young generation
 * fills it becomes the old one (dropping the previous old one). Safe because a node never changes
 * under its key [STATE-5]. Package-private API; {@code get} returns null on a miss.
 */
final class NodeCache {
  private final int generationSize;
  private volatile ConcurrentHashMap<NodeKey, Node> young;
  private volatile ConcurrentHashMap<NodeKey, Node> old;

  /** At most {@code capacity} nodes are held; 0 disables caching. */
  NodeCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("negative cache capacity " + capacity);
    }
    this.generationSize = capacity / 2;
    this.young = newGeneration();
    this.old = newGeneration();
  }

  /** Sized up front so filling a generation never pays for rehashing. */
  private ConcurrentHashMap<NodeKey, Node> newGeneration() {
    return new ConcurrentHashMap<>(generationSize + 1);
  }

  Node get(NodeKey key) {
    if (generationSize == 0) {
      return null;
    }
    Node n = young.get(key);
    if (n == null) {
      n = old.get(key);
      if (n != null) {
        put(key, n);
      }
    }
    return n;
  }

  void put(NodeKey key, Node node) {
    if (generationSize == 0) {
      return;
    }
    ConcurrentHashMap<NodeKey, Node> y = young;
    y.put(key, node);
    if (y.size() >= generationSize) {
      rotate(y);
    }
  }

  @SuppressWarnings("ReferenceEquality") // identity: rotate only the generation that filled up
  private synchronized void rotate(ConcurrentHashMap<NodeKey, Node> full) {
    if (young == full) {
      old = full;
      young = newGeneration();
    }
  }

  synchronized void clear() {
    young = newGeneration();
    old = newGeneration();
  }
}
