package org.jingchain.storage;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jingchain.types.Bytes;

/**
 * Latest-state values (absences included) recently read or committed, so that execution, which
 * reads every sender's nonce and balances, mostly skips RocksDB. Lookups never lock.
 *
 * <p>Consistency with concurrent commits: a commit overwrites every key it changed, after its write
 * batch is in the database and under the lock, and bumps {@link #generation}. A value read from the
 * database enters only if no commit ran since the reader noted the generation before its read, so a
 * value read before a commit can never overwrite what that commit put. When full, the cache is
 * emptied (rare, and simpler than an eviction order nobody could get wrong under races).
 */
final class LatestCache {
  private final int capacity;
  private final ConcurrentHashMap<Bytes, Optional<Bytes>> values;
  private final AtomicLong generation = new AtomicLong();

  /** Holds at most {@code capacity} keys; 0 disables caching. */
  LatestCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("negative cache capacity " + capacity);
    }
    this.capacity = capacity;
    this.values = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
  }

  /** The cached value (empty Optional: known absent), or null on a miss. */
  Optional<Bytes> get(Bytes key) {
    return values.get(key);
  }

  /** Note this before reading the database, and pass it to {@link #fill}. */
  long generation() {
    return generation.get();
  }

  /** Caches a value read from the database, unless a commit ran since {@code seen}. */
  synchronized void fill(Bytes key, Optional<Bytes> value, long seen) {
    if (capacity == 0 || generation.get() != seen) {
      return;
    }
    makeRoom(1);
    values.putIfAbsent(key, value);
  }

  /** Records a committed block's changes; call after they are in the database. */
  synchronized void committed(Map<Bytes, Optional<Bytes>> changes) {
    generation.incrementAndGet();
    makeRoom(changes.size());
    if (changes.size() <= capacity) {
      values.putAll(changes);
    }
  }

  private void makeRoom(int n) {
    if ((long) values.size() + n > capacity) {
      values.clear();
    }
  }

  int size() {
    return values.size();
  }
}
