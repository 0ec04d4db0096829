package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.state.TestHashes.SHA256;
import static org.jingchain.state.TestHashes.utf8;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.types.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Focused checks of {@link StateTree}'s contract: versions, reuse, staleness and errors. */
class StateTreeTest {
  private InMemoryTreeStore store;
  private StateTree tree;

  @BeforeEach
  void setUp() {
    store = new InMemoryTreeStore();
    tree = new StateTree(store, SHA256);
  }

  private TreeUpdate commit(long base, long next, SortedMap<Bytes, Optional<Bytes>> batch) {
    TreeUpdate u = tree.update(base, next, batch);
    store.apply(u);
    return u;
  }

  private static SortedMap<Bytes, Optional<Bytes>> range(int from, int to, String value) {
    SortedMap<Bytes, Optional<Bytes>> batch = new TreeMap<>();
    for (int i = from; i < to; i++) {
      batch.put(utf8("k" + i), Optional.of(utf8(value + i)));
    }
    return batch;
  }

  @Test
  void unknownVersionsAndBadArgumentsAreTypedErrors() {
    assertThatThrownBy(() -> tree.rootHash(0))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessageContaining("version 0");
    assertThatThrownBy(() -> tree.get(-5, utf8("x"))).isInstanceOf(VersionNotFoundException.class);
    assertThatThrownBy(() -> tree.update(3, 4, new TreeMap<>()))
        .isInstanceOf(VersionNotFoundException.class)
        .satisfies(e -> assertThat(((VersionNotFoundException) e).version()).isEqualTo(3));
    commit(-1, 0, range(0, 3, "v"));
    assertThatThrownBy(() -> tree.update(0, 0, new TreeMap<>()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.update(-2, 0, new TreeMap<>()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tree.get(0, utf8("k1"))).contains(utf8("v1"));
    assertThatThrownBy(() -> tree.get(1, utf8("k1"))).isInstanceOf(VersionNotFoundException.class);
  }

  @Test
  void everyVersionHasItsOwnRootEvenWithoutChanges_STATE_4() {
    commit(-1, 0, range(0, 50, "v"));
    TreeUpdate empty = commit(0, 1, new TreeMap<>());
    assertThat(empty.newNodes()).extracting(NodeEntry::key).containsExactly(NodeKey.root(1));
    assertThat(empty.staleNodes()).containsExactly(new StaleNode(1, NodeKey.root(0)));
    // Rewriting existing values and deleting absent keys are no-ops too [STATE-15].
    SortedMap<Bytes, Optional<Bytes>> noOps = range(10, 20, "v");
    noOps.put(utf8("absent"), Optional.empty());
    TreeUpdate same = commit(1, 5, noOps);
    assertThat(same.newNodes()).extracting(NodeEntry::key).containsExactly(NodeKey.root(5));
    assertThat(same.rootHash()).isEqualTo(tree.rootHash(0));
    assertThat(tree.get(5, utf8("k7"))).contains(utf8("v7"));
    assertThatThrownBy(() -> tree.rootHash(3)).isInstanceOf(VersionNotFoundException.class);
  }

  @Test
  void singleLeafRootIsCopiedAndMovedCorrectly_STATE_3() {
    commit(-1, 0, new TreeMap<>(Map.of(utf8("solo"), Optional.of(utf8("1")))));
    TreeUpdate copy = commit(0, 1, new TreeMap<>());
    assertThat(copy.newNodes()).hasSize(1);
    assertThat(copy.newNodes().get(0).node()).isInstanceOf(Node.Leaf.class);
    commit(1, 2, range(0, 5, "v"));
    commit(2, 3, removeRange(0, 5));
    assertThat(tree.rootHash(3)).isEqualTo(tree.rootHash(0));
    assertThat(tree.get(3, utf8("solo"))).contains(utf8("1"));
    commit(3, 4, new TreeMap<>(Map.of(utf8("solo"), Optional.empty())));
    assertThat(store.node(NodeKey.root(4))).contains(Node.Empty.INSTANCE);
    store.prune(4);
    assertThat(store.nodeCount()).isEqualTo(1);
  }

  private static SortedMap<Bytes, Optional<Bytes>> removeRange(int from, int to) {
    SortedMap<Bytes, Optional<Bytes>> batch = new TreeMap<>();
    for (int i = from; i < to; i++) {
      batch.put(utf8("k" + i), Optional.empty());
    }
    return batch;
  }

  @Test
  void updatesWriteOnlyUnderTheNewVersionAndTouchLogarithmicallyManyNodes_STATE_5_STATE_15() {
    commit(-1, 0, range(0, 4000, "v"));
    Set<NodeKey> before = new HashSet<>(Reachability.reachable(store, 0));
    TreeUpdate one = commit(0, 1, new TreeMap<>(Map.of(utf8("k1234"), Optional.of(utf8("new")))));
    for (NodeEntry e : one.newNodes()) {
      assertThat(e.key().version()).isEqualTo(1);
    }
    for (StaleNode s : one.staleNodes()) {
      assertThat(s.staleSinceVersion()).isEqualTo(1);
      assertThat(before).contains(s.key());
    }
    // One changed key rewrites its path only: depth ~ log2(4000) + a few, far below N.
    int depth = tree.prove(1, utf8("k1234")).proof().siblings().size();
    assertThat(one.newNodes()).hasSize(depth + 1);
    assertThat(one.staleNodes()).hasSize(depth + 1);
    assertThat(depth).isLessThan(40);
  }

  @Test
  void prunedVersionsFailEvenIfTheirNodesWereCached_STATE_6() {
    commit(-1, 0, range(0, 100, "v"));
    assertThat(tree.get(0, utf8("k5"))).contains(utf8("v5")); // warms the cache
    commit(0, 1, range(0, 100, "w"));
    store.prune(1);
    assertThatThrownBy(() -> tree.get(0, utf8("k5"))).isInstanceOf(VersionNotFoundException.class);
    assertThat(tree.get(1, utf8("k5"))).contains(utf8("w5"));
    assertThat(store.staleCount()).isZero();
  }

  @Test
  void missingInteriorNodesAreReportedAsCorruption() {
    TreeUpdate u = commit(-1, 0, range(0, 10, "v"));
    InMemoryTreeStore partial = new InMemoryTreeStore();
    partial.apply(
        new TreeUpdate(
            u.rootHash(),
            0,
            java.util.List.of(u.newNodes().get(u.newNodes().size() - 1)),
            java.util.List.of()));
    StateTree broken = new StateTree(partial, SHA256);
    assertThat(broken.rootHash(0)).isEqualTo(u.rootHash());
    assertThatThrownBy(() -> broken.get(0, utf8("k1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing node");
  }
}
