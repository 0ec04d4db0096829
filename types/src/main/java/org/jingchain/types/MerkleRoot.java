package org.jingchain.types;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary Merkle root of an ordered list of hashes (transactions, receipts): leaves are {@code
 * H(0x00 || item)}, inner nodes {@code H(0x01 || left || right)}, an odd node at the end of a level
 * is carried up unchanged, and the empty list has root {@link Hash#ZERO}.
 */
public final class MerkleRoot {
  private static final byte[] LEAF = {0};
  private static final byte[] NODE = {1};

  private MerkleRoot() {}

  public static Hash of(List<Hash> items, HashFunction h) {
    if (items.isEmpty()) {
      return Hash.ZERO;
    }
    List<Hash> level = new ArrayList<>(items.size());
    for (Hash item : items) {
      level.add(h.hash(LEAF, item.unsafeArray()));
    }
    while (level.size() > 1) {
      List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(h.hash(NODE, level.get(i).unsafeArray(), level.get(i + 1).unsafeArray()));
      }
      if (level.size() % 2 == 1) {
        next.add(level.getLast());
      }
      level = next;
    }
    return level.getFirst();
  }
}
