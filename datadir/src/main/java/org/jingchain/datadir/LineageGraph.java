package org.jingchain.datadir;

import java.util.List;
import java.util.Objects;

/**
 * Part of the lineage DAG around {@code root}: nodes sorted by id, edges {@code child -> parent}
 * ("child was derived from parent") sorted by (child, parent); {@code truncated} when the node
 * bound cut the walk short.
 */
public record LineageGraph(String root, List<String> nodes, List<Edge> edges, boolean truncated) {
  /** {@code child} was derived from {@code parent}. */
  public record Edge(String child, String parent) implements Comparable<Edge> {
    public Edge {
      Objects.requireNonNull(child, "child");
      Objects.requireNonNull(parent, "parent");
    }

    @Override
    public int compareTo(Edge o) {
      int c = child.compareTo(o.child);
      return c != 0 ? c : parent.compareTo(o.parent);
    }
  }

  public LineageGraph {
    Objects.requireNonNull(root, "root");
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }
}
