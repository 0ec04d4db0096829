package org.jingchain.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.Receipt;

/**
 * The per-account transaction index: for every committed transaction, an entry under its sender and
 * under every account its receipt's events name (a transfer's recipient, a grant's grantee). It
 * answers "what did this account do, and what was done to it?" newest first, a page at a time. The
 * node writes a block's entries in the block's own commit batch, so the index never misses a
 * committed transaction nor names one that is not; it is the node's own, not part of consensus.
 */
public final class AccountIndex {
  private AccountIndex() {}

  /** The transaction was signed by the account. */
  public static final int SENT = 1;

  /** The transaction's events name the account (for instance as a transfer's recipient). */
  public static final int NAMED = 2;

  /** Length of an entry's key: the address (suite tag and 20 bytes), height, index. */
  static final int KEY_LENGTH = 1 + Address.BODY_LENGTH + 8 + 4;

  /**
   * One transaction of one account.
   *
   * @param roles {@link #SENT} and/or {@link #NAMED}
   */
  public record Entry(Address address, long height, int index, int roles, Hash txHash) {
    public boolean sent() {
      return (roles & SENT) != 0;
    }

    public boolean named() {
      return (roles & NAMED) != 0;
    }

    byte[] key() {
      return AccountIndex.key(address, height, index);
    }

    byte[] value() {
      return ByteBuffer.allocate(1 + Hash.LENGTH)
          .put((byte) roles)
          .put(txHash.unsafeArray())
          .array();
    }

    static Entry decode(byte[] key, byte[] value) {
      ByteBuffer k = ByteBuffer.wrap(key);
      Address a = AccountIndex.address(key);
      k.position(1 + Address.BODY_LENGTH);
      long height = k.getLong();
      int index = k.getInt();
      byte[] hash = new byte[Hash.LENGTH];
      System.arraycopy(value, 1, hash, 0, Hash.LENGTH);
      return new Entry(a, height, index, value[0], Hash.wrap(hash));
    }
  }

  /**
   * The index entries of one block: per transaction, its sender and each account an event of its
   * receipt names (an attribute whose whole value is an address of this chain's suite), one entry
   * per account with its roles merged, in address order.
   */
  public static List<Entry> entries(
      Block block, List<Hash> txHashes, List<Receipt> receipts, HashFunction hash) {
    List<Entry> out = new ArrayList<>();
    long height = block.height();
    for (int i = 0; i < block.transactions().size(); i++) {
      var body = block.transactions().get(i).body();
      TreeMap<Address, Integer> roles = new TreeMap<>();
      Address sender = Address.of(body.sender(), hash);
      roles.put(sender, SENT);
      if (i < receipts.size()) {
        for (Event e : receipts.get(i).events()) {
          for (EventAttribute a : e.attributes()) {
            Address named = addressOrNull(a.value(), sender);
            if (named != null) {
              roles.merge(named, NAMED, (x, y) -> x | y);
            }
          }
        }
      }
      for (var r : roles.entrySet()) {
        out.add(new Entry(r.getKey(), height, i, r.getValue(), txHashes.get(i)));
      }
    }
    return out;
  }

  /** {@code text} as an address of the same suite as {@code like}, or null. */
  private static Address addressOrNull(String text, Address like) {
    char tag = like.suite() == org.jingchain.types.SuiteId.INTL ? 'i' : 's';
    if (text.length() != 42 || text.charAt(0) != 'j' || text.charAt(1) != tag) {
      return null;
    }
    for (int i = 2; i < 42; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return null;
      }
    }
    return Address.parse(text);
  }

  static byte[] prefix(Address a) {
    return ByteBuffer.allocate(1 + Address.BODY_LENGTH)
        .put((byte) a.suite().tag())
        .put(a.body().unsafeArray())
        .array();
  }

  static byte[] key(Address a, long height, int index) {
    return ByteBuffer.allocate(KEY_LENGTH).put(prefix(a)).putLong(height).putInt(index).array();
  }

  private static Address address(byte[] key) {
    byte[] body = new byte[Address.BODY_LENGTH];
    System.arraycopy(key, 1, body, 0, Address.BODY_LENGTH);
    return new Address(
        org.jingchain.types.SuiteId.fromTag(key[0]).orElseThrow(),
        org.jingchain.types.Bytes.wrap(body));
  }
}
