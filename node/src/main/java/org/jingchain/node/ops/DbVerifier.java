package org.jingchain.node.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.light.LightClientException;
import org.jingchain.light.TrustedValidators;
import org.jingchain.node.consensus.ConsensusRecords;
import org.jingchain.service.Genesis;
import org.jingchain.state.BitPath;
import org.jingchain.state.Node;
import org.jingchain.state.NodeKey;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;

/**
 * {@code jing db verify} (docs/operations.md, "Verify a database"): checks a stopped node's
 * database, or a backup, from its own genesis without trusting anything else in it.
 *
 * <ol>
 *   <li>Every retained block: its header is the child of the one below (hash and height), of this
 *       chain, its transactions hash to its transaction root, and the state and results roots it
 *       carries are those the database holds for its parent.
 *   <li>The head is committed: its commit proof verifies against the genesis validators, each
 *       validator-set change followed from the chain's own proofs ([LC-3], [LC-8]).
 *   <li>The state after the head: every node of the stored tree is re-hashed from its leaves up,
 *       every leaf sits where its key's hash says, every leaf's value is the one the latest-value
 *       table holds, and that table has no key the tree lacks; the recomputed root must be the one
 *       the validators certified for the head.
 * </ol>
 *
 * Reads only; memory stays at the tree's depth whatever the state's size.
 */
public final class DbVerifier {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** What a successful check found. */
  public record Report(
      String chainId,
      String suite,
      Hash genesisBlock,
      long fromHeight,
      long head,
      Hash headHash,
      int epochsFollowed,
      long keys,
      long treeNodes,
      Hash stateRoot) {}

  /** The first thing that does not hold, said plainly. */
  public static final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  private final ChainStore store;
  private final Consumer<String> progress;
  private CryptoSuite suite;

  /** Reads {@code store} (its blocks, consensus records, state tree and latest values). */
  public DbVerifier(ChainStore store, Consumer<String> progress) {
    this.store = store;
    this.progress = progress;
  }

  public Report verify() throws Mismatch {
    try {
      return check();
    } catch (RuntimeException e) {
      // a record that does not decode, a node the codec refuses: damage, said as such
      throw new Mismatch("the database cannot be read: " + e.getMessage());
    }
  }

