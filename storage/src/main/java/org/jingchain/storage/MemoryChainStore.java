package org.jingchain.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.state.Node;
import org.jingchain.state.NodeEntry;
import org.jingchain.state.NodeKey;
import org.jingchain.state.StaleNode;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;

/**
 * The {@link ChainStore} contract in memory: the simulator's disk (it survives a simulated crash of
 * the node that uses it, as a RocksDB directory survives a process) and a fast store for tests.
 * Every write is atomic and durable when it returns; reads see whole writes only. Thread-safe.
 */
public final class MemoryChainStore implements ChainStore {
  private byte[] genesis;
  private long head = -1;
  private long prunedBelow;
  private final TreeMap<Long, Block> blocks = new TreeMap<>();
  private final Map<Hash, Long> blockHashes = new HashMap<>();
  private final Map<Hash, TxLocation> txIndex = new HashMap<>();
  private final Map<Long, List<Receipt>> receipts = new HashMap<>();
  private final Map<NodeKey, Node> nodes = new HashMap<>();
  private final TreeMap<Bytes, StaleNode> stale = new TreeMap<>();
  private final TreeMap<Bytes, Bytes> latest = new TreeMap<>();
  private final TreeMap<Bytes, byte[]> consensus = new TreeMap<>();
  private final TreeMap<Bytes, AccountIndex.Entry> accountTxs = new TreeMap<>();
  private long accountIndexFrom;
  private long commits;

  @Override
  public synchronized Optional<Long> headHeight() {
    return head < 0 ? Optional.empty() : Optional.of(head);
  }

  @Override
  public synchronized Optional<byte[]> genesis() {
    return Optional.ofNullable(genesis).map(byte[]::clone);
  }

  @Override
  public synchronized void putGenesis(byte[] genesis) {
    this.genesis = genesis.clone();
  }

  @Override
  public synchronized long prunedBelow() {
    return prunedBelow;
  }

  @Override
  public synchronized Optional<Block> block(long height) {
    return Optional.ofNullable(blocks.get(height));
  }

  @Override
  public synchronized Optional<BlockHeader> header(long height) {
    return block(height).map(Block::header);
  }

  @Override
  public synchronized Optional<Transaction> transaction(TxLocation at) {
    return block(at.height()).map(b -> b.transactions().get(at.index()));
  }

  @Override
  public synchronized Optional<Long> heightOf(Hash blockHash) {
    return Optional.ofNullable(blockHashes.get(blockHash));
  }

  @Override
  public synchronized Optional<TxLocation> txLocation(Hash txHash) {
    return Optional.ofNullable(txIndex.get(txHash));
  }

  @Override
  public synchronized List<Receipt> receipts(long height) {
    return receipts.getOrDefault(height, List.of());
  }

