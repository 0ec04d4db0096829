package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.asset.AssetCalls;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * {@code jing db backup|verify|restore} on a real {@code jing dev} node process and real RocksDB
 * (docs/operations.md, "Backup and restore"): a backup taken while the node commits, verified from
 * its own genesis; a tampered state value found; a restore that keeps the replaced database's
 * safety records, refuses what would lose data unasked, and a node that resumes from it.
 */
class DbIT {
  static final Duration GUARD = Duration.ofSeconds(30);
  @TempDir Path tmp;
  KeyPair alice = CryptoSuites.intl().generateKeyPair(new java.security.SecureRandom());
  long nonce;

  static Result jing(String... args) {
    return CliRun.run(List.of(args));
  }

  Hash commit(JingClient c, String chain, Call call) {
    Hash h =
        c.submit(
            Transactions.sign(alice, chain, nonce++, System.currentTimeMillis() + 600_000, call));
    assertThat(c.waitForCommit(h, GUARD).receipt().status()).isEqualTo("success");
    return h;
  }

  @Test
  void aBackupTakenWhileTheNodeCommitsVerifiesAndRestores() throws Exception {
    Path pw = tmp.resolve("password");
    Files.writeString(pw, "db-it");
    Path data = tmp.resolve("chain");
    Path backup = tmp.resolve("backup");
    NodeProcess node = NodeProcess.start(data, pw, NodeProcess.freePort());
    try {
      JingClient c = node.awaitReady();
      String chain = c.status().chainId();
      commit(c, chain, AssetCalls.create("CNY", "yuan", 0));
      commit(c, chain, AssetCalls.mint("CNY", alice.address(), 1_000));

      Result b = jing("db", "backup", "--data-dir", data.toString(), "--out", backup.toString());
      assertThat(b.exit()).as(b.err()).isZero();
      assertThat(b.out()).contains("taken by the running node").contains("validator.key");
      JsonNode manifest = CliRun.JSON.readTree(backup.resolve("backup.json").toFile());
      assertThat(manifest.get("online").asBoolean()).isTrue();
      assertThat(Files.exists(backup.resolve("validator.key.password"))).isFalse();
      long backedUp = manifest.get("height").asLong();
      assertThat(c.block(Long.toString(backedUp)).header().hash())
          .isEqualTo(manifest.get("blockHash").asText());

      // the node went on committing; its own database cannot be verified while it runs
      commit(c, chain, AssetCalls.mint("CNY", alice.address(), 5));
      Result live = jing("db", "verify", "--data-dir", data.toString());
      assertThat(live.exit()).isEqualTo(1);
      assertThat(live.err()).contains("a node is running on it");
      Result busy =
          jing("db", "restore", "--from", backup.toString(), "--data-dir", data.toString());
      assertThat(busy.exit()).isEqualTo(1);
      assertThat(busy.err()).contains("stop it first");
      long before = c.status().height();

      Result ok = jing("db", "verify", "--data-dir", backup.toString(), "--json");
      assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
      JsonNode report = ok.json();
      assertThat(report.get("ok").asBoolean()).isTrue();
      assertThat(report.get("head").asLong()).isEqualTo(backedUp);
      assertThat(report.get("keys").asLong()).isPositive();
      assertThat(report.get("stateRoot").asText()).isEqualTo(manifest.get("stateRoot").asText());

      node.terminate();

      // a copy of the backup with one state value changed behind the tree's back is caught
      Path tampered = tmp.resolve("tampered");
      copy(backup, tampered);
      changeOneLatestValue(tampered.resolve("db"));
      Result bad = jing("db", "verify", "--data-dir", tampered.toString());
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.out()).contains("FAILED: key 'asset/balance/").contains("latest-value table");

      // one validator, its database ahead of the backup: the blocks since would be made again
      Result unasked =
          jing("db", "restore", "--from", backup.toString(), "--data-dir", data.toString());
      assertThat(unasked.exit()).isEqualTo(1);
      assertThat(unasked.err()).contains("--rollback").contains("one validator");
      Result restored =
          jing(
              "db",
              "restore",
              "--from",
              backup.toString(),
              "--data-dir",
              data.toString(),
              "--rollback");
      assertThat(restored.exit()).as(restored.err()).isZero();
      assertThat(restored.out()).contains("rolled back from block " + before);
      // restored again at once (within the same second, as a script does): both replaced
      // databases are kept, side by side
      Result again =
          jing("db", "restore", "--from", backup.toString(), "--data-dir", data.toString());
      assertThat(again.exit()).as(again.err()).isZero();
      try (var entries = Files.list(data)) {
        assertThat(entries.map(p -> p.getFileName().toString()))
            .as("each replaced database is kept")
            .filteredOn(n -> n.startsWith("db.replaced-"))
            .hasSize(2);
      }

      // a validator key with no database to take its safety records from: refused
      Path elsewhere = tmp.resolve("new-machine");
      Result lost =
          jing("db", "restore", "--from", backup.toString(), "--data-dir", elsewhere.toString());
      assertThat(lost.exit()).isEqualTo(1);
      assertThat(lost.err()).contains("equivocation").contains("new key");
    } finally {
      node.close();
    }

