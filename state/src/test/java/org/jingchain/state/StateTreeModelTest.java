package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.state.TestHashes.SHA256;
import static org.jingchain.state.TestHashes.SHA256_BYTES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomised model test: the tree at every version behaves like a {@link TreeMap} snapshot, its
 * proofs verify, and pruning frees exactly the nodes no retained version reaches.
 */
class StateTreeModelTest {
  private static final int VERSIONS = 100;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
  void matchesTreeMapModelAcrossVersionsAndPruning(long seed) {
    Random rnd = new Random(seed);
    InMemoryTreeStore store = new InMemoryTreeStore();
    // Alternate a disabled and a tiny cache so both the reader path and eviction get exercised.
    StateTree tree = new StateTree(store, SHA256, seed % 2 == 0 ? 0 : 64);
    int keySpace = 40 + rnd.nextInt(200);
    List<Map<Bytes, Bytes>> snapshots = new ArrayList<>();
    TreeMap<Bytes, Bytes> model = new TreeMap<>();
    long oldestRetained = 0;
    for (long v = 0; v < VERSIONS; v++) {
      SortedMap<Bytes, Optional<Bytes>> batch = randomBatch(rnd, keySpace, model);
      TreeUpdate update = tree.update(v - 1, v, batch);
      store.apply(update);
      batch.forEach((k, val) -> val.ifPresentOrElse(x -> model.put(k, x), () -> model.remove(k)));
      snapshots.add(new TreeMap<>(model));

      // [STATE-3] the root is the canonical root of the key/value set.
      assertThat(update.rootHash()).isEqualTo(TestHashes.referenceRoot(SHA256, model));
      assertThat(tree.rootHash(v)).isEqualTo(update.rootHash());
      checkVersion(tree, v, model, rnd, keySpace);

      long old = oldestRetained + rnd.nextLong(v - oldestRetained + 1);
      checkVersion(tree, old, snapshots.get((int) old), rnd, keySpace);

      if (v % 15 == 14) {
        long prunePoint = v - rnd.nextInt(4);
        checkPrune(store, tree, prunePoint, oldestRetained, v, snapshots, rnd, keySpace);
        oldestRetained = prunePoint;
      }
    }
  }

  private static SortedMap<Bytes, Optional<Bytes>> randomBatch(
      Random rnd, int keySpace, Map<Bytes, Bytes> model) {
    SortedMap<Bytes, Optional<Bytes>> batch = new TreeMap<>();
    if (rnd.nextInt(6) == 0) {
      return batch; // empty batches still create a version [STATE-4]
    }
    int size = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : rnd.nextInt(10) == 0 ? 150 : 40);
    for (int i = 0; i < size; i++) {
      Bytes key = key(rnd.nextInt(keySpace));
      int op = rnd.nextInt(10);
      if (op < 4) {
        batch.put(key, Optional.empty()); // may delete an absent key: a no-op
      } else if (op == 4 && model.containsKey(key)) {
        batch.put(key, Optional.of(model.get(key))); // rewrite the same value
      } else {
        batch.put(key, Optional.of(randomValue(rnd)));
      }
    }
    return batch;
  }

  static Bytes key(int i) {
    return TestHashes.utf8("key-" + i);
  }

  private static Bytes randomValue(Random rnd) {
    byte[] v = new byte[rnd.nextInt(24)]; // includes the empty value, which is not a delete
    rnd.nextBytes(v);
    return Bytes.wrap(v);
  }

  /** get/prove at {@code version} agree with {@code model} for present and absent keys. */
  static void checkVersion(
      StateTree tree, long version, Map<Bytes, Bytes> model, Random rnd, int keySpace) {
    Hash root = tree.rootHash(version);
    Set<Bytes> sample = new HashSet<>();
    List<Bytes> present = new ArrayList<>(model.keySet());
    for (int i = 0; i < 12 && !present.isEmpty(); i++) {
      sample.add(present.get(rnd.nextInt(present.size())));
    }
    for (int i = 0; i < 12; i++) {
      sample.add(key(rnd.nextInt(keySpace * 2))); // half of these were never written
    }
    for (Bytes k : sample) {
      checkKey(tree, version, root, k, Optional.ofNullable(model.get(k)));
    }
  }

  private static void checkKey(
      StateTree tree, long version, Hash root, Bytes key, Optional<Bytes> expected) {
    assertThat(tree.get(version, key)).isEqualTo(expected);
    ProofResult result = tree.prove(version, key);
    assertThat(result.value()).isEqualTo(expected);
    byte[] proof = result.proof().encode();
    assertThat(SparseMerkleProof.decode(proof)).isEqualTo(result.proof());
    byte[] r = root.toByteArray();
    byte[] k = key.toByteArray();
    byte[] otherRoot = r.clone();
    otherRoot[version % 2 == 0 ? 0 : 31] ^= 1;
    if (expected.isPresent()) {
      byte[] value = expected.get().toByteArray();
      // [STATE-11] inclusion verifies, and only for this value and this root.
      assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, r, k, value, proof)).isTrue();
      byte[] otherValue = Arrays.copyOf(value, value.length + 1);
      assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, r, k, otherValue, proof)).isFalse();
      assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, otherRoot, k, value, proof)).isFalse();
      assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, r, k, proof)).isFalse();
    } else {
      // [STATE-12] non-inclusion verifies, and no value can be claimed with it.
      assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, r, k, proof)).isTrue();
      assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, otherRoot, k, proof)).isFalse();
      assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, r, k, new byte[0], proof)).isFalse();
    }
  }

  /** [STATE-6] prune frees exactly what no retained version reaches; older versions vanish. */
  private static void checkPrune(
      InMemoryTreeStore store,
      StateTree tree,
      long prunePoint,
      long previouslyRetained,
      long latest,
      List<Map<Bytes, Bytes>> snapshots,
      Random rnd,
      int keySpace) {
    int before = store.nodeCount();
    int removed = store.prune(prunePoint);
    if (prunePoint > previouslyRetained) {
      assertThat(removed).isPositive(); // at least the older roots went stale
    }
    assertThat(store.nodeCount()).isEqualTo(before - removed);
    Set<NodeKey> live = new HashSet<>();
    for (long w = prunePoint; w <= latest; w++) {
      live.addAll(Reachability.reachable(store, w));
      checkVersion(tree, w, snapshots.get((int) w), rnd, keySpace);
    }
    assertThat(store.nodeCount()).isEqualTo(live.size());
    for (long w = Math.max(0, previouslyRetained - 1); w < prunePoint; w++) {
      long gone = w;
      assertThatThrownBy(() -> tree.rootHash(gone))
          .isInstanceOf(VersionNotFoundException.class)
          .hasMessageContaining(Long.toString(gone));
      assertThatThrownBy(() -> tree.get(gone, key(0))).isInstanceOf(VersionNotFoundException.class);
      assertThatThrownBy(() -> tree.prove(gone, key(0)))
          .isInstanceOf(VersionNotFoundException.class);
    }
  }
}
