package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.state.TestHashes.SHA256;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** [STATE-3] The root depends only on the key/value set, never on how it was reached. */
class CanonicalRootTest {

  /** Applies batches one version after another and returns the final root. */
  private static Hash replay(List<SortedMap<Bytes, Optional<Bytes>>> batches) {
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, SHA256);
    long v = -1;
    Hash root = Hash.ZERO;
    for (SortedMap<Bytes, Optional<Bytes>> batch : batches) {
      TreeUpdate u = tree.update(v, v + 1, batch);
      store.apply(u);
      root = u.rootHash();
      v++;
    }
    return root;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 11, 19, 42, 1000})
  void sameSetReachedByDifferentHistoriesHasSameRoot_STATE_3(long seed) {
    Random rnd = new Random(seed);
    TreeMap<Bytes, Bytes> target = new TreeMap<>();
    for (int i = 0; i < 80; i++) {
      target.put(TestHashes.utf8("k" + rnd.nextInt(1000)), TestHashes.utf8("v" + rnd.nextInt()));
    }
    Hash expected = TestHashes.referenceRoot(SHA256, target);

    // One batch with everything.
    assertThat(replay(List.of(puts(target)))).isEqualTo(expected);

    // One key per version in a shuffled order.
    List<Bytes> keys = new ArrayList<>(target.keySet());
    Collections.shuffle(keys, rnd);
    List<SortedMap<Bytes, Optional<Bytes>>> oneByOne = new ArrayList<>();
    for (Bytes k : keys) {
      oneByOne.add(new TreeMap<>(Map.of(k, Optional.of(target.get(k)))));
    }
    assertThat(replay(oneByOne)).isEqualTo(expected);

    // Extra keys and wrong values first, then deletes, reinserts and corrections.
    List<SortedMap<Bytes, Optional<Bytes>>> messy = new ArrayList<>();
    SortedMap<Bytes, Optional<Bytes>> first = puts(target);
    for (int i = 0; i < 40; i++) {
      first.put(TestHashes.utf8("extra" + i), Optional.of(TestHashes.utf8("x")));
    }
    keys.subList(0, 20).forEach(k -> first.put(k, Optional.of(TestHashes.utf8("wrong"))));
    messy.add(first);
    SortedMap<Bytes, Optional<Bytes>> second = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      second.put(TestHashes.utf8("extra" + i), Optional.empty());
    }
    keys.subList(0, 40).forEach(k -> second.put(k, Optional.empty()));
    messy.add(second);
    messy.add(new TreeMap<>());
    SortedMap<Bytes, Optional<Bytes>> third = new TreeMap<>();
    keys.subList(0, 40).forEach(k -> third.put(k, Optional.of(target.get(k))));
    messy.add(third);
    assertThat(replay(messy)).isEqualTo(expected);
  }

  @Test
  void deletingEverythingGivesTheEmptyRoot_STATE_2() {
    TreeMap<Bytes, Bytes> set = new TreeMap<>();
    for (int i = 0; i < 30; i++) {
      set.put(TestHashes.utf8("k" + i), TestHashes.utf8("v" + i));
    }
    SortedMap<Bytes, Optional<Bytes>> deleteAll = new TreeMap<>();
    set.keySet().forEach(k -> deleteAll.put(k, Optional.empty()));
    assertThat(replay(List.of(puts(set), deleteAll))).isEqualTo(Hash.ZERO);
  }

  @Test
  void deepPathsDownTo256Bits_STATE_3() {
    // With IDENTITY_32, a 32-byte key is its own key hash, so these differ only in the last bit.
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[31] = 1;
    byte[] c = new byte[32];
    c[0] = (byte) 0x80;
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, TestHashes.IDENTITY_32);
    SortedMap<Bytes, Optional<Bytes>> batch = new TreeMap<>();
    TreeMap<Bytes, Bytes> model = new TreeMap<>();
    for (byte[] k : List.of(a, b, c)) {
      batch.put(Bytes.wrap(k), Optional.of(TestHashes.utf8("v" + k[31] + k[0])));
      model.put(Bytes.wrap(k), TestHashes.utf8("v" + k[31] + k[0]));
    }
    TreeUpdate u = tree.update(-1, 0, batch);
    store.apply(u);
    assertThat(u.rootHash()).isEqualTo(TestHashes.referenceRoot(TestHashes.IDENTITY_32, model));
    // 256 internal nodes on a's and b's path (depth 0..255), plus 3 leaves.
    assertThat(u.newNodes()).hasSize(256 + 3);
    ProofResult pa = tree.prove(0, Bytes.wrap(a));
    assertThat(pa.proof().siblings()).hasSize(256);
    byte[] root = u.rootHash().toByteArray();
    assertThat(
            ProofVerifier.verifyInclusion(
                TestHashes.IDENTITY_32_BYTES,
                root,
                a,
                model.get(Bytes.wrap(a)).toByteArray(),
                pa.proof().encode()))
        .isTrue();
    // A key beside the long chain ends at a placeholder deep down.
    byte[] d = new byte[32];
    d[16] = 1;
    ProofResult pd = tree.prove(0, Bytes.wrap(d));
    assertThat(pd.value()).isEmpty();
    assertThat(pd.proof().leaf()).isEmpty();
    // d shares 135 bits with a, so the placeholder sits at depth 136.
    assertThat(pd.proof().siblings()).hasSize(136);
    assertThat(
            ProofVerifier.verifyNonInclusion(
                TestHashes.IDENTITY_32_BYTES, root, d, pd.proof().encode()))
        .isTrue();

    // Deleting b collapses the 255-deep chain: a moves back up beside c.
    TreeUpdate del = tree.update(0, 1, new TreeMap<>(Map.of(Bytes.wrap(b), Optional.empty())));
    store.apply(del);
    model.remove(Bytes.wrap(b));
    assertThat(del.rootHash()).isEqualTo(TestHashes.referenceRoot(TestHashes.IDENTITY_32, model));
    // a rewritten at "0" and the new root; c stays where it was, by reference [STATE-15].
    assertThat(del.newNodes()).hasSize(2);
    assertThat(tree.prove(1, Bytes.wrap(a)).proof().siblings()).hasSize(1);
    store.prune(1);
    assertThat(store.nodeCount()).isEqualTo(3);
  }

  static SortedMap<Bytes, Optional<Bytes>> puts(Map<Bytes, Bytes> entries) {
    SortedMap<Bytes, Optional<Bytes>> batch = new TreeMap<>();
    entries.forEach((k, v) -> batch.put(k, Optional.of(v)));
    return batch;
  }
}
