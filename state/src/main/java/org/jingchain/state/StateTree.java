package org.jingchain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * The versioned sparse Merkle tree over a {@link TreeReader}: reads, proofs and batch updates at
 * any stored version (see {@code docs/spec/state.md}).
 *
 * <p>Thread-safe for concurrent reads and updates as long as the reader is; updates only compute a
 * {@link TreeUpdate}, which the caller persists before reading or updating from its version.
 */
public final class StateTree {
  /** Default number of decoded nodes kept in the cache. */
  public static final int DEFAULT_CACHE_NODES = 1 << 17;

  private final TreeReader reader;
  private final HashFunction hash;
  private final NodeCache cache;

  public StateTree(TreeReader reader, HashFunction hash) {
    this(reader, hash, DEFAULT_CACHE_NODES);
  }

  /** {@code cacheNodes} bounds the decoded-node cache; 0 disables it. */
  public StateTree(TreeReader reader, HashFunction hash, int cacheNodes) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.hash = Objects.requireNonNull(hash, "hash");
    this.cache = new NodeCache(cacheNodes);
  }

  /** The root hash of {@code version}; {@link Hash#ZERO} for an empty tree. */
  public Hash rootHash(long version) {
    return root(version).hash(hash);
  }

  /** The value of {@code key} at {@code version}, empty if absent. */
  public Optional<Bytes> get(long version, Bytes key) {
    Hash keyHash = hash.hash(key.unsafeArray());
    return valueIfMatches(walk(version, keyHash, new ArrayList<>()), keyHash);
  }

  /** The value of {@code key} at {@code version} with a proof against {@link #rootHash}. */
  public ProofResult prove(long version, Bytes key) {
    Hash keyHash = hash.hash(key.unsafeArray());
    List<Hash> siblings = new ArrayList<>();
    Node end = walk(version, keyHash, siblings);
    Optional<SparseMerkleProof.ProofLeaf> leaf =
        end instanceof Node.Leaf l
            ? Optional.of(new SparseMerkleProof.ProofLeaf(l.keyHash(), l.valueHash()))
            : Optional.empty();
    return new ProofResult(valueIfMatches(end, keyHash), new SparseMerkleProof(leaf, siblings));
  }

  /**
   * Computes version {@code newVersion} as {@code baseVersion} plus {@code changes} (an empty
   * Optional deletes; deleting an absent key is a no-op). {@code baseVersion == -1} starts from the
   * empty tree. Nothing is written: persist the returned update (e.g. {@link
   * InMemoryTreeStore#apply}) before using {@code newVersion}.
   *
   * @throws IllegalArgumentException if {@code newVersion <= baseVersion} or {@code baseVersion <
   *     -1}
   * @throws VersionNotFoundException if {@code baseVersion} has no root
   */
  public TreeUpdate update(
      long baseVersion, long newVersion, SortedMap<Bytes, Optional<Bytes>> changes) {
    if (baseVersion < -1 || newVersion <= baseVersion) {
      throw new IllegalArgumentException(
          "need -1 <= baseVersion < newVersion, got " + baseVersion + " and " + newVersion);
    }
    Objects.requireNonNull(changes, "changes");
    Node baseRoot = baseVersion == -1 ? Node.Empty.INSTANCE : root(baseVersion);
    return new TreeUpdater(hash, newVersion, this::load).run(baseVersion, baseRoot, changes);
  }

  /**
   * Caches the nodes of {@code u}, which the caller has just persisted: the next update walks the
   * paths this one rewrote, so otherwise it would read each of those nodes back from the store and
   * decode it again. Safe because a node never changes under its key [STATE-5].
   */
  public void cacheWritten(TreeUpdate u) {
    for (NodeEntry e : u.newNodes()) {
      cache.put(e.key(), e.node());
    }
  }

  /**
   * Drops every cached node. Only needed if the store ever rewrites a key with different content
   * (e.g. a version rolled back and recomputed differently), which breaks [STATE-5].
   */
  public void clearCache() {
    cache.clear();
  }

  private static Optional<Bytes> valueIfMatches(Node end, Hash keyHash) {
    return end instanceof Node.Leaf l && l.keyHash().equals(keyHash)
        ? Optional.of(l.value())
        : Optional.empty();
  }

  /**
   * Follows {@code keyHash} from the root to a leaf or placeholder (returned as {@link
   * Node.Empty}), appending the sibling hashes passed on the way.
   */
  private Node walk(long version, Hash keyHash, List<Hash> siblings) {
    Node node = root(version);
    BitPath path = BitPath.ROOT;
    while (node instanceof Node.Internal in) {
      boolean bit = keyHash.bit(path.depth());
      siblings.add(in.child(!bit).map(Node.Child::hash).orElse(Hash.ZERO));
      Optional<Node.Child> next = in.child(bit);
      if (next.isEmpty()) {
        return Node.Empty.INSTANCE;
      }
      path = path.child(bit);
      NodeKey key = new NodeKey(next.get().version(), path);
      node = load(key);
      if ((node instanceof Node.Leaf) != next.get().leaf() || node instanceof Node.Empty) {
        throw new IllegalStateException("corrupt state tree: unexpected node kind at " + key);
      }
    }
    return node;
  }

  /**
   * The root of {@code version}, always from the reader so that a pruned version fails even if its
   * nodes linger in the cache.
   */
  private Node root(long version) {
    if (version < 0) {
      throw new VersionNotFoundException(version);
    }
    return reader
        .node(NodeKey.root(version))
        .orElseThrow(() -> new VersionNotFoundException(version));
  }

  private Node load(NodeKey key) {
    Node node = cache.get(key);
    if (node == null) {
      node =
          reader
              .node(key)
              .orElseThrow(
                  () -> new IllegalStateException("corrupt state tree: missing node " + key));
      cache.put(key, node);
    }
    return node;
  }
}
