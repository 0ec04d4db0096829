package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.state.TestHashes.SHA256;
import static org.jingchain.state.TestHashes.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.types.Bytes;
import org.junit.jupiter.api.Test;

/** {@link StateTree#cacheWritten}: the next update reads no node it wrote, with equal results. */
class CacheWrittenTest {
  /** Counts the non-root reads that reach the store. */
  private static final class CountingReader implements TreeReader {
    final InMemoryTreeStore store = new InMemoryTreeStore();
    final List<NodeKey> reads = new ArrayList<>();

    @Override
    public Optional<Node> node(NodeKey key) {
      if (key.path().depth() > 0) {
        reads.add(key);
      }
      return store.node(key);
    }
  }

  private static SortedMap<Bytes, Optional<Bytes>> batch(Random r, int version) {
    SortedMap<Bytes, Optional<Bytes>> b = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      int k = r.nextInt(1000);
      b.put(
          utf8("k" + k), r.nextInt(10) == 0 ? Optional.empty() : Optional.of(utf8("v" + version)));
    }
    return b;
  }

  @Test
  void nodesOfTheLastUpdateAreServedFromTheCacheAndResultsDoNotChange() {
    CountingReader warm = new CountingReader();
    CountingReader cold = new CountingReader();
    StateTree warmTree = new StateTree(warm, SHA256);
    StateTree coldTree = new StateTree(cold, SHA256, 0);
    Random r = new Random(7);
    for (int v = 0; v < 20; v++) {
      SortedMap<Bytes, Optional<Bytes>> changes = batch(r, v);
      warm.reads.clear();
      TreeUpdate w = warmTree.update(v - 1, v, changes);
      TreeUpdate c = coldTree.update(v - 1, v, changes);
      assertThat(w).isEqualTo(c);
      if (v > 0) {
        // Everything this update loaded was written by the previous one or earlier and cached.
        assertThat(warm.reads).isEmpty();
      }
      warm.store.apply(w);
      cold.store.apply(c);
      warmTree.cacheWritten(w);
    }
    assertThat(warmTree.rootHash(19)).isEqualTo(coldTree.rootHash(19));
    assertThat(cold.reads).isNotEmpty();
  }
}
