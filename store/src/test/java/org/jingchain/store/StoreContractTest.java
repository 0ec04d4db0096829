package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jingchain.gov.Gov;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code store} contract as operators and owners meet it (docs/spec/storage.md section 2,
 * [STORE-10..12]): registration by organisation members, placement across failure domains,
 * confirmations by the placed node's operator only, and every refusal typed and changing nothing.
 */
class StoreContractTest {
  final TestChain chain = new TestChain(SuiteId.INTL, (suite, crypto) -> new StoreContract(crypto));

  Address member(String name, String org) {
    Address a = chain.crypto().address(chain.key(name).publicKey());
    chain.put(Gov.roleKey(a), Bytes.wrap(Gov.encode(new Gov.Roles(org, Gov.MEMBER))));
    return a;
  }

  /** Six nodes, two per organisation; returns node id -> operator. */
  Map<String, Address> sixNodes() {
    Map<String, Address> ops = new HashMap<>();
    String[] orgs = {"hospital", "university", "bank"};
    for (int i = 0; i < 6; i++) {
      String org = orgs[i % 3];
      Address op = member("op" + i, org);
      chain.ok(
          op, StoreCalls.registerNode("n" + i, "http://127.0.0.1:" + (8700 + i), "", 1L << 40));
      ops.put("n" + i, op);
    }
    return ops;
  }

