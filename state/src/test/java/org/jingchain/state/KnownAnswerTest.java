package org.jingchain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.state.TestHashes.SHA256;
import static org.jingchain.state.TestHashes.hex;
import static org.jingchain.state.TestHashes.utf8;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

/**
 * [STATE-16] Fixed vectors, computed independently of this code and repeated in {@code
 * docs/spec/state.md}; a change here is a consensus change.
 */
class KnownAnswerTest {
  static final String ROOT_ABC = "8e2a164a410203f51300d7c6645b7a37f549768457be109acc126c63573a9e0a";
  static final String ROOT_AB = "70a50295110313dd28320faccbee14d04dc2894e877a2e407115a2f337ed4efa";
  static final String LEAF_A = "565388d4bc00257133f799d9366ac97f6e949c18acc53d17457f8859ba0f08d3";
  static final String LEAF_B = "9a958649c9e8e0668b509754fd662e5e68b0a04c203a6fb7ebaf19a65d1e3e1d";
  static final String KH_A = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
  static final String VH_1 = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
  static final String KH_B = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";
  static final String VH_2 = "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35";

  @Test
  void rootOfAbcTree_STATE_16() {
    StateTree tree = new StateTree(new InMemoryTreeStore(), SHA256);
    TreeUpdate u =
        tree.update(
            -1,
            0,
            new TreeMap<>(
                Map.of(
                    utf8("a"), Optional.of(utf8("1")),
                    utf8("b"), Optional.of(utf8("2")),
                    utf8("c"), Optional.of(utf8("3")))));
    assertThat(u.rootHash()).isEqualTo(Hash.fromHex(ROOT_ABC));
  }

  @Test
  void workedTwoKeyExampleOfTheSpec_STATE_7_8_9_10() {
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, SHA256);
    TreeUpdate v0 =
        tree.update(
            -1,
            0,
            new TreeMap<>(
                Map.of(utf8("a"), Optional.of(utf8("1")), utf8("b"), Optional.of(utf8("2")))));
    store.apply(v0);
    assertThat(v0.rootHash()).isEqualTo(Hash.fromHex(ROOT_AB));
    assertThat(v0.staleNodes()).isEmpty();
    List<NodeEntry> nodes = v0.newNodes();
    assertThat(nodes).hasSize(3);
    assertThat(hex(nodes.get(0).key().encode())).isEqualTo("0000000000000000000100");
    assertThat(hex(nodes.get(0).node().encode()))
        .isEqualTo("02" + KH_B + VH_2 + "00000001" + "62" + "00000001" + "32");
    assertThat(hex(nodes.get(1).key().encode())).isEqualTo("0000000000000000000180");
    assertThat(hex(nodes.get(1).node().encode()))
        .isEqualTo("02" + KH_A + VH_1 + "00000001" + "61" + "00000001" + "31");
    assertThat(hex(nodes.get(2).key().encode())).isEqualTo("00000000000000000000");
    assertThat(hex(nodes.get(2).node().encode()))
        .isEqualTo("01" + "02" + "0000000000000000" + LEAF_B + "02" + "0000000000000000" + LEAF_A);

    assertThat(hex(tree.prove(0, utf8("a")).proof().encode()))
        .isEqualTo("01" + KH_A + VH_1 + "0001" + LEAF_B);
    // "c" (key hash 0b0010...) ends at b's leaf, which shares the one-bit prefix "0".
    ProofResult c = tree.prove(0, utf8("c"));
    assertThat(c.value()).isEmpty();
    assertThat(hex(c.proof().encode())).isEqualTo("01" + KH_B + VH_2 + "0001" + LEAF_A);

    TreeUpdate v1 = tree.update(0, 1, new TreeMap<>(Map.of(utf8("b"), Optional.empty())));
    assertThat(v1.rootHash()).isEqualTo(Hash.fromHex(LEAF_A));
    assertThat(v1.newNodes())
        .extracting(e -> hex(e.key().encode()))
        .containsExactly("00000000000000010000");
    assertThat(v1.staleNodes())
        .extracting(s -> hex(s.encode()))
        .containsExactly(
            "0000000000000001" + "0000000000000000000100",
            "0000000000000001" + "00000000000000000000",
            "0000000000000001" + "0000000000000000000180");
  }
}
