package org.jingchain.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.StateReader;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.Genesis;
import org.jingchain.state.Node;
import org.jingchain.state.NodeEntry;
import org.jingchain.state.NodeKey;
import org.jingchain.state.StateTree;
import org.jingchain.state.TreeReader;
import org.jingchain.state.TreeUpdate;
import org.jingchain.storage.BlockCommit;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;

/**
 * The local chain: its committed head, and the blocks executed on top of it but not yet committed
 * (execution follows ordering; consensus decides which of them commit). Only the consensus thread
 * executes and commits; readers may call the query methods from any thread.
 */
public final class Chain {
  private static final System.Logger LOG = System.getLogger(Chain.class.getName());
  private static final long PRUNE_EVERY_BLOCKS = 64;

  /** The last committed block, the state root after executing it and the root of its receipts. */
  public record Head(BlockHeader header, Hash hash, Hash stateRoot, Hash resultsRoot) {
    public long height() {
      return header.height();
    }
  }

  /** A block executed on its parent but not committed: its results wait for the commit. */
  public record Executed(
      Block block,
      Hash hash,
      List<Hash> txIds,
      BlockResult result,
      TreeUpdate update,
      Hash stateRoot,
      Hash resultsRoot,
      Map<NodeKey, Node> nodes) {}

  /** A block is not valid on its parent; the message says why. */
  public static final class BlockRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlockRejectedException(String message) {
      super(message);
    }
  }

  private final ChainStore store;
  private final CryptoSuite suite;
  private final BlockExecutor executor;
  private final StateTree tree;
  private final long retainVersions;
  private final List<Consumer<CommittedBlock>> listeners = new CopyOnWriteArrayList<>();
  private final Map<Hash, Executed> pending = new HashMap<>();
  // observability only (jing_blocks_execution_seconds_total): never read by consensus or execution
  private final java.util.concurrent.atomic.LongAdder executionNanos =
      new java.util.concurrent.atomic.LongAdder();

  private volatile Head head;

  private Chain(ChainStore store, CryptoSuite suite, BlockExecutor executor, long retainVersions) {
    this.store = store;
    this.suite = suite;
    this.executor = executor;
    this.tree = new StateTree(store, suite);
    this.retainVersions = retainVersions;
  }

  /**
   * Opens the chain in {@code store}: writes genesis and block 0 with the services' genesis state
   * on first start, otherwise recovers the head from the last complete block.
   *
   * @param genesisState the state of height 0 (the services' part of genesis, {@link
   *     ServiceSet#genesisState})
   */
  public static Chain open(
      ChainStore store,
      CryptoSuite suite,
      BlockExecutor executor,
      Genesis genesis,
      byte[] genesisJson,
      SortedMap<Bytes, Optional<Bytes>> genesisState,
      long retainVersions) {
    Chain c = new Chain(store, suite, executor, retainVersions);
    if (store.headHeight().isEmpty()) {
      store.putGenesis(genesisJson);
      Block block0 = new Block(genesis.header(suite), List.of());
      var writes = new java.util.TreeMap<>(genesisState);
      TreeUpdate u = c.tree.update(-1, 0, writes);
      store.commit(
          new BlockCommit(block0, c.hashOf(block0.header()), List.of(), List.of(), u, writes));
      LOG.log(
          System.Logger.Level.INFO,
          "created chain ''{0}'' (suite {1}) with genesis block {2}",
          genesis.chainId(),
          genesis.suite(),
          c.hashOf(block0.header()));
    }
    c.head = c.recoverHead();
    return c;
  }

  private Head recoverHead() {
    long h = store.headHeight().orElseThrow();
    BlockHeader header =
        store
            .header(h)
            .orElseThrow(() -> new IllegalStateException("head block " + h + " missing"));
    return new Head(header, hashOf(header), tree.rootHash(h), resultsRoot(store.receipts(h)));
  }

  public Hash hashOf(BlockHeader h) {
    return suite.hash(Canonical.encode(h));
  }

  private Hash resultsRoot(List<Receipt> receipts) {
    return resultsRoot(receipts, suite);
  }

  /** The results root of a block's receipts: the Merkle root of their canonical hashes. */
  public static Hash resultsRoot(List<Receipt> receipts, CryptoSuite suite) {
    List<Hash> leaves = new ArrayList<>(receipts.size());
    for (Receipt r : receipts) {
      leaves.add(suite.hash(Canonical.encode(r)));
    }
    return MerkleRoot.of(leaves, suite);
  }

  public Head head() {
    return head;
  }

  /**
   * Adds a listener for committed blocks: called on the committing thread after the block is on
   * disk, in height order. This is the one fan-out of a commit (the mempool, the block stream, the
   * services' listeners and indexes, the block policy).
   */
  public void addListener(Consumer<CommittedBlock> l) {
    listeners.add(l);
  }

  public void removeListener(Consumer<CommittedBlock> l) {
    listeners.remove(l);
  }

  /**
   * Executes {@code block} on top of its parent (the head, or a block executed before and not yet
   * committed or discarded) and keeps the result until {@link #commit} or {@link #discard}. Checks
   * that the header carries the parent's state and results roots and the right transaction root
   * [CONS-VALID-1], [CONS-VALID-3]. Called by the consensus thread only.
   *
   * @throws BlockRejectedException when the block is not valid on its parent
   */
  public Executed execute(Block block) {
    BlockHeader h = block.header();
    Hash hash = hashOf(h);
    Executed known = pending.get(hash);
    if (known != null) {
      return known;
    }
    List<Executed> ancestors = ancestorsOf(h.parentHash());
    Hash parentState;
    Hash parentResults;
    long parentHeight;
    if (ancestors.isEmpty()) {
      parentState = head.stateRoot();
      parentResults = head.resultsRoot();
      parentHeight = head.height();
    } else {
      Executed p = ancestors.getFirst();
      parentState = p.stateRoot();
      parentResults = p.resultsRoot();
      parentHeight = p.block().height();
    }
    if (h.height() != parentHeight + 1) {
      throw new BlockRejectedException("height " + h.height() + " does not follow " + parentHeight);
    }
    if (!h.stateRoot().equals(parentState) || !h.resultsRoot().equals(parentResults)) {
      throw new BlockRejectedException("state or results root differs from its parent's execution");
    }
    List<Hash> ids = new ArrayList<>(block.transactions().size());
    for (Transaction tx : block.transactions()) {
      ids.add(tx.hash(suite));
    }
    if (h.txCount() != ids.size() || !h.txRoot().equals(MerkleRoot.of(ids, suite))) {
      throw new BlockRejectedException("transaction root or count does not match the body");
    }
    StateReader reader = overlayReader(ancestors);
    rejectReplays(block, reader);
    long started = System.nanoTime();
    BlockResult result = executor.execute(block, reader);
    TreeUpdate u =
        ancestors.isEmpty()
            ? tree.update(parentHeight, h.height(), result.changes())
            : new StateTree(overlayNodes(ancestors), suite, 0)
                .update(parentHeight, h.height(), result.changes());
    executionNanos.add(System.nanoTime() - started);
    Executed e =
        new Executed(
            block, hash, ids, result, u, u.rootHash(), resultsRoot(result.receipts()), nodeMap(u));
    pending.put(hash, e);
    return e;
  }

  /**
   * Time this node spent executing blocks and updating the state tree, in nanoseconds, since it
   * started (a metric: how loaded execution is; nothing decides on it).
   */
  public long executionNanos() {
    return executionNanos.sum();
  }

  /** The executed but uncommitted blocks, lowest first (after a restart: those recovered). */
  public List<Executed> pendingBlocks() {
    List<Executed> out = new ArrayList<>(pending.values());
    out.sort(
        (x, y) ->
            x.block().height() != y.block().height()
                ? Long.compare(x.block().height(), y.block().height())
                : x.hash().compareTo(y.hash()));
    return out;
  }

  /** A block may not carry a transaction whose nonce its sender already used (a replay). */
  private void rejectReplays(Block block, StateReader reader) {
    Map<Address, Long> next = new HashMap<>();
    for (Transaction tx : block.transactions()) {
      Address a = Address.of(tx.body().sender(), suite);
      long expected = next.computeIfAbsent(a, x -> Nonces.next(reader, x));
      if (tx.body().nonce() < expected) {
        throw new BlockRejectedException(
            "transaction " + tx.hash(suite) + " replays nonce " + tx.body().nonce());
      }
      if (tx.body().nonce() == expected) {
        next.put(a, expected + 1);
      }
    }
  }

  /** Pending ancestors of (and including) {@code hash}, nearest first; empty for the head. */
  /**
   * The state after block {@code hash}: the committed head, or a block executed on it and not yet
   * committed; empty for any other. Called by the consensus thread only.
   */
  public Optional<StateReader> stateAfter(Hash hash) {
    if (!hash.equals(head.hash()) && !pending.containsKey(hash)) {
      return Optional.empty();
    }
    try {
      return Optional.of(overlayReader(ancestorsOf(hash)));
    } catch (BlockRejectedException e) {
      return Optional.empty(); // an ancestor was discarded meanwhile
    }
  }

  private List<Executed> ancestorsOf(Hash hash) {
    List<Executed> out = new ArrayList<>();
    Hash h = hash;
    while (!h.equals(head.hash())) {
      Executed e = pending.get(h);
      if (e == null) {
        throw new BlockRejectedException("parent " + hash + " is unknown");
      }
      out.add(e);
      h = e.block().header().parentHash();
    }
    return out;
  }

  private StateReader overlayReader(List<Executed> ancestors) {
    if (ancestors.isEmpty()) {
      return store::latest;
    }
    return key -> {
      for (Executed a : ancestors) {
        Optional<Bytes> v = a.result().changes().get(key);
        if (v != null) {
          return v;
        }
      }
      return store.latest(key);
    };
  }

  private TreeReader overlayNodes(List<Executed> ancestors) {
    return key -> {
      for (Executed a : ancestors) {
        Node n = a.nodes().get(key);
        if (n != null) {
          return Optional.of(n);
        }
      }
      return store.node(key);
    };
  }

  private static Map<NodeKey, Node> nodeMap(TreeUpdate u) {
    Map<NodeKey, Node> m = new HashMap<>(u.newNodes().size() * 2);
    for (NodeEntry e : u.newNodes()) {
      m.put(e.key(), e.node());
    }
    return m;
  }

  /**
   * Commits a block executed before, with {@code consensusWrites} (its certificates) in the same
   * atomic batch, and tells the listeners. Blocks must be committed in height order.
   */
  public CommittedBlock commit(Hash hash, SortedMap<Bytes, Optional<Bytes>> consensusWrites) {
    Executed e = pending.remove(hash);
    if (e == null || !e.block().header().parentHash().equals(head.hash())) {
      throw new IllegalStateException("block " + hash + " was not executed on the head");
    }
    Block block = e.block();
    store.commit(
        new BlockCommit(
            block,
            hash,
            e.txIds(),
            e.result().receipts(),
            e.update(),
            e.result().changes(),
            consensusWrites,
            org.jingchain.storage.AccountIndex.entries(
                block, e.txIds(), e.result().receipts(), suite())));
    tree.cacheWritten(e.update());
    head = new Head(block.header(), hash, e.stateRoot(), e.resultsRoot());
    CommittedBlock c =
        new CommittedBlock(block, hash, e.txIds(), e.result().receipts(), e.stateRoot());
    for (Consumer<CommittedBlock> l : listeners) {
      l.accept(c);
    }
    maybePrune(block.height());
    return c;
  }

  /** Forgets an executed block that will never be committed (an abandoned fork). */
  public void discard(Hash hash) {
    pending.remove(hash);
  }

  /** The state and results roots after {@code hash} (the head or a pending block), if known. */
  public Optional<Executed> executed(Hash hash) {
    return Optional.ofNullable(pending.get(hash));
  }

  /**
   * A block extending {@code parentHash} (the head or a pending block) with {@code txs}: its header
   * carries the parent's state and results roots.
   */
  public Block assemble(
      long round, Hash parentHash, List<Transaction> txs, long timestampMillis, Address proposer) {
    BlockHeader parent;
    Hash stateRoot;
    Hash resultsRoot;
    if (parentHash.equals(head.hash())) {
      parent = head.header();
      stateRoot = head.stateRoot();
      resultsRoot = head.resultsRoot();
    } else {
      Executed p = pending.get(parentHash);
      if (p == null) {
        throw new IllegalStateException("parent " + parentHash + " is not executed");
      }
      parent = p.block().header();
      stateRoot = p.stateRoot();
      resultsRoot = p.resultsRoot();
    }
    List<Hash> ids = new ArrayList<>(txs.size());
    for (Transaction tx : txs) {
      ids.add(tx.hash(suite));
    }
    BlockHeader header =
        new BlockHeader(
            parent.chainId(),
            parent.height() + 1,
            round,
            parentHash,
            Math.max(timestampMillis, parent.timestampMillis()),
            proposer,
            MerkleRoot.of(ids, suite),
            txs.size(),
            stateRoot,
            resultsRoot);
    return new Block(header, txs);
  }

  /** Candidates split into those that execute in order on a parent and those that never can. */
  public record NonceFilter(List<Transaction> executable, List<Hash> stale) {}

  /**
   * Splits {@code candidates} (in each sender's nonce order) by the nonces on the state after
   * {@code parentHash}: the next nonce of a sender is executable, a used one is stale, and a gap
   * holds back the sender's later ones for a later block.
   */
  public NonceFilter nonceFilter(Hash parentHash, List<Transaction> candidates) {
    StateReader reader = overlayReader(ancestorsOf(parentHash));
    Map<Address, Long> next = new HashMap<>();
    List<Transaction> ok = new ArrayList<>(candidates.size());
    List<Hash> stale = new ArrayList<>();
    for (Transaction tx : candidates) {
      Address a = Address.of(tx.body().sender(), suite);
      long expected = next.computeIfAbsent(a, x -> Nonces.next(reader, x));
      if (tx.body().nonce() == expected) {
        ok.add(tx);
        next.put(a, expected + 1);
      } else if (tx.body().nonce() < expected) {
        stale.add(tx.hash(suite));
      }
    }
    return new NonceFilter(ok, stale);
  }

  /** Transaction ids in the pending blocks from {@code hash} down to the head. */
  public Set<Hash> pendingTxIds(Hash hash) {
    Set<Hash> ids = new HashSet<>();
    Hash h = hash;
    while (!h.equals(head.hash())) {
      Executed e = pending.get(h);
      if (e == null) {
        break;
      }
      ids.addAll(e.txIds());
      h = e.block().header().parentHash();
    }
    return ids;
  }

  private void maybePrune(long height) {
    if (retainVersions > 0 && height % PRUNE_EVERY_BLOCKS == 0 && height > retainVersions) {
      long deleted = store.pruneBelow(height - retainVersions);
      LOG.log(
          System.Logger.Level.DEBUG,
          "pruned {0} state nodes below version {1}",
          deleted,
          height - retainVersions);
    }
  }

  public ChainStore store() {
    return store;
  }

  public StateTree tree() {
    return tree;
  }

  public CryptoSuite suite() {
    return suite;
  }

  /** The oldest state version that proofs can still be served for. */
  public long oldestStateVersion() {
    return store.prunedBelow();
  }

  public Optional<Block> block(long height) {
    return store.block(height);
  }
}