  static List<Hash> roots(int n) {
    List<Hash> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(hashOf(i));
    }
    return r;
  }

  static Hash hashOf(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) (i + 1);
    return Hash.wrap(b);
  }

  static Call put(String name, long size, Coding c) {
    return StoreCalls.putObject(
        new StoreCalls.PutObject(name, size, c, hashOf(99), roots(c.totalShards()), 0, ""));
  }

  static final Coding FOUR_TWO = new Coding(4, 2, 1 << 20, 16 << 10);

  /** [STORE-12] six nodes in three organisations: six shards, one per node, two per org. */
  @Test
  void shardsGoOnePerNodeAndEvenlyOverOrganisations() {
    Map<String, Address> ops = sixNodes();
    Address owner = member("owner", "hospital");
    Event e = chain.ok(owner, put("scan.dcm", 5_000_000, FOUR_TWO));
    Hash id = StoreState.idByName(chain.state(), chain.crypto(), owner, "scan.dcm").orElseThrow();
    assertThat(e.attribute("object")).contains(id.toHex());
    StoredObject o = StoreState.object(chain.state(), id).orElseThrow();
    assertThat(o.placement()).doesNotHaveDuplicates().hasSize(6);
    Map<String, Integer> perOrg = new HashMap<>();
    for (String n : o.placement()) {
      perOrg.merge(StoreState.node(chain.state(), n).orElseThrow().org(), 1, Integer::sum);
    }
    assertThat(perOrg)
        .containsOnlyKeys("hospital", "university", "bank")
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
    long shard = FOUR_TWO.shardLength(5_000_000);
    for (String n : o.placement()) {
      assertThat(StoreState.node(chain.state(), n).orElseThrow().used()).isEqualTo(shard);
    }
    assertThat(o.stored()).isFalse();
    // Placement is a function of the object id and the registry: the same on every validator.
    assertThat(StoreState.place(chain.crypto(), id, StoreState.nodes(chain.state()), 6, 0))
        .hasSameElementsAs(o.placement());
    assertThat(ops).hasSize(6);
  }

  @Test
  void onlyThePlacedOperatorConfirmsAndAllConfirmedIsStored() {
    Map<String, Address> ops = sixNodes();
    Address owner = member("owner", "bank");
    chain.ok(owner, put("a", 1000, FOUR_TWO));
    Hash id = StoreState.idByName(chain.state(), chain.crypto(), owner, "a").orElseThrow();
    StoredObject o = StoreState.object(chain.state(), id).orElseThrow();
    String holder0 = o.placement().get(0);
    Address other = ops.get(o.placement().get(1));
    assertThat(chain.refused(other, StoreCalls.confirmShard(id, 0))).isEqualTo("NOT_PLACED");
    assertThat(chain.refused(owner, StoreCalls.confirmShard(id, 0))).isEqualTo("NOT_PLACED");
    assertThat(chain.refused(ops.get(holder0), StoreCalls.confirmShard(id, 6)))
        .isEqualTo("INVALID_ARGS");
    for (int i = 0; i < 6; i++) {
      Event e = chain.ok(ops.get(o.placement().get(i)), StoreCalls.confirmShard(id, i));
      assertThat(e.attribute("confirmed")).contains(Integer.toString(i + 1));
    }
    assertThat(StoreState.object(chain.state(), id).orElseThrow().stored()).isTrue();
    assertThat(chain.refused(ops.get(holder0), StoreCalls.confirmShard(id, 0)))
        .isEqualTo("ALREADY_CONFIRMED");
  }

  @Test
  void badPutsAreRefusedWithTheirReasonAndChangeNothing() {
    sixNodes();
    Address owner = member("owner", "bank");
    assertThat(chain.refused(owner, put("big", StoreContract.MAX_OBJECT_BYTES + 1, FOUR_TWO)))
        .isEqualTo("OBJECT_TOO_LARGE");
    assertThat(chain.refused(owner, put("empty", 0, FOUR_TWO))).isEqualTo("EMPTY_OBJECT");
    assertThat(chain.refused(owner, put("/abs", 10, FOUR_TWO))).isEqualTo("INVALID_ARGS");
    assertThat(chain.refused(owner, put("wide", 10, Coding.DEFAULT))).isEqualTo("NOT_ENOUGH_NODES");
    Call wrongRoots =
        StoreCalls.putObject(
            new StoreCalls.PutObject("x", 10, FOUR_TWO, hashOf(1), roots(5), 0, ""));
    assertThat(chain.refused(owner, wrongRoots)).isEqualTo("INVALID_ARGS");
    Call expired =
        StoreCalls.putObject(
            new StoreCalls.PutObject("x", 10, FOUR_TWO, hashOf(1), roots(6), 1, ""));
    assertThat(chain.refused(owner, expired)).isEqualTo("INVALID_ARGS");
    // A coding outside the field, and trailing bytes, are malformed arguments.
    byte[] args = put("x", 10, FOUR_TWO).args().toByteArray();
    byte[] badCoding = args.clone();
    badCoding[4 + 1 + 8] = 0; // the data shard count, after the name "x" (u32 length) and the size
    assertThat(chain.refused(owner, new Call("store", "put_object", Bytes.wrap(badCoding))))
        .isEqualTo("INVALID_ARGS");
    byte[] longer = java.util.Arrays.copyOf(args, args.length + 1);
    assertThat(chain.refused(owner, new Call("store", "put_object", Bytes.wrap(longer))))
        .isEqualTo("INVALID_ARGS");
    // [STORE-7] a sealed object has a 32-byte salt and a size sealed segments can have
    Call shortSalt =
        StoreCalls.putObject(
            new StoreCalls.PutObject(
                "s",
                17,
                FOUR_TWO,
                hashOf(1),
                roots(6),
                0,
                "",
                StoreCalls.SEALED,
                Bytes.wrap(new byte[8])));
    assertThat(chain.refused(owner, shortSalt)).isEqualTo("INVALID_ARGS");
    Call unsealable =
        StoreCalls.putObject(
            new StoreCalls.PutObject(
                "s",
                16,
                FOUR_TWO,
                hashOf(1),
                roots(6),
                0,
                "",
                StoreCalls.SEALED,
                Bytes.wrap(new byte[32])));
    assertThat(chain.refused(owner, unsealable)).isEqualTo("INVALID_ARGS");
    Call unknown =
        StoreCalls.putObject(
            new StoreCalls.PutObject(
                "s", 17, FOUR_TWO, hashOf(1), roots(6), 0, "", 2, Bytes.EMPTY));
    assertThat(chain.refused(owner, unknown)).isEqualTo("INVALID_ARGS");
    chain.ok(
        owner,
        StoreCalls.putObject(
            new StoreCalls.PutObject(
                "s",
                17,
                FOUR_TWO,
                hashOf(1),
                roots(6),
                0,
                "",
                StoreCalls.SEALED,
                Bytes.wrap(new byte[32]))));
    chain.ok(owner, put("x", 10, FOUR_TWO));
    assertThat(chain.refused(owner, put("x", 10, FOUR_TWO))).isEqualTo("OBJECT_EXISTS");
  }

  @Test
  void nodesAreRegisteredByMembersAndChangedByTheirOperatorOnly() {
    // On an open chain an operator of no organisation registers a node that is its own domain.
    Address stranger = chain.crypto().address(chain.key("stranger").publicKey());
    chain.ok(stranger, StoreCalls.registerNode("loner", "http://h:1", "", 10));
    assertThat(StoreState.node(chain.state(), "loner").orElseThrow().domain())
        .isEqualTo("node/loner");
    Address op = member("op", "hospital");
    assertThat(chain.refused(op, StoreCalls.registerNode("N1", "http://h:1", "", 10)))
        .isEqualTo("INVALID_ARGS");
    assertThat(chain.refused(op, StoreCalls.registerNode("n1", "ftp://h:1", "", 10)))
        .isEqualTo("INVALID_ARGS");
    assertThat(chain.refused(op, StoreCalls.registerNode("n1", "http://h:1", "", 0)))
        .isEqualTo("INVALID_ARGS");
    chain.ok(op, StoreCalls.registerNode("n1", "http://h:1", "rack-2", 10));
    assertThat(chain.refused(op, StoreCalls.registerNode("n1", "http://h:2", "", 10)))
        .isEqualTo("NODE_EXISTS");
    StorageNode n = StoreState.node(chain.state(), "n1").orElseThrow();
    assertThat(n.domain()).isEqualTo("hospital/rack-2");
    assertThat(n.operator()).isEqualTo(op);
    Address other = member("other", "hospital");
    assertThat(chain.refused(other, StoreCalls.updateNode("n1", "http://h:3", 20)))
        .isEqualTo("NOT_OPERATOR");
    assertThat(chain.refused(other, StoreCalls.retireNode("n1"))).isEqualTo("NOT_OPERATOR");
    chain.ok(op, StoreCalls.updateNode("n1", "https://store.example:8443", 20));
    chain.ok(op, StoreCalls.retireNode("n1"));
    assertThat(StoreState.node(chain.state(), "n1").orElseThrow().active()).isFalse();
    assertThat(chain.refused(op, StoreCalls.retireNode("n1"))).isEqualTo("NODE_RETIRED");
  }

  @Test
  void retiredNodesGetNoShardsAndDeletingFreesTheirSpace() {
    Map<String, Address> ops = sixNodes();
    Address owner = member("owner", "bank");
    chain.ok(ops.get("n0"), StoreCalls.retireNode("n0"));
    assertThat(chain.refused(owner, put("a", 100, FOUR_TWO))).isEqualTo("NOT_ENOUGH_NODES");
    Coding threeTwo = new Coding(3, 2, 1 << 20, 16 << 10);
    chain.ok(owner, put("a", 100, threeTwo));
    Hash id = StoreState.idByName(chain.state(), chain.crypto(), owner, "a").orElseThrow();
    assertThat(StoreState.object(chain.state(), id).orElseThrow().placement()).doesNotContain("n0");
    Address thief = member("thief", "bank");
    assertThat(chain.refused(thief, StoreCalls.deleteObject(id))).isEqualTo("NOT_OWNER");
    chain.ok(owner, StoreCalls.deleteObject(id));
    assertThat(StoreState.object(chain.state(), id)).isEmpty();
    assertThat(StoreState.nodes(chain.state())).allSatisfy(n -> assertThat(n.used()).isZero());
    assertThat(chain.refused(owner, StoreCalls.deleteObject(id))).isEqualTo("NO_OBJECT");
  }

  /** [STORE-12] with more nodes than shards, placement still spreads over every domain. */
  @ParameterizedTest
  @EnumSource(value = SuiteId.class)
  void placementSpreadsOverDomainsForAnyObject(SuiteId suite) {
    TestChain c = new TestChain(suite, (s, crypto) -> new StoreContract(crypto));
    List<StorageNode> nodes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      nodes.add(
          new StorageNode(
              "n" + i,
              Address.parse(c.crypto().address(c.key("k" + i).publicKey()).toString()),
              "org" + (i % 7),
              "",
              "http://h",
              1000,
              0,
              true,
              100,
              0,
              0,
              0,
              0,
              1));
    }
    for (int obj = 0; obj < 200; obj++) {
      Hash id = c.crypto().hash(new byte[] {(byte) obj, (byte) (obj >> 8)});
      List<String> p = StoreState.place(c.crypto(), id, nodes, 14, 10);
      assertThat(p).hasSize(14).doesNotHaveDuplicates();
      Map<String, Integer> perOrg = new HashMap<>();
      for (String n : p) {
        perOrg.merge("org" + (Integer.parseInt(n.substring(1)) % 7), 1, Integer::sum);
      }
      assertThat(perOrg).hasSize(7).allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
    }
  }

  /** [STORE-11] Past its retention anyone may delete an object, which frees the nodes' space. */
  @Test
  void pastItsRetentionAnyoneDeletesAnObject() {
    sixNodes();
    Address owner = member("owner", "bank");
    Address anyone = member("anyone", "hospital");
    long expires = chain.height() + 3;
    chain.ok(
        owner,
        StoreCalls.putObject(
            new StoreCalls.PutObject("tmp", 100, FOUR_TWO, hashOf(1), roots(6), expires, "")));
    Hash id = StoreState.idByName(chain.state(), chain.crypto(), owner, "tmp").orElseThrow();
    assertThat(chain.refused(anyone, StoreCalls.deleteObject(id))).isEqualTo("NOT_OWNER");
    while (chain.height() <= expires) {
      chain.advance(1000);
    }
    chain.ok(anyone, StoreCalls.deleteObject(id));
    assertThat(StoreState.object(chain.state(), id)).isEmpty();
    assertThat(StoreState.nodes(chain.state())).allSatisfy(n -> assertThat(n.used()).isZero());
  }

  /** [STORE-10] One account operates at most 64 storage nodes. */
  @Test
  void oneAccountOperatesAtMost64Nodes() {
    Address op = member("busy", "hospital");
    for (int i = 0; i < StoreState.MAX_NODES_PER_OPERATOR; i++) {
      chain.ok(op, StoreCalls.registerNode("b" + i, "http://h:" + i, "", 10));
    }
    assertThat(chain.refused(op, StoreCalls.registerNode("b-more", "http://h:1", "", 10)))
        .isEqualTo("TOO_MANY_NODES");
    chain.ok(member("other", "hospital"), StoreCalls.registerNode("c0", "http://h:1", "", 10));
  }
}
