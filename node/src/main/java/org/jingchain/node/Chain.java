package org.jingchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.state.StateTree;
import org.jingchain.state.TreeUpdate;
import org.jingchain.storage.BlockCommit;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;

/**
 * The local chain: its head, and {@link #append}, which builds the next block, executes it and
 * commits block and state in one batch. Only one thread (the block producer) appends; readers may
 * call the query methods from any thread.
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

  /** A block as committed, handed to listeners. */
  public record Committed(
      Block block, Hash hash, List<Hash> txHashes, List<Receipt> receipts, Hash stateRoot) {}

  private final ChainStore store;
  private final CryptoSuite suite;
  private final BlockExecutor executor;
  private final StateTree tree;
  private final long retainVersions;
  private final List<Consumer<Committed>> listeners = new CopyOnWriteArrayList<>();
  private volatile Head head;

  private Chain(ChainStore store, CryptoSuite suite, BlockExecutor executor, long retainVersions) {
    this.store = store;
    this.suite = suite;
    this.executor = executor;
    this.tree = new StateTree(store, suite);
    this.retainVersions = retainVersions;
  }

  /**
   * Opens the chain in {@code store}: writes genesis and block 0 on first start, otherwise recovers
   * the head from the last complete block.
   */
  public static Chain open(
      ChainStore store,
      CryptoSuite suite,
      BlockExecutor executor,
      Genesis genesis,
      byte[] genesisJson,
      long retainVersions) {
    Chain c = new Chain(store, suite, executor, retainVersions);
    if (store.headHeight().isEmpty()) {
      store.putGenesis(genesisJson);
      Block block0 = new Block(genesis.header(), List.of());
      TreeUpdate u = c.tree.update(-1, 0, new TreeMap<>());
      store.commit(
          new BlockCommit(
              block0, c.hashOf(block0.header()), List.of(), List.of(), u, new TreeMap<>()));
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
    List<Hash> leaves = new ArrayList<>(receipts.size());
    for (Receipt r : receipts) {
      leaves.add(suite.hash(Canonical.encode(r)));
    }
    return MerkleRoot.of(leaves, suite);
  }

  public Head head() {
    return head;
  }

  public void addListener(Consumer<Committed> l) {
    listeners.add(l);
  }

  public void removeListener(Consumer<Committed> l) {
    listeners.remove(l);
  }

  /**
   * Builds block head+1 from {@code txs}, executes it on the committed state, and commits the block
   * with its receipts and state in one atomic batch.
   */
  public Committed append(List<Transaction> txs, long timestampMillis, Address proposer) {
    Head parent = head;
    List<Hash> ids = new ArrayList<>(txs.size());
    for (Transaction tx : txs) {
      ids.add(tx.hash(suite));
    }
    BlockHeader header =
        new BlockHeader(
            parent.header().chainId(),
            parent.height() + 1,
            parent.header().round() + 1,
            parent.hash(),
            Math.max(timestampMillis, parent.header().timestampMillis()),
            proposer,
            MerkleRoot.of(ids, suite),
            txs.size(),
            parent.stateRoot(),
            parent.resultsRoot());
    Block block = new Block(header, txs);
    BlockResult result = executor.execute(block, store::latest);
    TreeUpdate u = tree.update(parent.height(), header.height(), result.changes());
    Hash hash = hashOf(header);
    store.commit(new BlockCommit(block, hash, ids, result.receipts(), u, result.changes()));
    tree.cacheWritten(u);
    head = new Head(header, hash, u.rootHash(), resultsRoot(result.receipts()));
    Committed c = new Committed(block, hash, ids, result.receipts(), u.rootHash());
    for (Consumer<Committed> l : listeners) {
      l.accept(c);
    }
    maybePrune(header.height());
    return c;
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