  @Override
  public synchronized List<AccountIndex.Entry> accountTxs(
      org.jingchain.types.Address account, long beforeHeight, int beforeIndex, int limit) {
    Bytes from = Bytes.wrap(AccountIndex.prefix(account));
    Bytes before = Bytes.wrap(AccountIndex.key(account, beforeHeight, beforeIndex));
    List<AccountIndex.Entry> out = new ArrayList<>();
    for (AccountIndex.Entry e :
        accountTxs.subMap(from, true, before, false).descendingMap().values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  @Override
  public synchronized long accountIndexFrom() {
    return accountIndexFrom;
  }

  @Override
  public synchronized void backfillAccounts(List<AccountIndex.Entry> entries, long from) {
    for (AccountIndex.Entry e : entries) {
      accountTxs.put(Bytes.wrap(e.key()), e);
    }
    accountIndexFrom = from;
  }

  @Override
  public synchronized Optional<Bytes> latest(Bytes key) {
    return Optional.ofNullable(latest.get(key));
  }

  @Override
  public synchronized List<Map.Entry<Bytes, Bytes>> scanLatest(
      Bytes prefix, Bytes from, int limit) {
    List<Map.Entry<Bytes, Bytes>> out = new ArrayList<>();
    Bytes start = from.compareTo(prefix) > 0 ? from : prefix;
    for (var e : latest.tailMap(start, true).entrySet()) {
      if (out.size() >= limit || !startsWith(e.getKey(), prefix)) {
        break;
      }
      out.add(Map.entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public synchronized Optional<Node> node(NodeKey key) {
    return Optional.ofNullable(nodes.get(key));
  }

  @Override
  public synchronized void commit(BlockCommit c) {
    long h = c.block().height();
    blocks.put(h, c.block());
    blockHashes.put(c.blockHash(), h);
    for (int i = 0; i < c.txHashes().size(); i++) {
      txIndex.put(c.txHashes().get(i), new TxLocation(h, i));
    }
    receipts.put(h, c.receipts());
    for (AccountIndex.Entry e : c.accounts()) {
      accountTxs.put(Bytes.wrap(e.key()), e);
    }
    for (NodeEntry e : c.treeUpdate().newNodes()) {
      nodes.put(e.key(), e.node());
    }
    for (StaleNode s : c.treeUpdate().staleNodes()) {
      stale.put(Bytes.wrap(s.encode()), s);
    }
    apply(latest, c.stateChanges(), v -> v);
    apply(consensus, c.consensusWrites(), Bytes::toByteArray);
    head = h;
    commits++;
  }

  private static <V> void apply(
      TreeMap<Bytes, V> into,
      SortedMap<Bytes, Optional<Bytes>> changes,
      java.util.function.Function<Bytes, V> value) {
    for (var e : changes.entrySet()) {
      if (e.getValue().isPresent()) {
        into.put(e.getKey(), value.apply(e.getValue().get()));
      } else {
        into.remove(e.getKey());
      }
    }
  }

  @Override
  public synchronized long pruneBelow(long oldestRetained) {
    long deleted = 0;
    var it = stale.entrySet().iterator();
    while (it.hasNext()) {
      StaleNode s = it.next().getValue();
      if (s.staleSinceVersion() > oldestRetained) {
        break; // keys order by the stale-since version first
      }
      nodes.remove(s.key());
      it.remove();
      deleted++;
    }
    if (deleted > 0) {
      prunedBelow = oldestRetained;
    }
    return deleted;
  }

  @Override
  public synchronized Optional<byte[]> consensusRecord(Bytes key) {
    return Optional.ofNullable(consensus.get(key)).map(byte[]::clone);
  }

  @Override
  public synchronized void writeConsensus(SortedMap<Bytes, Optional<Bytes>> records) {
    apply(consensus, records, Bytes::toByteArray);
  }

  @Override
  public synchronized List<Map.Entry<Bytes, byte[]>> scanConsensus(Bytes prefix, int limit) {
    List<Map.Entry<Bytes, byte[]>> out = new ArrayList<>();
    for (var e : consensus.tailMap(prefix, true).entrySet()) {
      if (out.size() >= limit || !startsWith(e.getKey(), prefix)) {
        break;
      }
      out.add(Map.entry(e.getKey(), e.getValue().clone()));
    }
    return out;
  }

  private static boolean startsWith(Bytes key, Bytes prefix) {
    byte[] k = key.unsafeArray();
    byte[] p = prefix.unsafeArray();
    return k.length >= p.length && Arrays.equals(k, 0, p.length, p, 0, p.length);
  }

  /** Rough size: the number of stored entries times a typical entry, for metrics only. */
  @Override
  public synchronized long approximateSizeBytes() {
    return 128L * (nodes.size() + latest.size() + consensus.size()) + 1024L * blocks.size();
  }

  /**
   * A digest of the whole latest-state table (keys and values in key order), so two stores can be
   * compared (the simulator's replay check).
   */
  public synchronized Hash latestDigest(org.jingchain.types.HashFunction hash) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (var e : latest.entrySet()) {
      byte[] k = e.getKey().unsafeArray();
      byte[] v = e.getValue().unsafeArray();
      all.writeBytes(java.nio.ByteBuffer.allocate(8).putInt(k.length).putInt(v.length).array());
      all.writeBytes(k);
      all.writeBytes(v);
    }
    return hash.hash(all.toByteArray());
  }

  /** Block commits this store has taken (the simulator reports them). */
  public synchronized long commits() {
    return commits;
  }

  /** Nothing to release: the contents stay, like a closed database's files. */
  @Override
  public void close() {}
}
