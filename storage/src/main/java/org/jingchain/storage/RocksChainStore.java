package org.jingchain.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.jingchain.codec.Canonical;
import org.jingchain.state.Node;
import org.jingchain.state.NodeEntry;
import org.jingchain.state.NodeKey;
import org.jingchain.state.StaleNode;
import org.jingchain.storage.BatchBuilder.Put;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The node's RocksDB database. {@link #commit} writes a block and all its effects in one atomic
 * write batch, so after any crash the store holds exactly the blocks up to {@link #headHeight()}
 * with their state, and nothing of a later block. Consensus records are always fsynced.
 */
public final class RocksChainStore implements ChainStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] HEAD = bytes("head");
  private static final byte[] GENESIS = bytes("genesis");
  private static final byte[] PRUNED_BELOW = bytes("prunedBelow");
  private static final byte[] ACCOUNT_INDEX_FROM = bytes("accountIndexFrom");
  private static final byte[] EMPTY = new byte[0];

  /**
   * Latest-state keys kept in memory (about 200 bytes each): every account a busy chain touches
   * between two clears, so execution rarely reads RocksDB.
   */
  static final int LATEST_CACHE_ENTRIES = 1 << 18;

  private static final String[] FAMILIES = {
    "default",
    "blocks",
    "block_hashes",
    "tx_index",
    "receipts",
    "state_nodes",
    "state_stale",
    "state_latest",
    "consensus",
    "account_txs"
  };

  /**
   * Families whose values compress: blocks and receipts, with LZ4, the cheapest to write. The
   * others hold hashes, hash-derived keys and small numbers, where compression costs CPU on every
   * flush and compaction (measured: most of RocksDB's CPU under load) and saves little space.
   */
  private static final Set<String> COMPRESSED = Set.of("blocks", "receipts");

  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle blocks;
  private final ColumnFamilyHandle blockHashes;
  private final ColumnFamilyHandle txIndex;
  private final ColumnFamilyHandle receipts;
  private final ColumnFamilyHandle nodes;
  private final ColumnFamilyHandle stale;
  private final ColumnFamilyHandle latest;
  private final ColumnFamilyHandle consensus;
  private final ColumnFamilyHandle accountTxs;
  private final WriteOptions writeOptions;
  private final WriteOptions syncedWrites = new WriteOptions().setSync(true);
  private final DBOptions dbOptions;
  private final List<ColumnFamilyOptions> cfOptions;
  private final LRUCache cache;
  private final LatestCache latestCache = new LatestCache(LATEST_CACHE_ENTRIES);

  private RocksChainStore(
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      WriteOptions wo,
      DBOptions dbo,
      List<ColumnFamilyOptions> cfo,
      LRUCache cache) {
    this.db = db;
    this.handles = handles;
    this.meta = handles.get(0);
    this.blocks = handles.get(1);
    this.blockHashes = handles.get(2);
    this.txIndex = handles.get(3);
    this.receipts = handles.get(4);
    this.nodes = handles.get(5);
    this.stale = handles.get(6);
    this.latest = handles.get(7);
    this.consensus = handles.get(8);
    this.accountTxs = handles.get(9);
    this.writeOptions = wo;
    this.dbOptions = dbo;
    this.cfOptions = cfo;
    this.cache = cache;
  }

  /**
   * Opens (creating if needed) the database in {@code dir}.
   *
   * @param syncWrites fsync the write-ahead log on every commit (survives power loss, not only
   *     process crashes)
   */
  public static RocksChainStore open(Path dir, boolean syncWrites, long cacheBytes) {
    try {
      Files.createDirectories(dir);
      LRUCache cache = new LRUCache(cacheBytes);
      ColumnFamilyOptions hashed = familyOptions(cache, CompressionType.NO_COMPRESSION);
      ColumnFamilyOptions documents = familyOptions(cache, CompressionType.LZ4_COMPRESSION);
      DBOptions dbo =
          new DBOptions()
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              .setMaxBackgroundJobs(2);
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String f : FAMILIES) {
        descriptors.add(
            new ColumnFamilyDescriptor(bytes(f), COMPRESSED.contains(f) ? documents : hashed));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(dbo, dir.toString(), descriptors, handles);
      WriteOptions wo = new WriteOptions().setSync(syncWrites);
      RocksChainStore store =
          new RocksChainStore(db, handles, wo, dbo, List.of(hashed, documents), cache);
      if (store.get(store.meta, ACCOUNT_INDEX_FROM).isEmpty()) {
        // a new store indexes from block 0; one written before the index, from its next block
        long from = store.headHeight().map(h -> h + 1).orElse(0L);
        store.put(store.meta, ACCOUNT_INDEX_FROM, longKey(from));
      }
      return store;
    } catch (RocksDBException | java.io.IOException e) {
      throw new StorageException(
          "cannot open the chain database in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static ColumnFamilyOptions familyOptions(LRUCache cache, CompressionType compression) {
    return new ColumnFamilyOptions()
        .setCompressionType(compression)
        .setTableFormatConfig(
            new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(new BloomFilter(10, false))
                .setCacheIndexAndFilterBlocks(true));
  }

  /** The height of the last complete block, or empty for a new store. */
  @Override
  public Optional<Long> headHeight() {
    return get(meta, HEAD).map(RocksChainStore::readLong);
  }

  @Override
  public Optional<byte[]> genesis() {
    return get(meta, GENESIS);
  }

  /** Stores the genesis document; done once, before block 0 is committed. */
  @Override
  public void putGenesis(byte[] genesis) {
    put(meta, GENESIS, genesis);
  }

  /** Versions below this have been pruned from the state tree (0 when nothing was pruned). */
  @Override
  public long prunedBelow() {
    return get(meta, PRUNED_BELOW).map(RocksChainStore::readLong).orElse(0L);
  }

  @Override
  public Optional<Block> block(long height) {
    return get(blocks, longKey(height)).map(Canonical::decodeBlock);
  }

  /** A block's header, without decoding its transactions. */
  @Override
  public Optional<BlockHeader> header(long height) {
    return get(blocks, longKey(height)).map(Canonical::decodeBlockHeader);
  }

  /** One committed transaction, without decoding the rest of its block. */
  @Override
  public Optional<Transaction> transaction(TxLocation at) {
    return get(blocks, longKey(at.height())).map(b -> Canonical.decodeTransactionAt(b, at.index()));
  }

  @Override
  public Optional<Long> heightOf(Hash blockHash) {
    return get(blockHashes, blockHash.unsafeArray()).map(RocksChainStore::readLong);
  }

  @Override
  public Optional<TxLocation> txLocation(Hash txHash) {
    return get(txIndex, txHash.unsafeArray())
        .map(b -> new TxLocation(ByteBuffer.wrap(b).getLong(), ByteBuffer.wrap(b).getInt(8)));
  }

  @Override
  public List<Receipt> receipts(long height) {
    return get(receipts, longKey(height)).map(Canonical::decodeReceipts).orElse(List.of());
  }

  @Override
  public List<AccountIndex.Entry> accountTxs(
      org.jingchain.types.Address account, long beforeHeight, int beforeIndex, int limit) {
    List<AccountIndex.Entry> out = new ArrayList<>();
    byte[] p = AccountIndex.prefix(account);
    byte[] before = AccountIndex.key(account, beforeHeight, beforeIndex);
    try (RocksIterator it = db.newIterator(accountTxs)) {
      it.seekForPrev(before);
      if (it.isValid() && Arrays.equals(it.key(), before)) {
        it.prev();
      }
      for (; it.isValid() && out.size() < limit; it.prev()) {
        byte[] k = it.key();
        if (k.length != AccountIndex.KEY_LENGTH || !Arrays.equals(k, 0, p.length, p, 0, p.length)) {
          break;
        }
        out.add(AccountIndex.Entry.decode(k, it.value()));
      }
    }
    return out;
  }

  @Override
  public long accountIndexFrom() {
    return get(meta, ACCOUNT_INDEX_FROM).map(RocksChainStore::readLong).orElse(0L);
  }

  @Override
  public void backfillAccounts(List<AccountIndex.Entry> entries, long from) {
    List<Put> puts = new ArrayList<>(entries.size());
    for (AccountIndex.Entry e : entries) {
      byte[] key = e.key();
      puts.add(new Put(BatchBuilder.prefix(key, 0), key, e.value()));
    }
    BatchBuilder b = new BatchBuilder(entries.size() * 80 + 64);
    b.putSorted(accountTxs, puts);
    b.put(meta, ACCOUNT_INDEX_FROM, longKey(from));
    try (WriteBatch batch = b.build()) {
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("cannot write the account index: " + e.getMessage(), e);
    }
  }

  /** The latest committed value of a state key (from memory when recently read or committed). */
  @Override
  public Optional<Bytes> latest(Bytes key) {
    Optional<Bytes> cached = latestCache.get(key);
    if (cached != null) {
      return cached;
    }
    long seen = latestCache.generation();
    Optional<Bytes> value = get(latest, key.unsafeArray()).map(Bytes::wrap);
    latestCache.fill(key, value, seen);
    return value;
  }

  @Override
  public List<Map.Entry<Bytes, Bytes>> scanLatest(Bytes prefix, Bytes from, int limit) {
    List<Map.Entry<Bytes, Bytes>> out = new ArrayList<>();
    byte[] p = prefix.unsafeArray();
    byte[] start = from.compareTo(prefix) > 0 ? from.unsafeArray() : p;
    try (RocksIterator it = db.newIterator(latest)) {
      for (it.seek(start); it.isValid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (k.length < p.length || !Arrays.equals(k, 0, p.length, p, 0, p.length)) {
          break;
        }
        out.add(Map.entry(Bytes.wrap(k), Bytes.wrap(it.value())));
      }
    }
    return out;
  }

  @Override
  public Optional<Node> node(NodeKey key) {
    return get(nodes, key.encode()).map(Node::decode);
  }

  /** Writes the block and everything it changed in one atomic batch, then moves the head. */
  @Override
  public void commit(BlockCommit c) {
    long h = c.block().height();
    byte[] block = Canonical.encode(c.block());
    BatchBuilder b = new BatchBuilder(block.length * 8 + c.treeUpdate().newNodes().size() * 160);
    b.put(blocks, longKey(h), block);
    b.put(blockHashes, c.blockHash().unsafeArray(), longKey(h));
    List<Put> index = new ArrayList<>(c.txHashes().size());
    for (int i = 0; i < c.txHashes().size(); i++) {
      byte[] txHash = c.txHashes().get(i).unsafeArray();
      byte[] location = ByteBuffer.allocate(12).putLong(h).putInt(i).array();
      index.add(new Put(BatchBuilder.prefix(txHash, 0), txHash, location));
    }
    b.putSorted(txIndex, index);
    b.put(receipts, longKey(h), Canonical.encodeReceipts(c.receipts()));
    List<Put> accountPuts = new ArrayList<>(c.accounts().size());
    for (AccountIndex.Entry e : c.accounts()) {
      byte[] key = e.key();
      accountPuts.add(new Put(BatchBuilder.prefix(key, 0), key, e.value()));
    }
    b.putSorted(accountTxs, accountPuts);
    List<Put> nodePuts = new ArrayList<>(c.treeUpdate().newNodes().size());
    for (NodeEntry e : c.treeUpdate().newNodes()) {
      byte[] key = e.key().encode(); // all share the version: rank by the bytes after it
      nodePuts.add(new Put(BatchBuilder.prefix(key, 8), key, e.node().encode()));
    }
    b.putSorted(nodes, nodePuts);
    List<Put> stalePuts = new ArrayList<>(c.treeUpdate().staleNodes().size());
    for (StaleNode s : c.treeUpdate().staleNodes()) {
      // All share the stale-since version; then the node's version and depth order them.
      long rank = s.key().version() << 9 | s.key().path().depth();
      stalePuts.add(new Put(rank, s.encode(), EMPTY));
    }
    b.putSorted(stale, stalePuts);
    // Already in key order: a TreeMap of Bytes, which compare as RocksDB's default comparator.
    for (var e : c.stateChanges().entrySet()) {
      if (e.getValue().isPresent()) {
        b.put(latest, e.getKey().unsafeArray(), e.getValue().get().unsafeArray());
      } else {
        b.delete(latest, e.getKey().unsafeArray());
      }
    }
    for (var e : c.consensusWrites().entrySet()) {
      if (e.getValue().isPresent()) {
        b.put(consensus, e.getKey().unsafeArray(), e.getValue().get().unsafeArray());
      } else {
        b.delete(consensus, e.getKey().unsafeArray());
      }
    }
    b.put(meta, HEAD, longKey(h));
    try (WriteBatch batch = b.build()) {
      db.write(writeOptions, batch);
      latestCache.committed(c.stateChanges());
    } catch (RocksDBException e) {
      throw new StorageException("cannot commit block " + h + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes tree nodes that no version at or above {@code oldestRetained} can reach [STATE
   * pruning], in bounded batches. Returns the number of nodes deleted.
   */
  @Override
  public long pruneBelow(long oldestRetained) {
    long deleted = 0;
    try (RocksIterator it = db.newIterator(stale)) {
      it.seekToFirst();
      while (it.isValid()) {
        try (WriteBatch b = new WriteBatch()) {
          int n = 0;
          for (; it.isValid() && n < 10_000; it.next(), n++) {
            StaleNode s = StaleNode.decode(it.key());
            if (s.staleSinceVersion() > oldestRetained) {
              break;
            }
            b.delete(nodes, s.key().encode());
            b.delete(stale, it.key());
          }
          if (n == 0) {
            break;
          }
          b.put(meta, PRUNED_BELOW, longKey(oldestRetained));
          db.write(writeOptions, b);
          deleted += n;
          if (n < 10_000) {
            break;
          }
        }
      }
    } catch (RocksDBException e) {
      throw new StorageException(
          "cannot prune state below " + oldestRetained + ": " + e.getMessage(), e);
    }
    return deleted;
  }

  // ---- consensus records: the safety record, pending blocks, certificates

  /** A consensus record, or empty. */
  @Override
  public Optional<byte[]> consensusRecord(Bytes key) {
    return get(consensus, key.unsafeArray());
  }

  /**
   * Writes (or, for an empty value, deletes) consensus records in one batch that is always fsynced,
   * whatever {@code storage.sync} says: a validator must not forget a vote it sent.
   */
  @Override
  public void writeConsensus(SortedMap<Bytes, Optional<Bytes>> records) {
    try (WriteBatch b = new WriteBatch()) {
      for (var e : records.entrySet()) {
        if (e.getValue().isPresent()) {
          b.put(consensus, e.getKey().unsafeArray(), e.getValue().get().unsafeArray());
        } else {
          b.delete(consensus, e.getKey().unsafeArray());
        }
      }
      db.write(syncedWrites, b);
    } catch (RocksDBException e) {
      throw new StorageException("cannot write consensus records: " + e.getMessage(), e);
    }
  }

  /**
   * Consensus records whose key starts with {@code prefix}, in key order, at most {@code limit}.
   */
  @Override
  public List<Map.Entry<Bytes, byte[]>> scanConsensus(Bytes prefix, int limit) {
    List<Map.Entry<Bytes, byte[]>> out = new ArrayList<>();
    byte[] p = prefix.unsafeArray();
    try (RocksIterator it = db.newIterator(consensus)) {
      for (it.seek(p); it.isValid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (k.length < p.length || !Arrays.equals(k, 0, p.length, p, 0, p.length)) {
          break;
        }
        out.add(Map.entry(Bytes.wrap(k), it.value()));
      }
    }
    return out;
  }

  /**
   * Approximate on-disk size in bytes, for metrics and status: the table files and memtables of
   * every column family (the properties without a family name cover only the default one).
   */
  @Override
  public long approximateSizeBytes() {
    try {
      long total = 0;
      for (ColumnFamilyHandle h : handles) {
        total +=
            db.getLongProperty(h, "rocksdb.total-sst-files-size")
                + db.getLongProperty(h, "rocksdb.size-all-mem-tables");
      }
      return total;
    } catch (RocksDBException e) {
      return -1;
    }
  }

  // ---- maintenance (benchmarks, operators' tools): not used on the block path

  /** One column family's table files, from RocksDB's properties (-1 where unknown). */
  public record FamilyStats(
      long sstBytes,
      long entries,
      long rawKeyBytes,
      long rawValueBytes,
      long dataBlockBytes,
      long indexBytes,
      long filterBytes) {}

  /**
   * A consistent copy of the whole database, as of one moment, in {@code target} (which must not
   * exist yet): table files hard-linked where the file system allows, copied otherwise, and the
   * write-ahead log copied. Safe while the node writes; the copy opens as a database of its own.
   */
  public void checkpoint(Path target) {
    try (org.rocksdb.Checkpoint c = org.rocksdb.Checkpoint.create(db)) {
      c.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new StorageException(
          "cannot write a checkpoint to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Writes every memtable to table files and waits for it. */
  public void flush() {
    try (org.rocksdb.FlushOptions o = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
      db.flush(o, handles);
    } catch (RocksDBException e) {
      throw new StorageException("flush failed: " + e.getMessage(), e);
    }
  }

  /** Compacts every column family to its last level, dropping deleted and overwritten data. */
  public void compactAll() {
    try (org.rocksdb.CompactRangeOptions o =
        new org.rocksdb.CompactRangeOptions()
            .setBottommostLevelCompaction(
                org.rocksdb.CompactRangeOptions.BottommostLevelCompaction.kForce)
            .setExclusiveManualCompaction(true)
            .setMaxSubcompactions(Runtime.getRuntime().availableProcessors())) {
      for (ColumnFamilyHandle h : handles) {
        db.compactRange(h, null, null, o);
      }
    } catch (RocksDBException e) {
      throw new StorageException("compaction failed: " + e.getMessage(), e);
    }
  }

  /** True while a flush or compaction runs, or one is pending in any column family. */
  public boolean maintenanceBusy() {
    try {
      if (db.getLongProperty("rocksdb.num-running-compactions") > 0
          || db.getLongProperty("rocksdb.num-running-flushes") > 0) {
        return true;
      }
      for (ColumnFamilyHandle h : handles) {
        if (db.getLongProperty(h, "rocksdb.compaction-pending") > 0
            || db.getLongProperty(h, "rocksdb.mem-table-flush-pending") > 0) {
          return true;
        }
      }
      return false;
    } catch (RocksDBException e) {
      throw new StorageException("cannot read RocksDB properties: " + e.getMessage(), e);
    }
  }

  /** A numeric RocksDB property of the whole database (e.g. rocksdb.block-cache-usage), or -1. */
  public long property(String name) {
    try {
      return db.getLongProperty(name);
    } catch (RocksDBException e) {
      return -1;
    }
  }

  private static final java.util.regex.Pattern[] TABLE_PROPERTIES = {
    java.util.regex.Pattern.compile("# entries=(\\d+)"),
    java.util.regex.Pattern.compile("raw key size=(\\d+)"),
    java.util.regex.Pattern.compile("raw value size=(\\d+)"),
    java.util.regex.Pattern.compile("data block size=(\\d+)"),
    java.util.regex.Pattern.compile("index block size[^=]*=(\\d+)"),
    java.util.regex.Pattern.compile("filter block size=(\\d+)")
  };

  /** Per column family, in the store's order. */
  public Map<String, FamilyStats> familyStats() {
    Map<String, FamilyStats> out = new java.util.LinkedHashMap<>();
    try {
      for (int i = 0; i < handles.size(); i++) {
        ColumnFamilyHandle h = handles.get(i);
        String props = db.getProperty(h, "rocksdb.aggregated-table-properties");
        long[] v = new long[TABLE_PROPERTIES.length];
        for (int j = 0; j < v.length; j++) {
          java.util.regex.Matcher m = TABLE_PROPERTIES[j].matcher(props == null ? "" : props);
          v[j] = m.find() ? Long.parseLong(m.group(1)) : -1;
        }
        out.put(
            FAMILIES[i],
            new FamilyStats(
                db.getLongProperty(h, "rocksdb.total-sst-files-size"),
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5]));
      }
    } catch (RocksDBException e) {
      throw new StorageException("cannot read RocksDB properties: " + e.getMessage(), e);
    }
    return out;
  }

  private Optional<byte[]> get(ColumnFamilyHandle cf, byte[] key) {
    try {
      return Optional.ofNullable(db.get(cf, key));
    } catch (RocksDBException e) {
      throw new StorageException("read failed: " + e.getMessage(), e);
    }
  }

  private void put(ColumnFamilyHandle cf, byte[] key, byte[] value) {
    try {
      db.put(cf, writeOptions, key, value);
    } catch (RocksDBException e) {
      throw new StorageException("write failed: " + e.getMessage(), e);
    }
  }

  private static byte[] longKey(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  private static long readLong(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    writeOptions.close();
    syncedWrites.close();
    dbOptions.close();
    cfOptions.forEach(ColumnFamilyOptions::close);
    cache.close();
  }
}
