package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.jingchain.asset.AssetCalls;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.state.InMemoryTreeStore;
import org.jingchain.state.StateTree;
import org.jingchain.state.TreeUpdate;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Durability under SIGKILL: a node process runs under load and is killed several times at (seeded)
 * random points. Every transaction it reported committed must survive with the same receipt, the
 * chain must continue after each restart, and every state root the node committed must equal a
 * replay of all blocks from genesis.
 */
class CrashRecoveryIT {
  static final int ACCOUNTS = 16;
  static final int KILLS = 3;
  @TempDir Path dir;

  record Seen(long height, org.jingchain.sdk.model.Receipt receipt) {}

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void committedTransactionsSurviveSigkillAndStateMatchesAReplay(SuiteId suiteId) throws Exception {
    Random rnd = new Random(20261122);
    CryptoSuite suite = CryptoSuites.of(suiteId);
    Path data = dir.resolve("node");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "crash-test-password");
    int port = NodeProcess.freePort();
    List<KeyPair> accounts = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(suite.generateKeyPair(new SecureRandom()));
    }
    Map<Hash, Seen> committed = new LinkedHashMap<>();

    NodeProcess node = NodeProcess.start(data, pw, port, nodeArgs(suiteId));
    try {
      JingClient c = node.awaitReady();
      String chain = c.status().chainId();
      KeyPair issuer = accounts.getFirst();
      Hash create =
          c.submit(Transactions.sign(issuer, chain, 0, far(), AssetCalls.create("CNY", "yuan", 0)));
      List<Transaction> mints = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        mints.add(
            Transactions.sign(
                issuer,
                chain,
                1 + i,
                far(),
                AssetCalls.mint("CNY", accounts.get(i).address(), 1_000_000)));
      }
      c.submitBatch(mints);
      record(c, create, committed);
      record(c, mints.getLast().hash(suite), committed);

      for (int kill = 0; kill <= KILLS; kill++) {
        int target = 100 + rnd.nextInt(300);
        runLoad(c, chain, accounts, rnd, target, committed);
        if (kill == KILLS) {
          break;
        }
        // kill while the node is busy: batches accepted but not yet (all) committed
        for (int extra = rnd.nextInt(4); extra >= 0; extra--) {
          c.submitBatch(transfers(c, chain, accounts, rnd));
        }
        node.kill();
        node = NodeProcess.start(data, pw, port, nodeArgs(suiteId));
        c = node.awaitReady();
        for (var e : committed.entrySet()) {
          TxStatus t =
              c.transaction(e.getKey())
                  .orElseThrow(() -> new AssertionError("lost committed tx " + e.getKey()));
          assertThat(t.status()).isEqualTo("committed");
          assertThat(t.height()).isEqualTo(e.getValue().height());
          assertThat(t.receipt()).isEqualTo(e.getValue().receipt());
        }
      }
      assertThat(node.terminate()).as("clean shutdown on SIGTERM").isIn(0, 143);
    } finally {
      node.close();
    }
    assertThat(committed.size()).isGreaterThan(KILLS * 100);
    replayFromGenesisMatches(data.resolve("db"), suite);
  }

  private static String[] nodeArgs(SuiteId suite) {
    return new String[] {
      "--suite", suite.label(), "--block-interval-ms", "5", "--set", "api.requestsPerSecond=100000"
    };
  }

  private static long far() {
    return System.currentTimeMillis() + 3_000_000;
  }

  /** Submits transfers until {@code target} more were reported committed; records them. */
  private static void runLoad(
      JingClient c,
      String chain,
      List<KeyPair> accounts,
      Random rnd,
      int target,
      Map<Hash, Seen> committed) {
    int before = committed.size();
    while (committed.size() - before < target) {
      List<Transaction> batch = transfers(c, chain, accounts, rnd);
      BatchResult r = c.submitBatch(batch);
      for (int i = 0; i < batch.size(); i++) {
        if (r.results().get(i).status().equals("pending")) {
          record(c, batch.get(i).hash(accounts.getFirst().suite()), committed);
        }
      }
    }
  }

  private static List<Transaction> transfers(
      JingClient c, String chain, List<KeyPair> accounts, Random rnd) {
    List<Transaction> batch = new ArrayList<>();
    for (KeyPair from : accounts) {
      KeyPair to = accounts.get(rnd.nextInt(accounts.size()));
      long nonce = c.nextNonce(from.address());
      batch.add(
          Transactions.sign(
              from,
              chain,
              nonce,
              far(),
              AssetCalls.transfer("CNY", to.address(), 1 + rnd.nextInt(5))));
    }
    return batch;
  }

  private static void record(JingClient c, Hash h, Map<Hash, Seen> committed) {
    TxStatus t = c.waitForCommit(h, Duration.ofSeconds(60));
    committed.put(h, new Seen(t.height(), t.receipt()));
  }

  /** Re-executes every stored block from genesis and compares roots and receipts. */
  private static void replayFromGenesisMatches(Path db, CryptoSuite suite) {
    try (RocksChainStore store = RocksChainStore.open(db, false, 16L << 20)) {
      long head = store.headHeight().orElseThrow();
      org.jingchain.service.Genesis genesis;
      try {
        genesis =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(store.genesis().orElseThrow(), org.jingchain.service.Genesis.class);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      // the platform's services, as every node of the chain runs them
      var services =
          new org.jingchain.node.ServiceSet(
              org.jingchain.platform.Platform.services(),
              new org.jingchain.service.ChainSetup(genesis, suite));
      BlockExecutor exec = services.executor();
      InMemoryTreeStore mem = new InMemoryTreeStore();
      StateTree tree = new StateTree(mem, suite);
      TreeMap<Bytes, Bytes> state = new TreeMap<>();
      // Height 0's state is the services' genesis state (governance's, docs/spec/governance.md).
      var genesisWrites = services.genesisState();
      mem.apply(tree.update(-1, 0, genesisWrites));
      genesisWrites.forEach((k, v) -> v.ifPresent(val -> state.put(k, val)));
      Hash prevBlockHash = suite.hash(Canonical.encode(store.block(0).orElseThrow().header()));
      for (long h = 1; h <= head; h++) {
        Block b = store.block(h).orElseThrow();
        assertThat(b.header().parentHash()).as("parent link at %d", h).isEqualTo(prevBlockHash);
        assertThat(b.header().stateRoot())
            .as("state root in header %d", h)
            .isEqualTo(tree.rootHash(h - 1));
        BlockResult r = exec.execute(b, k -> Optional.ofNullable(state.get(k)));
        List<Receipt> stored = store.receipts(h);
        assertThat(r.receipts()).as("receipts of block %d", h).isEqualTo(stored);
        TreeUpdate u = tree.update(h - 1, h, r.changes());
        mem.apply(u);
        r.changes()
            .forEach((k, v) -> v.ifPresentOrElse(val -> state.put(k, val), () -> state.remove(k)));
        prevBlockHash = suite.hash(Canonical.encode(b.header()));
      }
      assertThat(tree.rootHash(head))
          .as("head state root")
          .isEqualTo(new StateTree(store, suite).rootHash(head));
      assertThat(head).isGreaterThan(10);
    } catch (JingApiException e) {
      throw new AssertionError(e);
    }
  }
}
