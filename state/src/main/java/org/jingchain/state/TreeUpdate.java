package org.jingchain.state;

import java.util.List;
import java.util.Objects;
import org.jingchain.types.Hash;

/**
 * The outcome of one {@link StateTree#update}: what a store must write and what became stale.
 * Deterministic: equal inputs give equal (and equally ordered) lists [STATE-14].
 *
 * @param rootHash the root hash of {@code version}
 * @param version the version written
 * @param newNodes the nodes to store, children before parents (post-order, left before right), the
 *     root node {@code NodeKey(version, root)} last
 * @param staleNodes the nodes this update replaced, in the order the update visited them, all with
 *     {@code staleSinceVersion == version}
 */
public record TreeUpdate(
    Hash rootHash, long version, List<NodeEntry> newNodes, List<StaleNode> staleNodes) {
  public TreeUpdate {
    Objects.requireNonNull(rootHash, "rootHash");
    newNodes = List.copyOf(newNodes);
    staleNodes = List.copyOf(staleNodes);
  }
}