  private Report check() throws Mismatch {
    byte[] genesisJson =
        store.genesis().orElseThrow(() -> new Mismatch("the database holds no genesis"));
    Genesis g;
    try {
      g = JSON.readValue(genesisJson, Genesis.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new Mismatch("the stored genesis does not parse: " + e.getMessage());
    }
    suite = CryptoSuites.of(g.suiteId());
    long head = store.headHeight().orElseThrow(() -> new Mismatch("the database has no blocks"));
    long from = store.prunedBelow();
    Hash genesisBlock = hash(g.header(suite));
    if (from == 0 && !header(0).equals(g.header(suite))) {
      throw new Mismatch("block 0 is not the block the stored genesis makes");
    }
    progress.accept(
        "chain '"
            + g.chainId()
            + "' ("
            + g.suite()
            + "), blocks "
            + from
            + ".."
            + head
            + (from > 0 ? " (blocks below " + from + " pruned)" : ""));
    BlockHeader previous = null;
    for (long h = from; h <= head; h++) {
      previous = checkBlock(h, previous, g.chainId(), from);
      if (h > from && (h - from) % 10_000 == 0) {
        progress.accept("  blocks checked up to " + h);
      }
    }
    BlockHeader headHeader = previous;
    if (head == 0) {
      // the genesis block is committed by definition and no validator signed its state: the
      // tree is checked against its own root, which the genesis file determines
      Walk w = new Walk();
      Hash root = w.rehash(NodeKey.root(0));
      checkLatest(w);
      progress.accept(
          "head 0 is the genesis block (committed by definition, no certificate); its state: "
              + w.leaves
              + " keys, "
              + w.nodes
              + " tree nodes re-hashed; root "
              + root);
      return new Report(
          g.chainId(),
          g.suite(),
          genesisBlock,
          from,
          0,
          hash(headHeader),
          0,
          w.leaves,
          w.nodes,
          root);
    }
    // the head is committed, by the validators of genesis and every change since
    LightClient light = lightClient(g);
    ConsensusRecords records = new ConsensusRecords(store);
    int epochs = followEpochs(light, records);
    CommitProof proof =
        records
            .commitProof(head)
            .orElseThrow(() -> new Mismatch("the head, block " + head + ", has no commit proof"));
    CommittedHeader committed;
    try {
      committed = light.verifyCommitted(headHeader, proof);
    } catch (LightClientException e) {
      throw new Mismatch("the head's commit proof does not verify: " + e.getMessage());
    }
    progress.accept(
        "head "
            + head
            + " committed: its certificate verifies against the genesis validators"
            + (epochs == 0 ? "" : " and " + epochs + " validator-set changes since"));
    // the state after the head, rebuilt from its leaves
    Walk w = new Walk();
    Hash root = w.rehash(NodeKey.root(head));
    if (!root.equals(committed.stateRoot())) {
      throw new Mismatch(
          "the state tree after block "
              + head
              + " hashes to "
              + root
              + ", but the validators certified "
              + committed.stateRoot());
    }
    checkLatest(w);
    progress.accept(
        "state after "
            + head
            + ": "
            + w.leaves
            + " keys, "
            + w.nodes
            + " tree nodes re-hashed; root "
            + root
            + " is the one certified");
    return new Report(
        g.chainId(),
        g.suite(),
        genesisBlock,
        from,
        head,
        hash(headHeader),
        epochs,
        w.leaves,
        w.nodes,
        root);
  }

  private BlockHeader header(long h) throws Mismatch {
    return store.header(h).orElseThrow(() -> new Mismatch("block " + h + " is missing"));
  }

  private Hash hash(BlockHeader h) {
    return suite.hash(Canonical.encode(h));
  }

  private BlockHeader checkBlock(long h, BlockHeader previous, String chainId, long from)
      throws Mismatch {
    var block = store.block(h).orElseThrow(() -> new Mismatch("block " + h + " is missing"));
    BlockHeader header = block.header();
    if (header.height() != h || !header.chainId().equals(chainId)) {
      throw new Mismatch(
          "the block stored at height "
              + h
              + " says height "
              + header.height()
              + " of chain '"
              + header.chainId()
              + "'");
    }
    if (previous != null && !header.parentHash().equals(hash(previous))) {
      throw new Mismatch(
          "block "
              + h
              + " names parent "
              + header.parentHash()
              + ", but block "
              + (h - 1)
              + " hashes to "
              + hash(previous));
    }
    List<Hash> ids = new ArrayList<>(block.transactions().size());
    for (Transaction tx : block.transactions()) {
      ids.add(tx.hash(suite));
    }
    if (header.txCount() != ids.size() || !header.txRoot().equals(MerkleRoot.of(ids, suite))) {
      throw new Mismatch("block " + h + "'s transactions do not hash to its transaction root");
    }
    if (h > from) {
      if (!header
          .resultsRoot()
          .equals(org.jingchain.node.Chain.resultsRoot(store.receipts(h - 1), suite))) {
        throw new Mismatch(
            "the receipts stored for block "
                + (h - 1)
                + " are not those block "
                + h
                + " commits to");
      }
    }
    return header;
  }

  private LightClient lightClient(Genesis g) {
    List<PublicKey> keys = new ArrayList<>();
    for (String v : g.validators()) {
      keys.add(PublicKey.parse(v));
    }
    return new LightClient(
        new TrustedValidators(g.chainId(), new ValidatorSet(keys, suite), suite, suite::verify));
  }

  private int followEpochs(LightClient light, ConsensusRecords records) throws Mismatch {
    int n = 0;
    for (long end : records.epochEnds(10_000)) {
      BlockHeader last = header(end);
      CommitProof proof =
          records
              .epochEndProof(end)
              .orElseThrow(() -> new Mismatch("block " + end + " ended an epoch without proof"));
      var state =
          records
              .epochState(end)
              .orElseThrow(
                  () -> new Mismatch("the validators after block " + end + " are not proven"));
      try {
        CommittedHeader c = light.verifyCommitted(last, proof);
        light.followEpoch(c, state.value(), SparseMerkleProof.decode(state.proof()));
      } catch (LightClientException | IllegalArgumentException e) {
        throw new Mismatch(
            "the validator-set change after block " + end + " does not verify: " + e.getMessage());
      }
      n++;
    }
    return n;
  }

  /** The latest-value table holds no key the tree lacks (each leaf was matched on the walk). */
  private void checkLatest(Walk w) throws Mismatch {
    long latest = countLatest();
    if (latest != w.leaves) {
      throw new Mismatch(
          "the latest-value table holds "
              + latest
              + " keys but the state tree "
              + w.leaves
              + ": it has keys the tree does not");
    }
  }

  private long countLatest() {
    long n = 0;
    Bytes from = Bytes.EMPTY;
    while (true) {
      var page = store.scanLatest(Bytes.EMPTY, from, 10_000);
      n += page.size();
      if (page.size() < 10_000) {
        return n;
      }
      Bytes last = page.getLast().getKey();
      from = Bytes.wrap(java.util.Arrays.copyOf(last.unsafeArray(), last.length() + 1));
    }
  }

  /** A key as text when it is printable ASCII (most are: asset/balance/...), else as hex. */
  static String label(Bytes key) {
    byte[] b = key.unsafeArray();
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return "0x" + key.toHex();
      }
    }
    return "'" + new String(b, java.nio.charset.StandardCharsets.US_ASCII) + "'";
  }

  /** Depth-first over the stored tree, re-hashing every node from its leaves. */
  private final class Walk {
    long leaves;
    long nodes;

    Hash rehash(NodeKey key) throws Mismatch {
      Node n =
          store
              .node(key)
              .orElseThrow(
                  () ->
                      new Mismatch(
                          "the state tree node at depth "
                              + key.path().depth()
                              + " of version "
                              + key.version()
                              + " is missing"));
      nodes++;
      if (nodes % 1_000_000 == 0) {
        progress.accept("  " + nodes + " tree nodes re-hashed");
      }
      return switch (n) {
        case Node.Empty e -> {
          if (key.path().depth() != 0) {
            throw new Mismatch("an empty node below the root of the state tree");
          }
          yield Hash.ZERO;
        }
        case Node.Leaf l -> leaf(key.path(), l);
        case Node.Internal i -> {
          Hash left = child(key.path(), i, false);
          Hash right = child(key.path(), i, true);
          yield Node.internalHash(suite, left, right);
        }
      };
    }

    private Hash child(BitPath at, Node.Internal parent, boolean right) throws Mismatch {
      var c = parent.child(right);
      if (c.isEmpty()) {
        return Hash.ZERO;
      }
      BitPath path = at.child(right);
      Hash h = rehash(new NodeKey(c.get().version(), path));
      if (!h.equals(c.get().hash())) {
        throw new Mismatch(
            "a state tree node at depth "
                + path.depth()
                + " hashes to "
                + h
                + ", but its parent records "
                + c.get().hash());
      }
      return h;
    }

    private Hash leaf(BitPath at, Node.Leaf l) throws Mismatch {
      leaves++;
      Node.Leaf rebuilt = Node.Leaf.of(suite, l.key(), l.value());
      if (!rebuilt.keyHash().equals(l.keyHash()) || !rebuilt.valueHash().equals(l.valueHash())) {
        throw new Mismatch("the leaf of key " + label(l.key()) + " does not hash its contents");
      }
      if (!at.isPrefixOf(l.keyHash())) {
        throw new Mismatch("the leaf of key " + label(l.key()) + " is not where its hash leads");
      }
      Optional<Bytes> latest = store.latest(l.key());
      if (latest.isEmpty() || !latest.get().equals(l.value())) {
        throw new Mismatch(
            "key "
                + label(l.key())
                + ": the latest-value table holds "
                + latest.map(Bytes::toHex).orElse("nothing")
                + ", the state tree "
                + l.value().toHex());
      }
      return rebuilt.hash(suite);
    }
  }
}
