package org.jingchain.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * One batch update of the tree: walks down with the key-hash-sorted changes split by bit, reuses
 * untouched subtrees by reference and records every written and replaced node [STATE-14, 15].
 *
 * <p>Leaves are "floating" until their parent is known, because leaf compression [STATE-3] may move
 * a leaf up (after deletes) or down (after inserts); internal nodes are written in place.
 */
final class TreeUpdater {
  private final HashFunction h;
  private final long version;
  private final Function<NodeKey, Node> load;
  private final List<NodeEntry> written = new ArrayList<>();
  private final List<StaleNode> stale = new ArrayList<>();
  private Change[] changes = new Change[0];

  /** A change with its key hash; {@code insert} is empty for a delete. */
  private record Change(Hash keyHash, Optional<Floating> insert) {}

  /** A subtree's state while the update runs. */
  private sealed interface Sub permits EmptySub, Stored, Floating {}

  /** No keys: the placeholder. */
  private record EmptySub() implements Sub {}

  private static final EmptySub EMPTY = new EmptySub();

  /** A node already at its final position: untouched, or an internal node just written. */
  private record Stored(Node.Child child, NodeKey key) implements Sub {}

  /** A leaf not yet placed; {@code origin} is its current key if it is an unchanged stored leaf. */
  private record Floating(Node.Leaf leaf, Hash hash, Optional<NodeKey> origin) implements Sub {}

  TreeUpdater(HashFunction h, long version, Function<NodeKey, Node> load) {
    this.h = h;
    this.version = version;
    this.load = load;
  }

  /** Applies {@code batch} to {@code baseRoot} (stored at {@code baseVersion}, or -1: none). */
  TreeUpdate run(long baseVersion, Node baseRoot, SortedMap<Bytes, Optional<Bytes>> batch) {
    changes = prepare(batch);
    int n = changes.length;
    Sub result =
        switch (baseRoot) {
          case Node.Empty e -> {
            if (baseVersion >= 0) {
              markStale(NodeKey.root(baseVersion));
            }
            yield build(BitPath.ROOT, inserts(0, n));
          }
          case Node.Leaf leaf ->
              applyToLeaf(NodeKey.root(baseVersion), leaf, leaf.hash(h), BitPath.ROOT, 0, n);
          case Node.Internal in ->
              applyToInternal(NodeKey.root(baseVersion), in, in.hash(h), BitPath.ROOT, 0, n);
        };
    Hash rootHash = finishRoot(result, baseRoot);
    return new TreeUpdate(rootHash, version, written, stale);
  }

  private Change[] prepare(SortedMap<Bytes, Optional<Bytes>> batch) {
    Change[] out = new Change[batch.size()];
    int i = 0;
    for (Map.Entry<Bytes, Optional<Bytes>> e : batch.entrySet()) {
      Bytes key = e.getKey();
      Hash keyHash = h.hash(key.unsafeArray()); // once: the leaf takes it rather than rehashing
      Optional<Floating> insert =
          e.getValue()
              .map(
                  value -> {
                    Node.Leaf leaf =
                        new Node.Leaf(keyHash, h.hash(value.unsafeArray()), key, value);
                    return new Floating(leaf, leaf.hash(h), Optional.empty());
                  });
      out[i++] = new Change(keyHash, insert);
    }
    Arrays.sort(out, (a, b) -> a.keyHash().compareTo(b.keyHash()));
    for (int j = 1; j < out.length; j++) {
      if (out[j - 1].keyHash().equals(out[j].keyHash())) {
        throw new IllegalArgumentException(
            "two keys in one batch share key hash " + out[j].keyHash());
      }
    }
    return out;
  }

  /** Every version gets a root node under its own version [STATE-4]. */
  private Hash finishRoot(Sub result, Node baseRoot) {
    NodeKey rootKey = NodeKey.root(version);
    return switch (result) {
      case EmptySub e -> {
        written.add(new NodeEntry(rootKey, Node.Empty.INSTANCE));
        yield Hash.ZERO;
      }
      case Floating f -> writeLeaf(f, BitPath.ROOT).hash();
      case Stored s -> {
        if (s.key().version() != version) {
          // Nothing below the root changed: copy it so this version has a root of its own.
          // Only an untouched base root comes back as a Stored node from an older version.
          markStale(s.key());
          written.add(new NodeEntry(rootKey, baseRoot));
        }
        yield s.child().hash();
      }
    };
  }

  private Sub applyChild(Optional<Node.Child> child, BitPath path, int lo, int hi) {
    if (child.isEmpty()) {
      return lo == hi ? EMPTY : build(path, inserts(lo, hi));
    }
    Node.Child c = child.get();
    NodeKey key = new NodeKey(c.version(), path);
    if (lo == hi) {
      return new Stored(c, key);
    }
    return switch (load.apply(key)) {
      case Node.Leaf leaf when c.leaf() -> applyToLeaf(key, leaf, c.hash(), path, lo, hi);
      case Node.Internal in when !c.leaf() -> applyToInternal(key, in, c.hash(), path, lo, hi);
      default -> throw corrupt(key, "does not match its parent's child pointer");
    };
  }

  private Sub applyToInternal(
      NodeKey key, Node.Internal node, Hash hash, BitPath path, int lo, int hi) {
    int mid = split(lo, hi, path.depth());
    BitPath leftPath = path.child(false);
    BitPath rightPath = path.child(true);
    Sub left = applyChild(node.left(), leftPath, lo, mid);
    Sub right = applyChild(node.right(), rightPath, mid, hi);
    if (unchanged(left, node.left(), leftPath) && unchanged(right, node.right(), rightPath)) {
      return new Stored(new Node.Child(hash, key.version(), false), key);
    }
    markStale(key);
    return combine(path, left, right);
  }

