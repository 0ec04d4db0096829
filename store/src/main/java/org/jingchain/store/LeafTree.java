package org.jingchain.store;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * The Merkle commitment to a byte stream cut into fixed-size leaves ([STORE-4]): leaf {@code H(0x00
 * || bytes)}, inner node {@code H(0x01 || left || right)}, an odd node at the end of a level
 * carried up unchanged — the rule of the chain's transaction roots — and the empty stream has root
 * {@link Hash#ZERO}. Built as the bytes stream past, holding one leaf and one hash per level. Not
 * thread-safe.
 */
public final class LeafTree {
  private static final byte[] LEAF = {0};
  private static final byte[] NODE = {1};

  private final HashFunction h;
  private final byte[] leaf;
  private int fill;
  private long leaves;
  private long bytes;

  /** Roots of complete subtrees, from the largest to the smallest, sizes strictly decreasing. */
  private final List<Hash> stack = new ArrayList<>();

  private final List<Integer> heights = new ArrayList<>();
  private final LeafSink sink;

  /** Receives each leaf's hash as it is made, in order (a storage node keeps them for audits). */
  @FunctionalInterface
  public interface LeafSink {
    void leaf(long index, Hash hash);
  }

  public LeafTree(HashFunction h, int leafSize) {
    this(h, leafSize, null);
  }

  public LeafTree(HashFunction h, int leafSize, LeafSink sink) {
    this.h = h;
    this.leaf = new byte[leafSize];
    this.sink = sink;
  }

  public void update(byte[] b, int off, int len) {
    bytes += len;
    while (len > 0) {
      int n = Math.min(len, leaf.length - fill);
      System.arraycopy(b, off, leaf, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == leaf.length) {
        push();
      }
    }
  }

  public long bytes() {
    return bytes;
  }

  /** The root over everything so far; the tree cannot be updated afterwards. */
  public Hash root() {
    if (fill > 0) {
      push();
    }
    if (stack.isEmpty()) {
      return Hash.ZERO;
    }
    Hash acc = stack.getLast();
    for (int i = stack.size() - 2; i >= 0; i--) {
      acc = node(stack.get(i), acc);
    }
    return acc;
  }

  private void push() {
    Hash l = leafHash(h, leaf, 0, fill);
    if (sink != null) {
      sink.leaf(leaves, l);
    }
    leaves++;
    fill = 0;
    Hash cur = l;
    int height = 0;
    while (!heights.isEmpty() && heights.getLast() == height) {
      cur = node(stack.removeLast(), cur);
      heights.removeLast();
      height++;
    }
    stack.add(cur);
    heights.add(height);
  }

  private Hash node(Hash left, Hash right) {
    return nodeHash(h, left, right);
  }

  public static Hash leafHash(HashFunction h, byte[] b, int off, int len) {
    byte[] x = new byte[len + 1];
    System.arraycopy(b, off, x, 1, len);
    return h.hash(x);
  }

  static Hash nodeHash(HashFunction h, Hash left, Hash right) {
    return h.hash(NODE, left.unsafeArray(), right.unsafeArray());
  }

  /**
   * The path from leaf {@code index} to the root of the tree whose leaf hashes are {@code
   * leafHashes}: sibling hashes, bottom-up; a level where the node is carried up contributes none.
   */
  public static List<Hash> path(HashFunction h, List<Hash> leafHashes, long index) {
    if (index < 0 || index >= leafHashes.size()) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + leafHashes.size());
    }
    List<Hash> path = new ArrayList<>();
    List<Hash> level = leafHashes;
    int i = (int) index;
    while (level.size() > 1) {
      int sibling = i ^ 1;
      if (sibling < level.size()) {
        path.add(level.get(sibling));
      }
      List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
      for (int j = 0; j + 1 < level.size(); j += 2) {
        next.add(nodeHash(h, level.get(j), level.get(j + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.getLast());
      }
      level = next;
      i >>= 1;
    }
    return path;
  }

  /**
   * True when {@code leafBytes} is leaf {@code index} of a tree of {@code leafCount} leaves with
   * root {@code root}, by {@code path} ([STORE-6]).
   */
  public static boolean verify(
      HashFunction h, Hash root, long leafCount, long index, byte[] leafBytes, List<Hash> path) {
    if (index < 0 || index >= leafCount) {
      return false;
    }
    Hash acc = leafHash(h, leafBytes, 0, leafBytes.length);
    int used = 0;
    long i = index;
    long width = leafCount;
    while (width > 1) {
      long sibling = i ^ 1;
      if (sibling < width) {
        if (used == path.size()) {
          return false;
        }
        Hash s = path.get(used++);
        acc = (i & 1) == 0 ? nodeHash(h, acc, s) : nodeHash(h, s, acc);
      }
      i >>= 1;
      width = (width + 1) / 2;
    }
    return used == path.size() && acc.equals(root);
  }
}
