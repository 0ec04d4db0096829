package org.jingchain.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/** Where the store service keeps its state ({@code store/}), and the reads over it. */
public final class StoreState {
  /** The most storage nodes a chain registers ([STORE-10]). */
  public static final int MAX_NODES = 1024;

  /** The most storage nodes one operator account registers ([STORE-10]). */
  public static final int MAX_NODES_PER_OPERATOR = 64;

  /** The most open challenges a node has at once; a node that far behind gets no more. */
  public static final int MAX_OPEN_PER_NODE = 256;

  /** The most objects one node is rebuilding shards of at once. */
  public static final int MAX_REPAIRS_PER_NODE = 1024;

  /** Audit rounds and challenge numbering: {@code (last round height, rounds, next id)}. */
  public record AuditState(long lastRoundHeight, long rounds, long nextChallenge) {}

  private static final String NODES = "store/nodes";
  private static final String AUDIT = "store/audit";
  private static final String COUNT = "store/count";

  private StoreState() {}

  public static String nodeKey(String id) {
    return "store/node/" + id;
  }

  public static String objectKey(Hash id) {
    return "store/obj/" + id.toHex();
  }

  public static String challengeKey(long id) {
    return "store/ch/" + id;
  }

  static String openKey(String node) {
    return "store/open/" + node;
  }

  static String repairsKey(String node) {
    return "store/repairs/" + node;
  }

  static String seqKey(long n) {
    return "store/seq/" + n;
  }

  public static Optional<Challenge> challenge(StateReader s, long id) {
    return s.get(WriteSet.key(challengeKey(id))).map(b -> Challenge.decode(b.unsafeArray()));
  }

  static void putChallenge(WriteSet s, Challenge c) {
    s.put(challengeKey(c.id()), Bytes.wrap(c.encode()));
  }

  public static AuditState audit(StateReader s) {
    Optional<Bytes> b = s.get(WriteSet.key(AUDIT));
    if (b.isEmpty()) {
      return new AuditState(0, 0, 1);
    }
    Decoder d = new Decoder(b.get().unsafeArray());
    AuditState a = new AuditState(d.u64("last round"), d.u64("rounds"), d.u64("next challenge"));
    d.finish("audit state");
    return a;
  }

  static void putAudit(WriteSet s, AuditState a) {
    s.put(
        AUDIT,
        Bytes.wrap(
            new Encoder()
                .u64(a.lastRoundHeight())
                .u64(a.rounds())
                .u64(a.nextChallenge())
                .toByteArray()));
  }

  /** The open challenges of {@code node}, oldest first. */
  public static List<Long> openChallenges(StateReader s, String node) {
    return longs(s, openKey(node), MAX_OPEN_PER_NODE);
  }

  static void putOpenChallenges(WriteSet s, String node, List<Long> ids) {
    putLongs(s, openKey(node), ids);
  }

