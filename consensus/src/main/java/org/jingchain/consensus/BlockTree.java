package org.jingchain.consensus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jingchain.codec.Canonical;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * The uncommitted blocks above the committed root, linked to their parents, and the highest QC
 * whose block is known. Lookups are by hash; nothing iterates a hash map in an order that matters.
 */
final class BlockTree {
  /** A block in the tree. */
  record Node(ProposedBlock proposed, Hash hash) {
    BlockHeader header() {
      return proposed.block().header();
    }

    long round() {
      return header().round();
    }

    long height() {
      return header().height();
    }
  }

  private final Map<Hash, Node> nodes = new HashMap<>();
  private final Map<Hash, List<Hash>> children = new HashMap<>();
  private Node root;
  private QuorumCert highQc;

  BlockTree(Ledger.CommittedTip tip, HashFunction hash) {
    this.root = new Node(tip.block(), hashOf(tip.block(), hash));
    this.highQc = tip.qc();
    nodes.put(root.hash(), root);
  }

  static Hash hashOf(ProposedBlock b, HashFunction hash) {
    return hash.hash(Canonical.encode(b.block().header()));
  }

  Node root() {
    return root;
  }

  QuorumCert highQc() {
    return highQc;
  }

  Node get(Hash hash) {
    return nodes.get(hash);
  }

  boolean contains(Hash hash) {
    return nodes.containsKey(hash);
  }

  int size() {
    return nodes.size();
  }

  void insert(Node node) {
    nodes.put(node.hash(), node);
    children.computeIfAbsent(node.header().parentHash(), k -> new ArrayList<>()).add(node.hash());
  }

  /** Raises the high QC when {@code qc} is higher and its block is known. */
  void observeQc(QuorumCert qc) {
    if (qc.round() > highQc.round() && nodes.containsKey(qc.blockHash())) {
      highQc = qc;
    }
  }

  /** Blocks from just above the root up to {@code target}, in height order. */
  List<Node> pathFromRoot(Hash target) {
    List<Node> path = new ArrayList<>();
    Node n = nodes.get(target);
    while (n != null && !n.hash().equals(root.hash())) {
      path.add(n);
      n = nodes.get(n.header().parentHash());
    }
    Collections.reverse(path);
    return path;
  }

  /**
   * Makes {@code newRoot} the root, keeping only its descendants.
   *
   * @return hashes of the dropped blocks that were not committed (abandoned forks)
   */
  List<Hash> commit(Node newRoot, QuorumCert newRootQc, List<Node> committed) {
    List<Hash> keep = new ArrayList<>();
    Deque<Hash> todo = new ArrayDeque<>();
    todo.add(newRoot.hash());
    while (!todo.isEmpty()) {
      Hash h = todo.poll();
      keep.add(h);
      todo.addAll(children.getOrDefault(h, List.of()));
    }
    List<Hash> committedHashes = committed.stream().map(Node::hash).toList();
    List<Hash> discarded = new ArrayList<>();
    Map<Hash, Node> kept = new HashMap<>();
    for (Hash h : keep) {
      kept.put(h, nodes.get(h));
    }
    for (Node n : sortedByHeight(nodes.values())) {
      if (!kept.containsKey(n.hash())
          && !committedHashes.contains(n.hash())
          && !n.hash().equals(root.hash())) {
        discarded.add(n.hash());
      }
    }
    nodes.clear();
    nodes.putAll(kept);
    children.keySet().retainAll(kept.keySet());
    root = newRoot;
    if (!nodes.containsKey(highQc.blockHash())) {
      highQc = newRootQc;
    }
    return discarded;
  }

  /**
   * Drops every block but the root (the suffix above an epoch's last block) [GOV-8].
   *
   * @return the dropped blocks' hashes, in height order
   */
  List<Hash> dropAllButRoot(QuorumCert rootQc) {
    List<Hash> dropped = new ArrayList<>();
    for (Node n : sortedByHeight(nodes.values())) {
      if (!n.hash().equals(root.hash())) {
        dropped.add(n.hash());
      }
    }
    nodes.keySet().retainAll(List.of(root.hash()));
    children.clear();
    highQc = rootQc;
    return dropped;
  }

  /** Deterministic order for reporting: height, then hash bytes. */
  private static List<Node> sortedByHeight(Collection<Node> ns) {
    List<Node> list = new ArrayList<>(ns);
    list.sort(
        (a, b) ->
            a.height() != b.height()
                ? Long.compare(a.height(), b.height())
                : a.hash().compareTo(b.hash()));
    return list;
  }
}
