package org.jingchain.datadir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;

/**
 * The lineage DAG [DD-8]: the cycle check of an update, the reverse edges ({@code derivedInto})
 * kept in state, and the bounded, deterministically ordered graph walks of the read helpers.
 */
final class Lineage {
  private Lineage() {}

  /**
   * Refuses new parents of {@code id} that would close a cycle: {@code id} itself, or any asset
   * {@code id} is an ancestor of. Walks the ancestors of {@code added} breadth-first, visiting at
   * most {@link DatadirLimits#LINEAGE_CHECK_MAX_NODES} assets; beyond that it refuses with {@code
   * DD_LIMIT} rather than risk admitting a cycle.
   */
  static void requireAcyclic(StateReader s, String id, Collection<String> added)
      throws ExecutionFailure {
    TreeSet<String> visited = new TreeSet<>();
    // each queued asset with the added parent whose ancestry it is in, for the error message
    ArrayDeque<String[]> queue = new ArrayDeque<>();
    for (String p : new TreeSet<>(added)) {
      visit(id, p, p, visited, queue);
    }
    while (!queue.isEmpty()) {
      String[] n = queue.poll();
      List<String> parents = Datadir.asset(s, n[0]).map(DataAsset::derivedFrom).orElse(List.of());
      for (String p : new TreeSet<>(parents)) {
        visit(id, p, n[1], visited, queue);
      }
    }
  }

  private static void visit(
      String id, String p, String via, Set<String> visited, Deque<String[]> queue)
      throws ExecutionFailure {
    if (p.equals(id)) {
      throw new ExecutionFailure(
          DatadirErrors.LINEAGE_CYCLE,
          via.equals(id)
              ? id + " cannot be derived from itself"
              : id + " cannot be derived from " + via + ": " + via + " is derived from " + id);
    }
    if (visited.add(p)) {
      if (visited.size() > DatadirLimits.LINEAGE_CHECK_MAX_NODES) {
        throw new ExecutionFailure(
            DatadirErrors.LIMIT,
            "the lineage check of "
                + id
                + " would visit more than "
                + DatadirLimits.LINEAGE_CHECK_MAX_NODES
                + " assets");
      }
      queue.add(new String[] {p, via});
    }
  }

  /** Refuses when a parent's reverse-edge list is full [DD-8]; checked before any write. */
  static void requireRoomIn(StateReader s, Collection<String> parents) throws ExecutionFailure {
    for (String p : parents) {
      if (StateLists.count(s, Datadir.derivedIntoKey(p)) >= DatadirLimits.MAX_DERIVED_INTO) {
        throw new ExecutionFailure(
            DatadirErrors.LIMIT,
            p + " already has " + DatadirLimits.MAX_DERIVED_INTO + " derived assets");
      }
    }
  }

  static void addEdge(WriteSet s, String parent, String child) {
    long index = StateLists.append(s, Datadir.derivedIntoKey(parent), StateLists.text(child));
    s.put(Datadir.derivedIntoPositionKey(parent, child), DatadirCodec.u64(index));
  }

  /** Removes {@code child} from {@code parent}'s list, moving the last entry into its place. */
  static void removeEdge(WriteSet s, String parent, String child) {
    String list = Datadir.derivedIntoKey(parent);
    String posKey = Datadir.derivedIntoPositionKey(parent, child);
    long index = s.get(posKey).map(DatadirCodec::u64).orElseThrow();
    long last = StateLists.count(s, list) - 1;
    if (index != last) {
      String moved = StateLists.text(StateLists.item(s, list, last).orElseThrow());
      StateLists.set(s, list, index, StateLists.text(moved));
      s.put(Datadir.derivedIntoPositionKey(parent, moved), DatadirCodec.u64(index));
    }
    StateLists.removeLast(s, list);
    s.delete(WriteSet.key(posKey));
  }

  /** The ids derived directly from {@code id}, sorted. */
  static List<String> children(StateReader s, String id) {
    String list = Datadir.derivedIntoKey(id);
    long n = StateLists.count(s, list);
    TreeSet<String> out = new TreeSet<>();
    for (long i = 0; i < n; i++) {
      out.add(StateLists.text(StateLists.item(s, list, i).orElseThrow()));
    }
    return List.copyOf(out);
  }

  /**
   * Breadth-first from {@code root} towards parents ({@code up}) or children, neighbours in id
   * order, at most {@code maxNodes} nodes; the edges are those among the nodes reached.
   */
  static Optional<LineageGraph> graph(StateReader s, String root, int maxNodes, boolean up) {
    if (maxNodes < 1 || maxNodes > DatadirLimits.MAX_GRAPH_NODES) {
      throw new IllegalArgumentException(
          "maxNodes must be 1.." + DatadirLimits.MAX_GRAPH_NODES + ", got " + maxNodes);
    }
    if (Datadir.asset(s, root).isEmpty()) {
      return Optional.empty();
    }
    TreeSet<String> nodes = new TreeSet<>(List.of(root));
    TreeSet<LineageGraph.Edge> edges = new TreeSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(root));
    boolean truncated = false;
    while (!queue.isEmpty()) {
      String n = queue.poll();
      List<String> next =
          up
              ? List.copyOf(
                  new TreeSet<>(Datadir.asset(s, n).map(DataAsset::derivedFrom).orElse(List.of())))
              : children(s, n);
      for (String m : next) {
        if (!nodes.contains(m)) {
          if (nodes.size() >= maxNodes) {
            truncated = true;
            continue;
          }
          nodes.add(m);
          queue.add(m);
        }
        edges.add(up ? new LineageGraph.Edge(n, m) : new LineageGraph.Edge(m, n));
      }
    }
    return Optional.of(
        new LineageGraph(root, new ArrayList<>(nodes), new ArrayList<>(edges), truncated));
  }
}
