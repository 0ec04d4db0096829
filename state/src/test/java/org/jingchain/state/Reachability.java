package org.jingchain.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Enumerates the node keys reachable from a version's root, for pruning tests [STATE-6]. */
final class Reachability {
  private Reachability() {}

  static Set<NodeKey> reachable(TreeReader store, long version) {
    Set<NodeKey> seen = new HashSet<>();
    Deque<NodeKey> todo = new ArrayDeque<>();
    todo.push(NodeKey.root(version));
    while (!todo.isEmpty()) {
      NodeKey key = todo.pop();
      if (!seen.add(key)) {
        continue;
      }
      Node node =
          store.node(key).orElseThrow(() -> new AssertionError("unreachable-by-store " + key));
      if (node instanceof Node.Internal in) {
        push(todo, key, in.left(), false);
        push(todo, key, in.right(), true);
      }
    }
    return seen;
  }

  private static void push(
      Deque<NodeKey> todo, NodeKey parent, Optional<Node.Child> child, boolean right) {
    child.ifPresent(c -> todo.push(new NodeKey(c.version(), parent.path().child(right))));
  }
}
