package org.jingchain.execution;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.types.Bytes;

/**
 * Buffered state changes over a {@link StateReader}, in key order (a {@link TreeMap}, never a hash
 * map, so iteration is deterministic). {@code Optional.empty()} marks a deletion.
 */
public final class WriteSet implements StateReader {
  private final StateReader base;
  private final TreeMap<Bytes, Optional<Bytes>> changes = new TreeMap<>();

  public WriteSet(StateReader base) {
    this.base = base;
  }

  @Override
  public Optional<Bytes> get(Bytes key) {
    Optional<Bytes> changed = changes.get(key);
    return changed != null ? changed : base.get(key);
  }

  public Optional<Bytes> get(String key) {
    return get(key(key));
  }

  public void put(Bytes key, Bytes value) {
    changes.put(key, Optional.of(value));
  }

  public void put(String key, Bytes value) {
    put(key(key), value);
  }

  public void delete(Bytes key) {
    changes.put(key, Optional.empty());
  }

  /** Moves this set's changes into {@code target} (a transaction's writes into its block's). */
  public void mergeInto(WriteSet target) {
    target.changes.putAll(changes);
    changes.clear();
  }

  public void clear() {
    changes.clear();
  }

  public SortedMap<Bytes, Optional<Bytes>> changes() {
    return Collections.unmodifiableSortedMap(changes);
  }

  public static Bytes key(String key) {
    return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
  }
}
