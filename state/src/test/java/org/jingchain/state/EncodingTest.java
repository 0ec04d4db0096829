package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** [STATE-7..10] Canonical encodings round-trip; strict decoders reject everything else. */
class EncodingTest {
  private static final HexFormat HEX = HexFormat.of();

  private static Hash randomHash(Random rnd) {
    byte[] b = new byte[32];
    rnd.nextBytes(b);
    return Hash.wrap(b);
  }

  private static NodeKey randomKey(Random rnd) {
    int depth = rnd.nextInt(BitPath.MAX_DEPTH + 1);
    return new NodeKey(rnd.nextLong(Long.MAX_VALUE), BitPath.prefixOf(randomHash(rnd), depth));
  }

  private static List<Node> sampleNodes(Random rnd) {
    Node.Child leaf = new Node.Child(randomHash(rnd), rnd.nextLong(1000), true);
    Node.Child inner = new Node.Child(randomHash(rnd), rnd.nextLong(1000), false);
    byte[] value = new byte[rnd.nextInt(50)];
    rnd.nextBytes(value);
    return List.of(
        Node.Empty.INSTANCE,
        new Node.Internal(Optional.of(leaf), Optional.of(inner)),
        new Node.Internal(Optional.of(inner), Optional.empty()),
        new Node.Internal(Optional.empty(), Optional.of(inner)),
        new Node.Internal(Optional.of(leaf), Optional.of(leaf)),
        new Node.Leaf(randomHash(rnd), randomHash(rnd), Bytes.wrap(value), Bytes.EMPTY),
        new Node.Leaf(randomHash(rnd), randomHash(rnd), Bytes.EMPTY, Bytes.wrap(value)));
  }

