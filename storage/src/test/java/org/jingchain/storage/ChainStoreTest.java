package org.jingchain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.state.InMemoryTreeStore;
import org.jingchain.state.StateTree;
import org.jingchain.state.TreeUpdate;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits to a real RocksDB: latest state through its cache, and the tree nodes as written. */
class ChainStoreTest {
  private static final HashFunction SHA256 =
      data -> {
        try {
          return Hash.wrap(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      };
  private static final Address PROPOSER =
      new Address(SuiteId.INTL, Bytes.wrap(new byte[Address.BODY_LENGTH]));

  @TempDir Path dir;

  private static Bytes b(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void commit(
      ChainStore store, StateTree tree, long height, SortedMap<Bytes, Optional<Bytes>> changes) {
    BlockHeader h =
        new BlockHeader(
            "test", height, height, Hash.ZERO, height, PROPOSER, Hash.ZERO, 0, Hash.ZERO,
            Hash.ZERO);
    TreeUpdate u = tree.update(height - 1, height, changes);
    store.commit(
        new BlockCommit(
            new Block(h, List.of()),
            SHA256.hash(new byte[] {(byte) height}),
            List.of(),
            List.of(),
            u,
            changes));
  }

  @Test
  void aStoreWrittenBeforeTheAccountIndexIndexesFromItsNextBlockUntilBackfilled() throws Exception {
    try (RocksChainStore store = RocksChainStore.open(dir, false, 1 << 20)) {
      assertThat(store.accountIndexFrom()).as("a new store indexes from block 0").isZero();
      StateTree tree = new StateTree(store, SHA256);
      for (long h = 0; h < 5; h++) {
        commit(store, tree, h, new TreeMap<>(java.util.Map.of(b("k"), Optional.of(b("v" + h)))));
      }
    }
    // what an older version left: no account_txs family and no marker
    try (org.rocksdb.Options listing = new org.rocksdb.Options();
        org.rocksdb.DBOptions o = new org.rocksdb.DBOptions();
        org.rocksdb.ColumnFamilyOptions cfo = new org.rocksdb.ColumnFamilyOptions()) {
      List<org.rocksdb.ColumnFamilyDescriptor> families = new java.util.ArrayList<>();
      for (byte[] f : org.rocksdb.RocksDB.listColumnFamilies(listing, dir.toString())) {
        families.add(new org.rocksdb.ColumnFamilyDescriptor(f, cfo));
      }
      List<org.rocksdb.ColumnFamilyHandle> handles = new java.util.ArrayList<>();
      try (org.rocksdb.RocksDB db =
          org.rocksdb.RocksDB.open(o, dir.toString(), families, handles)) {
        for (int i = 0; i < families.size(); i++) {
          String name = new String(families.get(i).getName(), StandardCharsets.UTF_8);
          if (name.equals("account_txs")) {
            db.dropColumnFamily(handles.get(i));
          }
        }
        db.delete(b("accountIndexFrom").toByteArray());
        handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
      }
    }
    Address someone = new Address(SuiteId.INTL, Bytes.wrap(new byte[Address.BODY_LENGTH]));
    AccountIndex.Entry old = new AccountIndex.Entry(someone, 2, 0, AccountIndex.SENT, Hash.ZERO);
    try (RocksChainStore store = RocksChainStore.open(dir, false, 1 << 20)) {
      assertThat(store.accountIndexFrom())
          .as("complete only from the block after the head")
          .isEqualTo(5);
      assertThat(store.accountTxs(someone, Long.MAX_VALUE, 0, 10)).isEmpty();
      store.backfillAccounts(List.of(old), 0);
    }
    try (RocksChainStore store = RocksChainStore.open(dir, false, 1 << 20)) {
      assertThat(store.accountIndexFrom())
          .as("the backfill's progress survives a restart")
          .isZero();
      assertThat(store.accountTxs(someone, Long.MAX_VALUE, 0, 10)).containsExactly(old);
      assertThat(store.accountTxs(someone, 2, 0, 10)).as("strictly before the cursor").isEmpty();
      assertThat(store.accountTxs(someone, 2, 1, 10)).containsExactly(old);
    }
  }

  @Test
  void latestStateFollowsEveryCommitAndSurvivesAReopen() {
    try (RocksChainStore store = RocksChainStore.open(dir, false, 1 << 20)) {
      StateTree tree = new StateTree(store, SHA256);
      commit(store, tree, 0, new TreeMap<>(java.util.Map.of(b("a"), Optional.of(b("1")))));
      assertThat(store.latest(b("a"))).contains(b("1"));
      assertThat(store.latest(b("b"))).isEmpty(); // cached as absent
      SortedMap<Bytes, Optional<Bytes>> next = new TreeMap<>();
      next.put(b("a"), Optional.empty());
      next.put(b("b"), Optional.of(b("2")));
      commit(store, tree, 1, next);
      assertThat(store.latest(b("a"))).isEmpty();
      assertThat(store.latest(b("b"))).contains(b("2"));
    }
    try (RocksChainStore store = RocksChainStore.open(dir, false, 1 << 20)) {
      assertThat(store.headHeight()).contains(1L);
      assertThat(store.latest(b("a"))).isEmpty();
      assertThat(store.latest(b("b"))).contains(b("2"));
    }
  }

  @Test
  void theSizeCountsEveryColumnFamilyAndMaintenanceKeepsTheData() {
    try (RocksChainStore store = RocksChainStore.open(dir, false, 1 << 20)) {
      StateTree tree = new StateTree(store, SHA256);
      for (long v = 0; v < 5; v++) {
        SortedMap<Bytes, Optional<Bytes>> changes = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
          changes.put(b("k" + i), Optional.of(b("value-" + v + "-" + i)));
        }
        commit(store, tree, v, changes);
      }
      store.flush();
      var stats = store.familyStats();
      assertThat(stats).containsKeys("blocks", "state_nodes", "state_latest");
      long sst = stats.values().stream().mapToLong(RocksChainStore.FamilyStats::sstBytes).sum();
      assertThat(stats.get("state_nodes").sstBytes()).isPositive();
      assertThat(stats.get("state_nodes").entries()).isPositive();
      // The whole store, not just the default family (which holds almost nothing).
      assertThat(store.approximateSizeBytes()).isGreaterThanOrEqualTo(sst);
      assertThat(stats.get("default").sstBytes()).isLessThan(sst);
      store.compactAll();
      assertThat(store.latest(b("k7"))).contains(b("value-4-7"));
      assertThat(store.headHeight()).isPresent();
    }
  }

  @Test
  void treeNodesReadBackAsTheInMemoryTreeHasThem() {
    InMemoryTreeStore memory = new InMemoryTreeStore();
    StateTree reference = new StateTree(memory, SHA256, 0);
    Random r = new Random(11);
    try (RocksChainStore store = RocksChainStore.open(dir, false, 1 << 20)) {
      StateTree tree = new StateTree(store, SHA256, 0); // no cache: every node comes from RocksDB
      for (long v = 0; v < 10; v++) {
        SortedMap<Bytes, Optional<Bytes>> changes = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
          changes.put(b("k" + r.nextInt(2000)), Optional.of(b("v" + v + "-" + i)));
        }
        commit(store, tree, v, changes);
        memory.apply(reference.update(v - 1, v, changes));
        assertThat(tree.rootHash(v)).isEqualTo(reference.rootHash(v));
      }
      for (int k = 0; k < 2000; k += 97) {
        assertThat(tree.get(9, b("k" + k))).isEqualTo(reference.get(9, b("k" + k)));
        assertThat(store.latest(b("k" + k))).isEqualTo(reference.get(9, b("k" + k)));
      }
    }
  }
}
