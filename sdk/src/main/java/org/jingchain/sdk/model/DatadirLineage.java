package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The lineage graph around an asset ({@code GET /datadir/assets/{id}/lineage}): its ancestors or
 * descendants, breadth-first up to a bound, as nodes sorted by id and child-to-parent edges.
 *
 * @param root the asset walked from
 * @param direction {@code ancestors} or {@code descendants}
 * @param nodes the asset ids reached, the root included
 * @param truncated whether the bound cut the walk short
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatadirLineage(
    String root, String direction, List<String> nodes, List<Edge> edges, boolean truncated) {
  public DatadirLineage {
    nodes = Copies.list(nodes);
    edges = Copies.list(edges);
  }

  /** "{@code from} was derived from {@code to}": an edge from a child to a parent. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Edge(String from, String to) {}
}
