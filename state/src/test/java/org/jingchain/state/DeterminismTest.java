package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.state.TestHashes.SHA256;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.types.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** [STATE-14] Independent trees fed the same batches emit byte-identical updates. */
class DeterminismTest {

  private static byte[] serialize(TreeUpdate u) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(u.rootHash().toByteArray());
    for (NodeEntry e : u.newNodes()) {
      out.writeBytes(e.key().encode());
      out.writeBytes(e.node().encode());
    }
    for (StaleNode s : u.staleNodes()) {
      out.writeBytes(s.encode());
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 17, 99})
  void sameBatchesGiveByteIdenticalUpdates_STATE_14(long seed) {
    Random rnd = new Random(seed);
    InMemoryTreeStore storeA = new InMemoryTreeStore();
    InMemoryTreeStore storeB = new InMemoryTreeStore();
    StateTree a = new StateTree(storeA, SHA256);
    StateTree b = new StateTree(storeB, SHA256, 0); // different cache: must not matter
    for (long v = 0; v < 30; v++) {
      SortedMap<Bytes, Optional<Bytes>> batch = new TreeMap<>();
      int n = rnd.nextInt(60);
      for (int i = 0; i < n; i++) {
        Bytes key = TestHashes.utf8("k" + rnd.nextInt(300));
        batch.put(
            key,
            rnd.nextInt(3) == 0
                ? Optional.empty()
                : Optional.of(TestHashes.utf8("" + rnd.nextInt(5))));
      }
      // The same logical batch built in a different insertion order.
      SortedMap<Bytes, Optional<Bytes>> copy = new TreeMap<>(Map.copyOf(batch));
      TreeUpdate ua = a.update(v - 1, v, batch);
      TreeUpdate ub = b.update(v - 1, v, copy);
      assertThat(ub).isEqualTo(ua);
      assertThat(serialize(ub)).isEqualTo(serialize(ua));
      storeA.apply(ua);
      storeB.apply(ub);
      if (v % 7 == 6) {
        storeA.prune(v - 2);
        storeB.prune(v - 2);
      }
    }
  }
}
