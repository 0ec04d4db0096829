package org.jingchain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.state.StateTree;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MemoryChainStore} keeps the {@link ChainStore} contract exactly as {@link RocksChainStore}
 * does — the simulator runs the node on it, so every answer must be the same: the same operations,
 * drawn from a fixed seed, give the same reads from both.
 */
class ChainStoreContractTest {
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

  /** One store and the state tree over it, driven identically to its twin. */
  private record Driven(ChainStore store, StateTree tree) {}

  /** Three senders, so the account index has several accounts to page through. */
  private static PublicKey sender(long height, int i) {
    byte[] k = new byte[32];
    k[0] = (byte) ((height + i) % 3);
    return new PublicKey(SuiteId.INTL, Bytes.wrap(k));
  }

  static final List<Address> ACCOUNTS =
      List.of(
          Address.of(sender(0, 0), SHA256),
          Address.of(sender(1, 0), SHA256),
          Address.of(sender(2, 0), SHA256));

  private static Transaction tx(long height, int i) {
    PublicKey k = sender(height, i);
    TxBody body =
        new TxBody(
            "test", k, height * 100 + i, 1, new Call("asset", "x", b("h" + height + "/" + i)));
    return new Transaction(body, Bytes.wrap(new byte[64]));
  }

  private static void commit(Driven d, long height, Random r, List<String> keys) {
    SortedMap<Bytes, Optional<Bytes>> changes = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      String k = keys.get(r.nextInt(keys.size()));
      changes.put(b(k), r.nextInt(5) == 0 ? Optional.empty() : Optional.of(b(k + "@" + height)));
    }
    List<Transaction> txs = new ArrayList<>();
    List<Hash> ids = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < r.nextInt(3); i++) {
      Transaction t = tx(height, i);
      txs.add(t);
      ids.add(t.hash(SHA256));
      // every other transaction names the next account in an event (a transfer's recipient)
      Address to = ACCOUNTS.get((int) ((height + i + 1) % 3));
      receipts.add(
          r.nextBoolean()
              ? Receipt.success(
                  t.hash(SHA256),
                  List.of(
                      new org.jingchain.types.Event(
                          "asset",
                          "Transferred",
                          List.of(
                              new org.jingchain.types.EventAttribute("to", to.toString()),
                              new org.jingchain.types.EventAttribute("note", "j" + to)))))
              : Receipt.failed(t.hash(SHA256), "NOPE", "no"));
    }
    BlockHeader h =
        new BlockHeader(
            "test",
            height,
            height,
            Hash.ZERO,
            height,
            PROPOSER,
            Hash.ZERO,
            txs.size(),
            Hash.ZERO,
            Hash.ZERO);
    SortedMap<Bytes, Optional<Bytes>> records = new TreeMap<>();
    records.put(b("justify/" + height), Optional.of(b("qc" + height)));
    if (height > 2) {
      records.put(b("pending/" + (height - 2)), Optional.empty());
    }
    Block block = new Block(h, txs);
    d.store()
        .commit(
            new BlockCommit(
                block,
                SHA256.hash(new byte[] {(byte) height, 7}),
                ids,
                receipts,
                d.tree().update(height - 1, height, changes),
                changes,
                records,
                AccountIndex.entries(block, ids, receipts, SHA256)));
  }

  /** Everything a reader of the store can observe, as comparable values. */
  private static List<Object> observe(ChainStore s, long head, List<String> keys) {
    List<Object> out = new ArrayList<>();
    out.add(s.headHeight());
    out.add(s.prunedBelow());
    out.add(s.genesis().map(Bytes::wrap));
    for (long h = 0; h <= head; h++) {
      out.add(s.block(h));
      out.add(s.header(h));
      out.add(s.receipts(h));
      out.add(s.heightOf(SHA256.hash(new byte[] {(byte) h, 7})));
      for (int i = 0; i < 3; i++) {
        Hash id = tx(h, i).hash(SHA256);
        out.add(s.txLocation(id));
        out.add(s.txLocation(id).flatMap(s::transaction));
      }
    }
    for (String k : keys) {
      out.add(s.latest(b(k)));
    }
    out.add(entries(s.scanLatest(b("k1"), 7)));
    out.add(entries(s.scanLatest(b("k"), 1000)));
    out.add(entries(s.scanLatest(b("k"), b("k3"), 5)));
    out.add(entries(s.scanLatest(b("k1"), b("k"), 5)));
    out.add(s.accountIndexFrom());
    for (Address a : ACCOUNTS) {
      out.add(s.accountTxs(a, Long.MAX_VALUE, 0, 1000));
      out.add(s.accountTxs(a, Long.MAX_VALUE, 0, 3));
      out.add(s.accountTxs(a, 20, 1, 4));
      out.add(s.accountTxs(a, 20, 0, 4));
      out.add(s.accountTxs(a, 0, 0, 4));
    }
    out.add(s.consensusRecord(b("justify/3")).map(Bytes::wrap));
    out.add(
        s.scanConsensus(b("pending/"), 100).stream()
            .map(e -> Map.entry(e.getKey(), Bytes.wrap(e.getValue())))
            .toList());
    out.add(
        s.scanConsensus(b("justify/"), 5).stream()
            .map(e -> Map.entry(e.getKey(), Bytes.wrap(e.getValue())))
            .toList());
    StateTree tree = new StateTree(s, SHA256, 0);
    for (long v = Math.max(s.prunedBelow(), 0); v <= head; v++) {
      out.add(tree.rootHash(v));
      for (String k : keys.subList(0, 10)) {
        out.add(tree.get(v, b(k)));
      }
    }
    return out;
  }

  private static List<Map.Entry<Bytes, Bytes>> entries(List<Map.Entry<Bytes, Bytes>> in) {
    return in.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void theMemoryStoreAnswersEveryReadAsRocksDbDoes(long seed) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      keys.add("k" + i);
    }
    MemoryChainStore memory = new MemoryChainStore();
    try (RocksChainStore rocks = RocksChainStore.open(dir, false, 1 << 20)) {
      List<Driven> both =
          List.of(
              new Driven(memory, new StateTree(memory, SHA256)),
              new Driven(rocks, new StateTree(rocks, SHA256)));
      for (Driven d : both) {
        d.store().putGenesis(b("{\"chainId\":\"test\"}").toByteArray());
        Random r = new Random(seed); // the same operations on both
        for (long h = 0; h < 40; h++) {
          commit(d, h, r, keys);
          if (h % 3 == 0) {
            SortedMap<Bytes, Optional<Bytes>> w = new TreeMap<>();
            w.put(b("pending/" + h), Optional.of(b("block" + h)));
            w.put(b("safety"), Optional.of(b("round" + h)));
            d.store().writeConsensus(w);
          }
          if (h == 25) {
            assertThat(d.store().pruneBelow(20)).isPositive();
          }
        }
      }
      assertThat(memory.prunedBelow()).isEqualTo(20);
      assertThat(memory.accountTxs(ACCOUNTS.get(0), Long.MAX_VALUE, 0, 1000))
          .as("the contract is exercised: the index holds sent and named entries")
          .anyMatch(AccountIndex.Entry::sent)
          .anyMatch(e -> e.named() && !e.sent());
      assertThat(observe(memory, 39, keys)).isEqualTo(observe(rocks, 39, keys));
    }
  }

  @Test
  void aMemoryStoreIsEmptyUntilItsFirstCommit() {
    MemoryChainStore s = new MemoryChainStore();
    assertThat(s.headHeight()).isEmpty();
    assertThat(s.block(0)).isEmpty();
    assertThat(s.receipts(0)).isEmpty();
    assertThat(s.scanLatest(b(""), 10)).isEmpty();
    assertThat(s.consensusRecord(b("safety"))).isEmpty();
  }
}
