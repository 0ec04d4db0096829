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
 * @param expiresHeight the height after which nodes may drop it; 0 for until deleted
 * @param asset the data directory asset it is the content of, or empty
 */
public record StoredObject(
    Hash id,
    Address owner,
    String name,
    EncodedObject encoded,
    List<String> placement,
    List<Boolean> confirmed,
    long createdHeight,
    long expiresHeight,
    String asset) {
  public StoredObject {
    placement = List.copyOf(placement);
    confirmed = List.copyOf(confirmed);
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
    return new StoredObject(
        id, owner, name, encoded, placement, c, createdHeight, expiresHeight, asset);
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
      e.hash(encoded.shardRoots().get(i)).string(placement.get(i)).bool(confirmed.get(i));
    }
    return e.u64(createdHeight).u64(expiresHeight).string(asset).toByteArray();
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
    for (int i = 0; i < c.totalShards(); i++) {
      roots.add(d.hash("shard root"));
      placement.add(d.string("node", 32));
      confirmed.add(d.bool("confirmed"));
    }
    StoredObject o =
        new StoredObject(
            id,
            owner,
            name,
            new EncodedObject(c, size, content, roots),
            placement,
            confirmed,
            d.u64("created"),
            d.u64("expires"),
            d.string("asset", 64));
    d.finish("stored object");
    return o;
  }
}