    // the node resumes from the restored database and commits on top of it
    NodeProcess again = NodeProcess.start(data, pw, NodeProcess.freePort());
    try {
      JingClient c = again.awaitReady();
      JsonNode manifest = CliRun.JSON.readTree(backup.resolve("backup.json").toFile());
      long backedUp = manifest.get("height").asLong();
      assertThat(c.block(Long.toString(backedUp)).header().hash())
          .isEqualTo(manifest.get("blockHash").asText());
      nonce = 2; // the mint after the backup is gone with the rolled-back blocks
      commit(c, c.status().chainId(), AssetCalls.mint("CNY", alice.address(), 7));
      assertThat(
              c.balances(alice.address()).balances().stream()
                  .filter(x -> x.symbol().equals("CNY"))
                  .mapToLong(x -> x.amount())
                  .sum())
          .isEqualTo(1_007);
    } finally {
      again.close();
    }
  }

  // a validator of four restored from a backup keeps its newer safety records and catches up
  // from its peers: the same state at the same height as the others, and the chain goes on
  @Test
  void aRestoredValidatorOfANetworkCatchesUpFromItsPeers() throws Exception {
    NodeProcess.launchNetsFromThisBuild();
    Path net = tmp.resolve("net");
    int api = NodeProcess.freePortRun(10);
    Result init =
        jing(
            "net",
            "init",
            "--validators",
            "4",
            "--dir",
            net.toString(),
            "--api-port",
            Integer.toString(api),
            "--p2p-port",
            Integer.toString(api + 5),
            "--round-timeout-ms",
            "1000");
    assertThat(init.exit()).as(init.err()).isZero();
    Path backup = tmp.resolve("node3-backup");
    try {
      assertThat(jing("net", "up", "--dir", net.toString()).exit()).isZero();
      JingClient c = new JingClient("http://127.0.0.1:" + api, GUARD);
      String chain = c.status().chainId();
      long created =
          c.waitForCommit(commit(c, chain, AssetCalls.create("CNY", "yuan", 0)), GUARD).height();
      JingClient three = new JingClient("http://127.0.0.1:" + (api + 3), GUARD);
      NetworkIT.await("node3 at height " + created, () -> NetworkIT.height(three) >= created);
      Path node3 = net.resolve("node3");
      Result b = jing("db", "backup", "--data-dir", node3.toString(), "--out", backup.toString());
      assertThat(b.exit()).as(b.err()).isZero();
      for (int i = 0; i < 3; i++) {
        commit(c, chain, AssetCalls.mint("CNY", alice.address(), 10));
      }
      assertThat(jing("net", "down", "--dir", net.toString(), "--node", "3").exit()).isZero();
      Result restored =
          jing("db", "restore", "--from", backup.toString(), "--data-dir", node3.toString());
      assertThat(restored.exit()).as(restored.err()).isZero();
      assertThat(restored.out()).contains("safety record(s)").doesNotContain("rolled back");
      Result verified = jing("db", "verify", "--data-dir", node3.toString());
      assertThat(verified.exit()).as(verified.out()).isZero();

      assertThat(jing("net", "up", "--dir", net.toString(), "--node", "3").exit()).isZero();
      Hash last = commit(c, chain, AssetCalls.mint("CNY", alice.address(), 1));
      long height = c.waitForCommit(last, GUARD).height();
      NetworkIT.await(
          "node3 past height " + height,
          () -> {
            try {
              return three.status().height() >= height;
            } catch (RuntimeException notYet) {
              return false;
            }
          });
      assertThat(three.block(Long.toString(height)).header().hash())
          .isEqualTo(c.block(Long.toString(height)).header().hash());
      assertThat(
              three.balances(alice.address()).balances().stream()
                  .filter(x -> x.symbol().equals("CNY"))
                  .mapToLong(x -> x.amount())
                  .sum())
          .isEqualTo(31);
    } finally {
      CliRun.run(List.of("net", "down", "--dir", net.toString()));
    }
  }

  static void copy(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  /** Rewrites the first key of the latest-value table with another value, RocksDB directly. */
  static void changeOneLatestValue(Path db) throws Exception {
    RocksDB.loadLibrary();
    List<byte[]> names;
    try (Options o = new Options()) {
      names = RocksDB.listColumnFamilies(o, db.toString());
    }
    List<ColumnFamilyDescriptor> ds = new ArrayList<>();
    for (byte[] n : names) {
      ds.add(new ColumnFamilyDescriptor(n));
    }
    List<ColumnFamilyHandle> hs = new ArrayList<>();
    try (DBOptions o = new DBOptions();
        RocksDB r = RocksDB.open(o, db.toString(), ds, hs)) {
      ColumnFamilyHandle latest = null;
      for (int i = 0; i < names.size(); i++) {
        if (new String(names.get(i), StandardCharsets.UTF_8).equals("state_latest")) {
          latest = hs.get(i);
        }
      }
      try (var it = r.newIterator(latest)) {
        it.seekToFirst();
        byte[] key = it.key();
        byte[] value = it.value();
        byte[] changed = java.util.Arrays.copyOf(value, value.length + 1);
        r.put(latest, key, changed);
      }
      for (ColumnFamilyHandle h : hs) {
        h.close();
      }
    }
  }
}