  private Sub applyToLeaf(NodeKey key, Node.Leaf leaf, Hash hash, BitPath path, int lo, int hi) {
    List<Floating> entries = new ArrayList<>(hi - lo + 1);
    boolean keepOld = true;
    for (int i = lo; i < hi; i++) {
      Change c = changes[i];
      if (!c.keyHash().equals(leaf.keyHash())) {
        c.insert().ifPresent(entries::add);
      } else if (c.insert().isEmpty()) {
        keepOld = false;
      } else if (!c.insert().get().leaf().value().equals(leaf.value())) {
        keepOld = false;
        entries.add(c.insert().get());
      }
    }
    if (!keepOld) {
      markStale(key);
      return build(path, entries);
    }
    Floating old = new Floating(leaf, hash, Optional.of(key));
    if (entries.isEmpty()) {
      return old;
    }
    int at = 0;
    while (at < entries.size() && entries.get(at).leaf().keyHash().compareTo(leaf.keyHash()) < 0) {
      at++;
    }
    entries.add(at, old);
    return build(path, entries);
  }

  /** The canonical subtree at {@code path} holding exactly {@code entries} (sorted). */
  private Sub build(BitPath path, List<Floating> entries) {
    if (entries.isEmpty()) {
      return EMPTY;
    }
    if (entries.size() == 1) {
      return entries.get(0);
    }
    int d = path.depth();
    if (d == BitPath.MAX_DEPTH) {
      throw new IllegalStateException("distinct leaves share all 256 key-hash bits");
    }
    int mid = 0;
    while (mid < entries.size() && !entries.get(mid).leaf().keyHash().bit(d)) {
      mid++;
    }
    Sub left = build(path.child(false), entries.subList(0, mid));
    Sub right = build(path.child(true), entries.subList(mid, entries.size()));
    return combine(path, left, right);
  }

  /** Joins two child subtrees at {@code path}, collapsing a lone leaf upward [STATE-3]. */
  private Sub combine(BitPath path, Sub left, Sub right) {
    if (left instanceof EmptySub && right instanceof EmptySub) {
      return EMPTY;
    }
    if (left instanceof EmptySub && isLeaf(right)) {
      return float_(right);
    }
    if (right instanceof EmptySub && isLeaf(left)) {
      return float_(left);
    }
    Node.Internal node =
        new Node.Internal(place(left, path.child(false)), place(right, path.child(true)));
    NodeKey key = new NodeKey(version, path);
    written.add(new NodeEntry(key, node));
    return new Stored(new Node.Child(node.hash(h), version, false), key);
  }

  private static boolean isLeaf(Sub s) {
    return s instanceof Floating || (s instanceof Stored st && st.child().leaf());
  }

  private Floating float_(Sub s) {
    return switch (s) {
      case Floating f -> f;
      case Stored st -> {
        if (!(load.apply(st.key()) instanceof Node.Leaf leaf)) {
          throw corrupt(st.key(), "is not the leaf its parent points to");
        }
        yield new Floating(leaf, st.child().hash(), Optional.of(st.key()));
      }
      case EmptySub e -> throw new IllegalStateException("cannot float the placeholder");
    };
  }

  private Optional<Node.Child> place(Sub s, BitPath target) {
    return switch (s) {
      case EmptySub e -> Optional.empty();
      case Stored st -> Optional.of(st.child());
      case Floating f -> {
        if (f.origin().isPresent() && f.origin().get().path().equals(target)) {
          yield Optional.of(new Node.Child(f.hash(), f.origin().get().version(), true));
        }
        yield Optional.of(writeLeaf(f, target));
      }
    };
  }

  /** Writes {@code f} at {@code target} under this version; a moved leaf's old key goes stale. */
  private Node.Child writeLeaf(Floating f, BitPath target) {
    f.origin().ifPresent(this::markStale);
    written.add(new NodeEntry(new NodeKey(version, target), f.leaf()));
    return new Node.Child(f.hash(), version, true);
  }

  private static boolean unchanged(Sub s, Optional<Node.Child> original, BitPath path) {
    return switch (s) {
      case EmptySub e -> original.isEmpty();
      case Stored st -> original.isPresent() && original.get().equals(st.child());
      case Floating f ->
          original.isPresent()
              && original.get().leaf()
              && f.origin().isPresent()
              && f.origin().get().equals(new NodeKey(original.get().version(), path));
    };
  }

  private List<Floating> inserts(int lo, int hi) {
    List<Floating> out = new ArrayList<>(hi - lo);
    for (int i = lo; i < hi; i++) {
      changes[i].insert().ifPresent(out::add);
    }
    return out;
  }

  /** First index in [lo, hi) whose key hash has bit {@code d} set; they share the bits above. */
  private int split(int lo, int hi, int d) {
    int a = lo;
    int b = hi;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (changes[m].keyHash().bit(d)) {
        b = m;
      } else {
        a = m + 1;
      }
    }
    return a;
  }

  private void markStale(NodeKey key) {
    stale.add(new StaleNode(version, key));
  }

  private static IllegalStateException corrupt(NodeKey key, String why) {
    return new IllegalStateException("corrupt state tree: node " + key + " " + why);
  }
}
