package org.jingchain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A heap-backed {@link TreeReader} that applies {@link TreeUpdate}s and prunes stale nodes, for
 * tests, benchmarks and ephemeral nodes; thread-safe.
 */
public final class InMemoryTreeStore implements TreeReader {
  // Lookup only; nothing iterates it, so hash order never reaches an output.
  private final Map<NodeKey, Node> nodes = new ConcurrentHashMap<>();
  // staleSinceVersion -> keys, guarded by this.
  private final NavigableMap<Long, List<NodeKey>> stale = new TreeMap<>();

  @Override
  public Optional<Node> node(NodeKey key) {
    return Optional.ofNullable(nodes.get(key));
  }

  /** Stores the update's new nodes and remembers its stale ones for {@link #prune}. */
  public synchronized void apply(TreeUpdate update) {
    for (NodeEntry e : update.newNodes()) {
      nodes.put(e.key(), e.node());
    }
    for (StaleNode s : update.staleNodes()) {
      stale.computeIfAbsent(s.staleSinceVersion(), v -> new ArrayList<>()).add(s.key());
    }
  }

  /**
   * Deletes every stale node with {@code staleSinceVersion <= oldestRetainedVersion}: no version
   * {@code >= oldestRetainedVersion} can reach them [STATE-6]. Returns how many were deleted.
   */
  public synchronized int prune(long oldestRetainedVersion) {
    NavigableMap<Long, List<NodeKey>> due = stale.headMap(oldestRetainedVersion, true);
    int removed = 0;
    for (List<NodeKey> keys : due.values()) {
      for (NodeKey k : keys) {
        if (nodes.remove(k) != null) {
          removed++;
        }
      }
    }
    due.clear();
    return removed;
  }

  /** Number of stored nodes, live or stale. */
  public int nodeCount() {
    return nodes.size();
  }

  /** Number of stale nodes awaiting pruning. */
  public synchronized int staleCount() {
    int n = 0;
    for (List<NodeKey> keys : stale.values()) {
      n += keys.size();
    }
    return n;
  }
}
