package org.jingchain.store;

import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;

/**
 * A registered storage node as the chain keeps it ([STORE-10]): who runs it (the operator account
 * and its organisation), where it answers, how much it offers and holds, and how its audits went.
 *
 * @param org the operator's organisation (empty for none, on an open chain): with {@code zone}, the
 *     node's failure domain
 * @param used bytes of shards placed on it
 * @param reputation starts at {@link #START_REPUTATION}, moves with audits, at most {@link
 *     #MAX_REPUTATION}; below {@link #MIN_REPUTATION} the node gets no new shards
 * @param missedInARow challenges missed since the last one answered; at {@link #DOWN_AFTER} the
 *     node is down: its shards count as lost when checked, and it gets no new shards
 */
public record StorageNode(
    String id,
    Address operator,
    String org,
    String zone,
    String endpoint,
    long capacity,
    long used,
    boolean active,
    int reputation,
    long audits,
    long failed,
    long missed,
    int missedInARow,
    long registeredHeight) {
  public static final int START_REPUTATION = 100;
  public static final int MAX_REPUTATION = 1000;
  public static final int MIN_REPUTATION = 50;

  /** Missed challenges in a row after which a node is down ([STORE-34]). */
  public static final int DOWN_AFTER = 3;

  /** Missed its last {@link #DOWN_AFTER} challenges: unreachable, as far as the chain can tell. */
  public boolean down() {
    return missedInARow >= DOWN_AFTER;
  }

  /**
   * The failure domain placement spreads shards over: the organisation and the zone; a node whose
   * operator belongs to no organisation is its zone, or a domain of its own.
   */
  public String domain() {
    if (org.isEmpty()) {
      return zone.isEmpty() ? "node/" + id : "zone/" + zone;
    }
    return zone.isEmpty() ? org : org + "/" + zone;
  }

  public long free() {
    return Math.max(0, capacity - used);
  }

  /** May receive new shards: active, trusted enough, with room. */
  public boolean eligible(long shardBytes) {
    return active && !down() && reputation >= MIN_REPUTATION && free() >= shardBytes;
  }

  StorageNode withUsed(long newUsed) {
    return new StorageNode(
        id,
        operator,
        org,
        zone,
        endpoint,
        capacity,
        newUsed,
        active,
        reputation,
        audits,
        failed,
        missed,
        missedInARow,
        registeredHeight);
  }

  StorageNode withEndpoint(String newEndpoint, long newCapacity) {
    return new StorageNode(
        id,
        operator,
        org,
        zone,
        newEndpoint,
        newCapacity,
        used,
        active,
        reputation,
        audits,
        failed,
        missed,
        missedInARow,
        registeredHeight);
  }

  /** After an audit: its new reputation, and whether it failed or missed. */
  StorageNode withAudit(int newReputation, int failedNow, int missedNow) {
    return new StorageNode(
        id,
        operator,
        org,
        zone,
        endpoint,
        capacity,
        used,
        active,
        newReputation,
        audits + 1,
        failed + failedNow,
        missed + missedNow,
        missedNow > 0 ? missedInARow + 1 : 0,
        registeredHeight);
  }

  StorageNode retired() {
    return new StorageNode(
        id,
        operator,
        org,
        zone,
        endpoint,
        capacity,
        used,
        false,
        reputation,
        audits,
        failed,
        missed,
        missedInARow,
        registeredHeight);
  }

  byte[] encode() {
    return new Encoder()
        .u8(1)
        .string(id)
        .address(operator)
        .string(org)
        .string(zone)
        .string(endpoint)
        .u64(capacity)
        .u64(used)
        .bool(active)
        .u32(reputation)
        .u64(audits)
        .u64(failed)
        .u64(missed)
        .u32(missedInARow)
        .u64(registeredHeight)
        .toByteArray();
  }

  static StorageNode decode(byte[] b) {
    Decoder d = new Decoder(b);
    d.u8("version");
    StorageNode n =
        new StorageNode(
            d.string("id", 32),
            d.address("operator"),
            d.string("org", 32),
            d.string("zone", 32),
            d.string("endpoint", StoreCalls.MAX_ENDPOINT_CHARS),
            d.u64("capacity"),
            d.u64("used"),
            d.bool("active"),
            (int) d.u32("reputation"),
            d.u64("audits"),
            d.u64("failed"),
            d.u64("missed"),
            (int) Math.min(d.u32("missed in a row"), Integer.MAX_VALUE),
            d.u64("registered"));
    d.finish("storage node");
    return n;
  }
}