  /** Every strict prefix and every one-byte extension must be rejected. */
  private static void assertStrict(byte[] encoding, java.util.function.Consumer<byte[]> decoder) {
    for (int len = 0; len < encoding.length; len++) {
      byte[] truncated = Arrays.copyOf(encoding, len);
      assertThatThrownBy(() -> decoder.accept(truncated))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] trailing = Arrays.copyOf(encoding, encoding.length + 1);
    assertThatThrownBy(() -> decoder.accept(trailing)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void nodeKeysRoundTripAndRejectMalformed_STATE_7(long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < 200; i++) {
      NodeKey key = randomKey(rnd);
      byte[] enc = key.encode();
      assertThat(enc).hasSize(10 + (key.path().depth() + 7) / 8);
      assertThat(NodeKey.decode(enc)).isEqualTo(key);
      if (i < 20) {
        assertStrict(enc, b -> NodeKey.decode(b));
        assertThatThrownBy(() -> NodeKey.decode(Arrays.copyOf(enc, enc.length + 1)))
            .isInstanceOf(MalformedNodeException.class);
      }
    }
  }

  @Test
  void nodeKeyRejectsNonZeroPaddingBadDepthAndNegativeVersion_STATE_7() {
    // depth 1, bits 0b1000_0000 is fine; 0b1100_0000 has a set padding bit.
    assertThat(NodeKey.decode(HEX.parseHex("0000000000000005000180")))
        .isEqualTo(new NodeKey(5, BitPath.ROOT.child(true)));
    assertThatThrownBy(() -> NodeKey.decode(HEX.parseHex("00000000000000050001c0")))
        .isInstanceOf(MalformedNodeException.class)
        .hasMessageContaining("padding");
    assertThatThrownBy(() -> NodeKey.decode(HEX.parseHex("00000000000000050101" + "00".repeat(33))))
        .isInstanceOf(MalformedNodeException.class)
        .hasMessageContaining("depth");
    assertThatThrownBy(() -> NodeKey.decode(HEX.parseHex("80000000000000000000")))
        .isInstanceOf(MalformedNodeException.class);
    byte[] full = new byte[10 + 32];
    full[8] = 1; // depth 256 uses all 32 bytes, no padding
    Arrays.fill(full, 10, full.length, (byte) 0xff);
    assertThat(NodeKey.decode(full).path().depth()).isEqualTo(256);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void nodesRoundTripAndRejectMalformed_STATE_8(long seed) {
    Random rnd = new Random(seed);
    for (Node node : sampleNodes(rnd)) {
      byte[] enc = node.encode();
      assertThat(Node.decode(enc)).isEqualTo(node);
      assertStrict(enc, b -> Node.decode(b));
    }
  }

  @Test
  void nodeDecoderRejectsBadTagsAndNonCanonicalInternals_STATE_3_STATE_8() {
    assertThatThrownBy(() -> Node.decode(new byte[] {3}))
        .isInstanceOf(MalformedNodeException.class);
    assertThatThrownBy(() -> Node.decode(new byte[] {1, 0, 0}))
        .isInstanceOf(MalformedNodeException.class)
        .hasMessageContaining("non-canonical");
    byte[] leafRef = new byte[1 + 8 + 32];
    leafRef[0] = 2;
    byte[] emptyLeaf = concat(new byte[] {1, 0}, leafRef);
    assertThatThrownBy(() -> Node.decode(emptyLeaf)).isInstanceOf(MalformedNodeException.class);
    byte[] leafEmpty = concat(concat(new byte[] {1}, leafRef), new byte[] {0});
    assertThatThrownBy(() -> Node.decode(leafEmpty)).isInstanceOf(MalformedNodeException.class);
    byte[] badKind = concat(concat(new byte[] {1}, leafRef), new byte[] {7});
    assertThatThrownBy(() -> Node.decode(badKind)).isInstanceOf(MalformedNodeException.class);
    byte[] negativeVersion = leafRef.clone();
    negativeVersion[1] = (byte) 0x80;
    byte[] neg = concat(concat(new byte[] {1}, negativeVersion), leafRef);
    assertThatThrownBy(() -> Node.decode(neg)).isInstanceOf(MalformedNodeException.class);
    // A leaf whose key length points past the end.
    byte[] leaf = new byte[1 + 64 + 4 + 4];
    leaf[0] = 2;
    leaf[68] = 9;
    assertThatThrownBy(() -> Node.decode(leaf)).isInstanceOf(MalformedNodeException.class);
    byte[] hugeLength = leaf.clone();
    hugeLength[65] = (byte) 0xff;
    assertThatThrownBy(() -> Node.decode(hugeLength)).isInstanceOf(MalformedNodeException.class);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void staleNodesRoundTripAndSortOldestFirst_STATE_9(long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < 50; i++) {
      StaleNode s = new StaleNode(rnd.nextLong(Long.MAX_VALUE), randomKey(rnd));
      byte[] enc = s.encode();
      assertThat(HEX.formatHex(enc)).endsWith(HEX.formatHex(s.key().encode()));
      assertThat(StaleNode.decode(enc)).isEqualTo(s);
      if (i < 5) {
        assertStrict(enc, b -> StaleNode.decode(b));
      }
    }
    NodeKey deep = new NodeKey(0, BitPath.prefixOf(randomHash(rnd), 200));
    byte[] older = new StaleNode(255, deep).encode();
    byte[] newer = new StaleNode(256, NodeKey.root(0)).encode();
    assertThat(Arrays.compareUnsigned(older, newer)).isNegative();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void proofsRoundTripAndRejectMalformed_STATE_10(long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < 20; i++) {
      int depth = rnd.nextInt(i < 2 ? 1 : 257);
      List<Hash> siblings =
          java.util.stream.Stream.generate(() -> randomHash(rnd)).limit(depth).toList();
      Optional<SparseMerkleProof.ProofLeaf> leaf =
          rnd.nextBoolean()
              ? Optional.of(new SparseMerkleProof.ProofLeaf(randomHash(rnd), randomHash(rnd)))
              : Optional.empty();
      SparseMerkleProof proof = new SparseMerkleProof(leaf, siblings);
      byte[] enc = proof.encode();
      assertThat(enc).hasSize(1 + (leaf.isPresent() ? 64 : 0) + 2 + 32 * depth);
      assertThat(SparseMerkleProof.decode(enc)).isEqualTo(proof);
      if (i < 4) {
        assertStrict(enc, b -> SparseMerkleProof.decode(b));
      }
    }
    assertThatThrownBy(() -> SparseMerkleProof.decode(new byte[] {2, 0, 0}))
        .isInstanceOf(MalformedProofException.class);
    byte[] tooDeep = new byte[3 + 257 * 32];
    tooDeep[1] = 1;
    tooDeep[2] = 1;
    assertThatThrownBy(() -> SparseMerkleProof.decode(tooDeep))
        .isInstanceOf(MalformedProofException.class);
  }

  @Test
  void bitPathsFollowHashBitOrder() {
    Hash h = Hash.fromHex("a5" + "00".repeat(31)); // 1010_0101
    BitPath p = BitPath.ROOT;
    for (int i = 0; i < 8; i++) {
      p = p.child(h.bit(i));
    }
    assertThat(p).isEqualTo(BitPath.prefixOf(h, 8));
    assertThat(p.toString()).isEqualTo("10100101");
    assertThat(BitPath.prefixOf(h, 3).isPrefixOf(h)).isTrue();
    assertThat(BitPath.prefixOf(h, 3).packedBits()).containsExactly(0xa0);
    assertThatThrownBy(() -> BitPath.of(new byte[] {(byte) 0xb0}, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
