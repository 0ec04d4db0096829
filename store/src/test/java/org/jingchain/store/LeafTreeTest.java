package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The leaf tree of a byte stream and its paths ([STORE-4], [STORE-6]). */
class LeafTreeTest {
  /**
   * Streamed in arbitrary pieces, the root equals the chain's Merkle rule applied level by level;
   * every leaf's path verifies, and a changed byte, leaf index or path does not.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"intl", "sm"})
  void streamedRootIsTheChainsMerkleRuleAndEveryPathVerifies(String suiteName) {
    CryptoSuite suite = suiteName.equals("sm") ? CryptoSuites.sm() : CryptoSuites.intl();
    SplittableRandom r = new SplittableRandom(5);
    int leafSize = 256;
    for (int len : new int[] {0, 1, 255, 256, 257, 512, 3 * 256 + 1, 11 * 256, 33 * 256 - 7}) {
      byte[] data = new byte[len];
      r.nextBytes(data);
      List<Hash> sunk = new ArrayList<>();
      LeafTree tree = new LeafTree(suite, leafSize, (i, h) -> sunk.add(h));
      for (int off = 0; off < len; ) {
        int piece = Math.min(len - off, 1 + r.nextInt(300));
        tree.update(data, off, piece);
        off += piece;
      }
      Hash root = tree.root();
      List<Hash> leaves = new ArrayList<>();
      for (int off = 0; off < len; off += leafSize) {
        leaves.add(LeafTree.leafHash(suite, data, off, Math.min(leafSize, len - off)));
      }
      assertThat(sunk).isEqualTo(leaves);
      assertThat(root).isEqualTo(levelByLevel(suite, leaves));
      for (int i = 0; i < leaves.size(); i++) {
        byte[] leaf =
            java.util.Arrays.copyOfRange(data, i * leafSize, Math.min(len, (i + 1) * leafSize));
        List<Hash> path = LeafTree.path(suite, leaves, i);
        assertThat(LeafTree.verify(suite, root, leaves.size(), i, leaf, path)).isTrue();
        leaf[0] ^= 1;
        assertThat(LeafTree.verify(suite, root, leaves.size(), i, leaf, path)).isFalse();
        leaf[0] ^= 1;
        if (leaves.size() > 1) {
          int other = (i + 1) % leaves.size();
          assertThat(LeafTree.verify(suite, root, leaves.size(), other, leaf, path)).isFalse();
          assertThat(LeafTree.verify(suite, root, i, i, leaf, path)).isFalse();
          List<Hash> shorter = path.subList(0, path.size() - 1);
          assertThat(LeafTree.verify(suite, root, leaves.size(), i, leaf, shorter)).isFalse();
        }
      }
      if (len == 0) {
        assertThat(root).isEqualTo(Hash.ZERO);
      }
    }
  }

  /**
   * The chain's rule for transaction roots (MerkleRoot), restated over ready-made leaf hashes: the
   * same inner-node rule with leaf hashing already done.
   */
  private static Hash levelByLevel(CryptoSuite h, List<Hash> leaves) {
    if (leaves.isEmpty()) {
      return Hash.ZERO;
    }
    List<Hash> level = leaves;
    while (level.size() > 1) {
      List<Hash> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(
            h.hash(new byte[] {1}, level.get(i).unsafeArray(), level.get(i + 1).unsafeArray()));
      }
      if (level.size() % 2 == 1) {
        next.add(level.getLast());
      }
      level = next;
    }
    return level.getFirst();
  }

  /** With 32-byte leaves, the tree of the items' bytes is the chain's MerkleRoot of the items. */
  @ParameterizedTest(name = "{0} items")
  @ValueSource(ints = {1, 2, 3, 5, 8, 13, 100})
  void agreesWithTheTransactionRoot(int items) {
    CryptoSuite suite = CryptoSuites.intl();
    List<Hash> hashes = new ArrayList<>();
    LeafTree tree = new LeafTree(suite, Hash.LENGTH);
    for (int i = 0; i < items; i++) {
      Hash item = suite.hash(new byte[] {(byte) i});
      hashes.add(item);
      tree.update(item.unsafeArray(), 0, Hash.LENGTH);
    }
    assertThat(tree.root()).isEqualTo(MerkleRoot.of(hashes, suite));
  }
}
