package org.jingchain.crypto;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A lock-free read, size-bounded concurrent cache of decoded keys, evicting by generations.
 *
 * <p>Entries go into a young generation; when it fills up it becomes the old generation and the
 * previous old one is dropped whole. A hit in the old generation is promoted, so keys in steady use
 * survive rotations (an approximation of LRU without per-entry bookkeeping). At most {@code
 * maxEntries} (plus a few racing inserts) are held. Values must be immutable or thread-safe.
 */
public final class BoundedCache<K, V> {
  private final int generationCapacity;
  private volatile ConcurrentHashMap<K, V> young;
  private volatile ConcurrentHashMap<K, V> old;

  /** A cache holding up to {@code maxEntries}; 0 disables caching (every lookup loads). */
  public BoundedCache(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be >= 0, got " + maxEntries);
    }
    this.generationCapacity = maxEntries / 2;
    this.young = new ConcurrentHashMap<>();
    this.old = new ConcurrentHashMap<>();
  }

  /**
   * The cached value for {@code key}, or the one {@code loader} computes, which is cached unless it
   * is null (so invalid keys are never cached and cannot evict valid ones). Returns null when the
   * loader does.
   */
  public V get(K key, Function<? super K, ? extends V> loader) {
    ConcurrentHashMap<K, V> y = young;
    V value = y.get(key);
    if (value != null) {
      return value;
    }
    value = old.get(key);
    if (value == null) {
      value = loader.apply(key);
      if (value == null) {
        return null;
      }
    }
    put(y, key, value);
    return value;
  }

  /** Number of entries held, for tests. */
  int size() {
    return young.size() + old.size();
  }

  private void put(ConcurrentHashMap<K, V> y, K key, V value) {
    if (generationCapacity == 0) {
      return;
    }
    y.put(key, value);
    if (y.size() >= generationCapacity) {
      rotate(y);
    }
  }

  @SuppressWarnings("ReferenceEquality") // identity: is the full map still the young one?
  private synchronized void rotate(ConcurrentHashMap<K, V> full) {
    // Another thread may have rotated already while this one was inserting.
    if (young == full) {
      old = full;
      young = new ConcurrentHashMap<>();
    }
  }
}
