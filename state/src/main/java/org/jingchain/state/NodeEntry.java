package org.jingchain.state;

import java.util.Objects;

/**
 * A node written by an update, with the key to store it under.
 *
 * @param key where the node is stored
 * @param node the node
 */
public record NodeEntry(NodeKey key, Node node) {
  public NodeEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(node, "node");
  }
}
