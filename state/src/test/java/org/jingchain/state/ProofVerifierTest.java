package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.jingchain.state.TestHashes.SHA256;
import static org.jingchain.state.TestHashes.SHA256_BYTES;
import static org.jingchain.state.TestHashes.utf8;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

/** [STATE-11..13] The standalone verifier: sound on edge cases, total on garbage. */
class ProofVerifierTest {
  private static final byte[] A = "a".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] ONE = "1".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** The two-key tree {a: 1, b: 2} at version 0. */
  private static StateTree twoKeyTree() {
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, SHA256);
    store.apply(
        tree.update(
            -1,
            0,
            new TreeMap<>(
                Map.of(utf8("a"), Optional.of(utf8("1")), utf8("b"), Optional.of(utf8("2"))))));
    return tree;
  }

  @Test
  void neverThrowsOnRandomGarbage_STATE_13() {
    Random rnd = new Random(20240601L);
    byte[] root = twoKeyTree().rootHash(0).toByteArray();
    for (int i = 0; i < 4000; i++) {
      byte[] garbage = new byte[rnd.nextInt(i % 4 == 0 ? 8 : 400)];
      rnd.nextBytes(garbage);
      if (garbage.length > 0 && rnd.nextBoolean()) {
        garbage[0] = (byte) rnd.nextInt(2); // a valid flag, so parsing goes further
      }
      byte[] proof = garbage;
      assertThatCode(
              () -> {
                assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, A, ONE, proof))
                    .isFalse();
                assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, root, A, proof))
                    .isFalse();
              })
          .doesNotThrowAnyException();
    }
  }

  @Test
  void everySingleBitFlipOrTruncationOfAValidProofFails_STATE_11_STATE_13() {
    StateTree tree = twoKeyTree();
    byte[] root = tree.rootHash(0).toByteArray();
    byte[] proof = tree.prove(0, utf8("a")).proof().encode();
    assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, A, ONE, proof)).isTrue();
    for (int bit = 0; bit < proof.length * 8; bit++) {
      byte[] bad = proof.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, A, ONE, bad)).isFalse();
      assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, root, A, bad)).isFalse();
    }
    for (int len = 0; len < proof.length; len++) {
      byte[] cut = Arrays.copyOf(proof, len);
      assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, A, ONE, cut)).isFalse();
    }
    assertThat(
            ProofVerifier.verifyInclusion(
                SHA256_BYTES, root, A, ONE, Arrays.copyOf(proof, proof.length + 1)))
        .isFalse();
  }

  @Test
  void nullsAndWrongLengthsAreFalseNotExceptions_STATE_13() {
    StateTree tree = twoKeyTree();
    byte[] root = tree.rootHash(0).toByteArray();
    byte[] proof = tree.prove(0, utf8("a")).proof().encode();
    assertThat(ProofVerifier.verifyInclusion(null, root, A, ONE, proof)).isFalse();
    assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, null, A, ONE, proof)).isFalse();
    assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, null, ONE, proof)).isFalse();
    assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, A, null, proof)).isFalse();
    assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, A, ONE, null)).isFalse();
    assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, Arrays.copyOf(root, 31), A, ONE, proof))
        .isFalse();
    assertThat(ProofVerifier.verifyInclusion(b -> new byte[20], root, A, ONE, proof)).isFalse();
    // The nullable-value entry point is the same check.
    assertThat(ProofVerifier.verify(SHA256_BYTES, root, A, ONE, proof)).isTrue();
    assertThat(ProofVerifier.verify(SHA256_BYTES, root, A, null, proof)).isFalse();
  }

  @Test
  void emptyTreeProvesEverythingAbsent_STATE_12() {
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, SHA256);
    TreeUpdate u = tree.update(-1, 0, new TreeMap<>());
    store.apply(u);
    assertThat(u.rootHash()).isEqualTo(Hash.ZERO);
    ProofResult r = tree.prove(0, utf8("anything"));
    assertThat(r.value()).isEmpty();
    assertThat(r.proof().leaf()).isEmpty();
    assertThat(r.proof().siblings()).isEmpty();
    byte[] proof = r.proof().encode();
    assertThat(proof).containsExactly(0, 0, 0);
    assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, new byte[32], A, proof)).isTrue();
    byte[] notEmpty = new byte[32];
    notEmpty[5] = 1;
    assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, notEmpty, A, proof)).isFalse();
  }

  @Test
  void aForeignLeafOffTheKeysPathDoesNotProveAbsence_STATE_12() {
    // A fake root that puts a's leaf on the left although a's key hash starts with bit 1: the hash
    // fold for a key starting with 0 succeeds, so only the shared-prefix check can reject it.
    Hash keyA = SHA256.hash(A);
    Hash leafA = Node.leafHash(SHA256, keyA, SHA256.hash(ONE));
    Hash leafB =
        Node.leafHash(SHA256, SHA256.hash(new byte[] {'b'}), SHA256.hash(new byte[] {'2'}));
    byte[] fakeRoot = Node.internalHash(SHA256, leafA, leafB).toByteArray();
    SparseMerkleProof proof =
        new SparseMerkleProof(
            Optional.of(new SparseMerkleProof.ProofLeaf(keyA, SHA256.hash(ONE))), List.of(leafB));
    byte[] keyStartingWith0 = "b".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(SHA256.hash(keyStartingWith0).bit(0)).isFalse();
    assertThat(
            ProofVerifier.verifyNonInclusion(
                SHA256_BYTES, fakeRoot, keyStartingWith0, proof.encode()))
        .isFalse();
  }

  @Test
  void aLeafBesideAnEmptySiblingIsNotCanonical_STATE_3_STATE_11() {
    // H(0x01 || leaf || ZERO) would be a valid fold, but such a node collapses in a real tree.
    Hash keyA = SHA256.hash(A);
    Hash valueHash = SHA256.hash(ONE);
    Hash leaf = Node.leafHash(SHA256, keyA, valueHash);
    byte[] root = Node.internalHash(SHA256, Hash.ZERO, leaf).toByteArray(); // a's bit 0 is 1
    byte[] proof =
        new SparseMerkleProof(
                Optional.of(new SparseMerkleProof.ProofLeaf(keyA, valueHash)), List.of(Hash.ZERO))
            .encode();
    assertThat(ProofVerifier.verifyInclusion(SHA256_BYTES, root, A, ONE, proof)).isFalse();
  }

  @Test
  void proofOfAbsentKeyCannotBeReplayedForAnother() {
    StateTree tree = twoKeyTree();
    byte[] root = tree.rootHash(0).toByteArray();
    Bytes absent = utf8("c");
    byte[] proof = tree.prove(0, absent).proof().encode();
    assertThat(ProofVerifier.verifyNonInclusion(SHA256_BYTES, root, absent.toByteArray(), proof))
        .isTrue();
    assertThat(
            ProofVerifier.verifyNonInclusion(
                SHA256_BYTES, root, "b".getBytes(java.nio.charset.StandardCharsets.UTF_8), proof))
        .isFalse();
  }
}