  /** The objects {@code node} is to rebuild shards of. */
  public static List<Hash> repairs(StateReader s, String node) {
    Optional<Bytes> b = s.get(WriteSet.key(repairsKey(node)));
    if (b.isEmpty()) {
      return List.of();
    }
    Decoder d = new Decoder(b.get().unsafeArray());
    int n = d.count("repairs", MAX_REPAIRS_PER_NODE);
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(d.hash("object"));
    }
    d.finish("repairs");
    return out;
  }

  static void putRepairs(WriteSet s, String node, List<Hash> objects) {
    if (objects.isEmpty()) {
      s.delete(WriteSet.key(repairsKey(node)));
      return;
    }
    Encoder e = new Encoder().u32(objects.size());
    objects.forEach(e::hash);
    s.put(repairsKey(node), Bytes.wrap(e.toByteArray()));
  }

  /** How many objects were ever recorded; {@code seq/0..count-1} name them ([STORE-30]). */
  public static long objectCount(StateReader s) {
    return s.get(WriteSet.key(COUNT))
        .map(b -> new Decoder(b.unsafeArray()).u64("count"))
        .orElse(0L);
  }

  static void addToIndex(WriteSet s, Hash object) {
    long n = objectCount(s);
    s.put(seqKey(n), Bytes.wrap(object.unsafeArray().clone()));
    s.put(COUNT, Bytes.wrap(new Encoder().u64(n + 1).toByteArray()));
  }

  static Optional<Hash> indexed(StateReader s, long n) {
    return s.get(WriteSet.key(seqKey(n))).map(b -> Hash.wrap(b.toByteArray()));
  }

  private static List<Long> longs(StateReader s, String key, int max) {
    Optional<Bytes> b = s.get(WriteSet.key(key));
    if (b.isEmpty()) {
      return List.of();
    }
    Decoder d = new Decoder(b.get().unsafeArray());
    int n = d.count("ids", max);
    List<Long> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(d.u64("id"));
    }
    d.finish("ids");
    return out;
  }

  private static void putLongs(WriteSet s, String key, List<Long> ids) {
    if (ids.isEmpty()) {
      s.delete(WriteSet.key(key));
      return;
    }
    Encoder e = new Encoder().u32(ids.size());
    ids.forEach(e::u64);
    s.put(key, Bytes.wrap(e.toByteArray()));
  }

  /**
   * An object's id ([STORE-11]): {@code H("jing-store-object" || owner || 0x00 || name || u64
   * seq)}, {@code seq} the number of objects recorded before it — never the id of an earlier
   * object, even one deleted under the same name.
   */
  public static Hash objectId(HashFunction h, Address owner, String name, long seq) {
    return h.hash(
        "jing-store-object".getBytes(StandardCharsets.UTF_8),
        owner.toString().getBytes(StandardCharsets.UTF_8),
        new byte[] {0},
        name.getBytes(StandardCharsets.UTF_8),
        new Encoder().u64(seq).toByteArray());
  }

  /** Where an owner's name points to its object's id. */
  static String nameKey(HashFunction h, Address owner, String name) {
    return "store/name/" + owner + "/" + h.hash(name.getBytes(StandardCharsets.UTF_8)).toHex();
  }

  /** The id of {@code owner}'s object named {@code name}, if it has one. */
  public static Optional<Hash> idByName(StateReader s, HashFunction h, Address owner, String name) {
    return s.get(WriteSet.key(nameKey(h, owner, name))).map(b -> Hash.wrap(b.toByteArray()));
  }

  static void putName(WriteSet s, HashFunction h, Address owner, String name, Hash id) {
    s.put(nameKey(h, owner, name), Bytes.wrap(id.unsafeArray().clone()));
  }

  static void deleteName(WriteSet s, HashFunction h, Address owner, String name) {
    s.delete(WriteSet.key(nameKey(h, owner, name)));
  }

  public static Optional<StorageNode> node(StateReader s, String id) {
    return s.get(WriteSet.key(nodeKey(id))).map(b -> StorageNode.decode(b.unsafeArray()));
  }

  public static Optional<StoredObject> object(StateReader s, Hash id) {
    return s.get(WriteSet.key(objectKey(id))).map(b -> StoredObject.decode(b.unsafeArray()));
  }

  /** Every registered node's id, sorted. */
  public static List<String> nodeIds(StateReader s) {
    Optional<Bytes> b = s.get(WriteSet.key(NODES));
    if (b.isEmpty()) {
      return List.of();
    }
    Decoder d = new Decoder(b.get().unsafeArray());
    int n = d.count("nodes", MAX_NODES);
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(d.string("node", 32));
    }
    d.finish("node list");
    return ids;
  }

  /** Every registered node, in id order. */
  public static List<StorageNode> nodes(StateReader s) {
    List<StorageNode> nodes = new ArrayList<>();
    for (String id : nodeIds(s)) {
      node(s, id).ifPresent(nodes::add);
    }
    return nodes;
  }

  static void putNode(WriteSet s, StorageNode n) {
    s.put(nodeKey(n.id()), Bytes.wrap(n.encode()));
  }

  static void putNodeIds(WriteSet s, List<String> ids) {
    Encoder e = new Encoder().u32(ids.size());
    ids.stream().sorted().forEach(e::string);
    s.put(NODES, Bytes.wrap(e.toByteArray()));
  }

  static void putObject(WriteSet s, StoredObject o) {
    s.put(objectKey(o.id()), Bytes.wrap(o.encode()));
  }

  /**
   * Where an object's {@code n} shards go ([STORE-12]): among the nodes eligible for a shard of
   * {@code shardBytes}, each scored by {@code H(objectId || nodeId)}; nodes grouped by failure
   * domain, each domain's nodes by score, domains by their best score; then one node from each
   * domain in turn, round after round, until {@code n} are chosen — so no node holds two shards of
   * an object and domains hold shards as evenly as their nodes allow.
   *
   * @return the node ids, in shard order; fewer than {@code n} when too few nodes are eligible
   */
  public static List<String> place(
      HashFunction h, Hash objectId, List<StorageNode> nodes, int n, long shardBytes) {
    record Scored(StorageNode node, Hash score) {}
    Comparator<Scored> order =
        Comparator.comparing(Scored::score).thenComparing(s -> s.node().id());
    TreeMap<String, List<Scored>> byDomain = new TreeMap<>();
    for (StorageNode node : nodes) {
      if (node.eligible(shardBytes)) {
        Hash score = h.hash(objectId.unsafeArray(), node.id().getBytes(StandardCharsets.UTF_8));
        byDomain
            .computeIfAbsent(node.domain(), d -> new ArrayList<>())
            .add(new Scored(node, score));
      }
    }
    List<List<Scored>> domains = new ArrayList<>(byDomain.values());
    for (List<Scored> d : domains) {
      d.sort(order);
    }
    domains.sort(Comparator.comparing(d -> d.getFirst(), order));
    List<String> chosen = new ArrayList<>(n);
    for (int round = 0; chosen.size() < n; round++) {
      boolean any = false;
      for (List<Scored> d : domains) {
        if (round < d.size() && chosen.size() < n) {
          chosen.add(d.get(round).node().id());
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return chosen;
  }
}
