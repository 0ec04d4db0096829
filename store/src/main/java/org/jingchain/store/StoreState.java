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

  private static final String NODES = "store/nodes";

  private StoreState() {}

  public static String nodeKey(String id) {
    return "store/node/" + id;
  }

  public static String objectKey(Hash id) {
    return "store/obj/" + id.toHex();
  }

  /** An object's id: {@code H("jing-store-object" || owner || name)} ([STORE-11]). */
  public static Hash objectId(HashFunction h, Address owner, String name) {
    return h.hash(
        "jing-store-object".getBytes(StandardCharsets.UTF_8),
        owner.toString().getBytes(StandardCharsets.UTF_8),
        new byte[] {0},
        name.getBytes(StandardCharsets.UTF_8));
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
