package org.jingchain.store;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;

/**
 * An object record as the chain keeps it ([STORE-11]): its owner and name, what encoding committed
 * to, which node holds each shard, and which of them confirmed holding it.
 *
 * @param placement the node id holding each shard, in shard order
 * @param confirmed for each shard, whether its node confirmed it holds the checked bytes
 * @param lost for each shard, whether an audit found it lost (failed or missed) since it was placed
 * @param repairer the node rebuilding lost shards onto their new nodes, or empty
 * @param openAudits challenges of this object not yet closed
 * @param expiresHeight the height after which nodes may drop it; 0 for until deleted
 * @param asset the data directory asset it is the content of, or empty
 * @param encryption {@link StoreCalls#PLAINTEXT}, or {@link StoreCalls#SEALED} with {@code salt}
 * @param repairHeight when the repair under way was ordered (0 when none is)
 */
public record StoredObject(
    Hash id,
    Address owner,
    String name,
    EncodedObject encoded,
    List<String> placement,
    List<Boolean> confirmed,
    List<Boolean> lost,
    String repairer,
    int openAudits,
    long createdHeight,
    long expiresHeight,
    String asset,
    int encryption,
    org.jingchain.types.Bytes salt,
    long repairHeight) {
  public StoredObject {
    placement = List.copyOf(placement);
    confirmed = List.copyOf(confirmed);
    lost = List.copyOf(lost);
  }

  /** Shards confirmed and not found lost: what the object can count on ([STORE-33]). */
  public int healthy() {
    int n = 0;
    for (int i = 0; i < confirmed.size(); i++) {
      if (confirmed.get(i) && !lost.get(i)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Below this many healthy shards a repair is ordered ([STORE-33]): {@code k + min(margin, m)},
   * {@code margin} the governed {@code store.repairMargin} (default 2).
   */
  public int repairThreshold(long margin) {
    Coding c = encoded.coding();
    return c.dataShards() + (int) Math.min(margin, c.parityShards());
  }

  /** All shards are confirmed by their nodes. */
  public boolean stored() {
    return !confirmed.contains(false);
  }

  public int confirmedCount() {
    return (int) confirmed.stream().filter(c -> c).count();
  }

  StoredObject confirm(int shard) {
    List<Boolean> c = new ArrayList<>(confirmed);
    c.set(shard, true);
    String r = c.contains(false) ? repairer : "";
    long rh = r.isEmpty() ? 0 : repairHeight;
    return new StoredObject(
        id,
        owner,
        name,
        encoded,
        placement,
        c,
        lost,
        r,
        openAudits,
        createdHeight,
        expiresHeight,
        asset,
        encryption,
        salt,
        rh);
  }

  StoredObject withAudits(int open) {
    return new StoredObject(
        id,
        owner,
        name,
        encoded,
        placement,
        confirmed,
        lost,
        repairer,
        open,
        createdHeight,
        expiresHeight,
        asset,
        encryption,
        salt,
        repairHeight);
  }

  /** No repair under way any more (a stalled one is about to be ordered again). */
  StoredObject withoutRepairer() {
    return new StoredObject(
        id,
        owner,
        name,
        encoded,
        placement,
        confirmed,
        lost,
        "",
        openAudits,
        createdHeight,
        expiresHeight,
        asset,
        encryption,
        salt,
        0);
  }

  StoredObject markLost(int shard) {
    List<Boolean> l = new ArrayList<>(lost);
    l.set(shard, true);
    return new StoredObject(
        id,
        owner,
        name,
        encoded,
        placement,
        confirmed,
        l,
        repairer,
        openAudits,
        createdHeight,
        expiresHeight,
        asset,
        encryption,
        salt,
        repairHeight);
  }

  /**
   * Moves shard {@code shard} to {@code node}, unconfirmed, with {@code by} rebuilding it, the
   * repair ordered at {@code height}.
   */
  StoredObject moved(int shard, String node, String by, long height) {
    List<String> p = new ArrayList<>(placement);
    List<Boolean> c = new ArrayList<>(confirmed);
    List<Boolean> l = new ArrayList<>(lost);
    p.set(shard, node);
    c.set(shard, false);
    l.set(shard, false);
    return new StoredObject(
        id,
        owner,
        name,
        encoded,
        p,
        c,
        l,
        by,
        openAudits,
        createdHeight,
        expiresHeight,
        asset,
        encryption,
        salt,
        height);
  }

  /**
   * The bytes it takes in state: its key and its encoded value ([STORE-11],
   * docs/storage-sizing.md).
   */
  public int stateBytes() {
    return StoreState.objectKey(id).length() + encode().length;
  }

  byte[] encode() {
    Coding c = encoded.coding();
    Encoder e =
        new Encoder()
            .u8(1)
            .hash(id)
            .address(owner)
            .string(name)
            .u64(encoded.size())
            .u8(c.dataShards())
            .u8(c.parityShards())
            .u32(c.stripeUnit())
            .u32(c.leafSize())
            .hash(encoded.contentRoot());
    for (int i = 0; i < c.totalShards(); i++) {
      e.hash(encoded.shardRoots().get(i))
          .string(placement.get(i))
          .bool(confirmed.get(i))
          .bool(lost.get(i));
    }
    return e.string(repairer)
        .u32(openAudits)
        .u64(createdHeight)
        .u64(expiresHeight)
        .string(asset)
        .u8(encryption)
        .bytes(salt)
        .u64(repairHeight)
        .toByteArray();
  }

  static StoredObject decode(byte[] b) {
    Decoder d = new Decoder(b);
    d.u8("version");
    Hash id = d.hash("id");
    Address owner = d.address("owner");
    String name = d.string("name", 200);
    long size = d.u64("size");
    Coding c =
        new Coding(
            d.u8("data shards"), d.u8("parity shards"), (int) d.u32("unit"), (int) d.u32("leaf"));
    Hash content = d.hash("content root");
    List<Hash> roots = new ArrayList<>();
    List<String> placement = new ArrayList<>();
    List<Boolean> confirmed = new ArrayList<>();
    List<Boolean> lost = new ArrayList<>();
    for (int i = 0; i < c.totalShards(); i++) {
      roots.add(d.hash("shard root"));
      placement.add(d.string("node", 32));
      confirmed.add(d.bool("confirmed"));
      lost.add(d.bool("lost"));
    }
    StoredObject o =
        new StoredObject(
            id,
            owner,
            name,
            new EncodedObject(c, size, content, roots),
            placement,
            confirmed,
            lost,
            d.string("repairer", 32),
            (int) d.u32("open audits"),
            d.u64("created"),
            d.u64("expires"),
            d.string("asset", 64),
            d.u8("encryption"),
            d.bytesValue("salt", ObjectCipher.SALT),
            d.u64("repair height"));
    d.finish("stored object");
    return o;
  }
}
