package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.AccountHistory;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "What did this account do?": the node's account index through the API, the SDK and {@code jing tx
 * list}, against a real node on RocksDB, and on a node upgraded from a version without the index.
 */
class AccountHistoryIT {
  @TempDir Path dir;

  /** alice creates, mints and pays bob; then a transfer of a token that does not exist fails. */
  private static List<Hash> activity(JingClient c, KeyPair alice, KeyPair bob) {
    String chain = c.status().chainId();
    List<Hash> sent = new ArrayList<>();
    sent.add(c.submit(ApiIT.sign(alice, chain, 0, AssetCalls.create("CNY", "Digital yuan", 2))));
    sent.add(c.submit(ApiIT.sign(alice, chain, 1, AssetCalls.mint("CNY", alice.address(), 1000))));
    sent.add(c.submit(ApiIT.sign(alice, chain, 2, AssetCalls.transfer("CNY", bob.address(), 300))));
    sent.add(c.submit(ApiIT.sign(alice, chain, 3, AssetCalls.transfer("EUR", bob.address(), 1))));
    for (Hash h : sent) {
      c.waitForCommit(h, Duration.ofSeconds(30));
    }
    return sent;
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void anAccountsHistoryListsWhatItSentAndWhatNamedItNewestFirst(SuiteId suite) throws Exception {
    try (TestNode n = new TestNode(dir, suite)) {
      JingClient c = n.client;
      KeyPair alice = CryptoSuites.of(suite).generateKeyPair(new SecureRandom());
      KeyPair bob = CryptoSuites.of(suite).generateKeyPair(new SecureRandom());
      List<Hash> sent = activity(c, alice, bob);

      AccountHistory a = c.accountHistory(alice.address(), null, 100);
      assertThat(a.indexedFrom()).isZero();
      assertThat(a.next()).isNull();
      assertThat(a.transactions())
          .extracting(AccountHistory.Entry::hash)
          .as("newest first")
          .containsExactly(
              sent.get(3).toHex(), sent.get(2).toHex(), sent.get(1).toHex(), sent.get(0).toHex());
      assertThat(a.transactions()).allMatch(AccountHistory.Entry::sent);
      assertThat(a.transactions().get(0).status()).isEqualTo("failed");
      assertThat(a.transactions().get(0).code()).isEqualTo("UNKNOWN_TOKEN");
      assertThat(a.transactions().get(1).method()).isEqualTo("transfer");
      assertThat(a.transactions().get(1).status()).isEqualTo("success");
      assertThat(a.transactions().get(1).code()).isNull();
      assertThat(a.transactions().get(2).named()).as("the mint names alice as recipient").isTrue();
      long time =
          c.block(Long.toString(a.transactions().get(1).height())).header().timestampMillis();
      assertThat(a.transactions().get(1).timestampMillis()).isEqualTo(time);

      AccountHistory b = c.accountHistory(bob.address(), null, 100);
      assertThat(b.transactions())
          .as("bob signed nothing; the transfer to him names him, the failed one does not")
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.hash()).isEqualTo(sent.get(2).toHex());
                assertThat(e.sent()).isFalse();
                assertThat(e.named()).isTrue();
                assertThat(e.contract() + "." + e.method()).isEqualTo("asset.transfer");
              });

      // pages of two, each older than the last; the last says there is no next
      AccountHistory p1 = c.accountHistory(alice.address(), null, 2);
      assertThat(p1.next()).isNotNull();
      AccountHistory p2 = c.accountHistory(alice.address(), p1.next(), 2);
      assertThat(p2.next()).as("four transactions fill exactly two pages").isNull();
      List<String> paged = new ArrayList<>();
      for (AccountHistory p : List.of(p1, p2)) {
        p.transactions().forEach(e -> paged.add(e.hash()));
      }
      assertThat(paged)
          .isEqualTo(a.transactions().stream().map(AccountHistory.Entry::hash).toList());
      AccountHistory p3 = c.accountHistory(alice.address(), "1:0", 2);
      assertThat(p3.transactions()).as("nothing before block 1").isEmpty();
      assertThat(p3.next()).isNull();

      KeyPair nobody = CryptoSuites.of(suite).generateKeyPair(new SecureRandom());
      assertThat(c.accountHistory(nobody.address(), null, 20).transactions()).isEmpty();
    }
  }

  @Test
  void badCursorsAndAddressesGetBadRequestAndTheCliExplains() throws Exception {
    try (TestNode n = new TestNode(dir, SuiteId.INTL)) {
      KeyPair alice = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
      KeyPair bob = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
      List<Hash> sent = activity(n.client, alice, bob);
      String base = n.url + "/api/v1/accounts/";
      for (String q :
          List.of(
              alice.address() + "/transactions?before=12",
              alice.address() + "/transactions?before=-1:0",
              alice.address() + "/transactions?before=1:2:3",
              alice.address() + "/transactions?limit=0",
              alice.address() + "/transactions?limit=101",
              "ji00/transactions")) {
        var r = ApiIT.get(base + q);
        assertThat(r.statusCode()).as(q).isEqualTo(400);
        assertThat(ApiIT.code(r)).as(q).isEqualTo("BAD_REQUEST");
      }
      try {
        n.client.accountHistory(alice.address(), "x", 5);
        throw new AssertionError("a bad cursor was accepted");
      } catch (JingApiException e) {
        assertThat(e.code()).isEqualTo("BAD_REQUEST");
        assertThat(e.getMessage()).contains("HEIGHT:INDEX");
      }

      CliRun.Result list =
          CliRun.run(List.of("tx", "list", bob.address().toString(), "--api", n.url));
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.out().lines().toList())
          .containsExactly(
              "account " + bob.address() + ", newest first",
              String.format(
                  "block %-7d named      asset.transfer           tx %s  success",
                  n.client.transaction(sent.get(2)).orElseThrow().height(), sent.get(2).toHex()));
      CliRun.Result failed =
          CliRun.run(
              List.of("tx", "list", alice.address().toString(), "--limit", "1", "--api", n.url));
      assertThat(failed.out().lines().toList().get(1))
          .contains("sent ", "asset.transfer", sent.get(3).toHex(), "FAILED UNKNOWN_TOKEN");

      CliRun.Result page =
          CliRun.run(
              List.of("tx", "list", alice.address().toString(), "--limit", "3", "--api", n.url));
      assertThat(page.exit()).isZero();
      String older =
          page.out().lines().filter(l -> l.startsWith("older: ")).findFirst().orElseThrow();
      List<String> args =
          new ArrayList<>(List.of(older.substring("older: jing ".length()).split(" ")));
      args.addAll(List.of("--api", n.url, "--json"));
      CliRun.Result rest = CliRun.run(args);
      assertThat(rest.exit()).as(rest.err()).isZero();
      assertThat(rest.json().get("transactions").get(0).get("hash").asText())
          .as("the printed command opens the next page")
          .isEqualTo(sent.get(0).toHex());

      CliRun.Result bad =
          CliRun.run(
              List.of("tx", "list", alice.address().toString(), "--before", "7", "--api", n.url));
      assertThat(bad.exit()).isEqualTo(2);
      assertThat(bad.err()).contains("--before must be HEIGHT:INDEX").doesNotContain("Exception");
      CliRun.Result badAddress = CliRun.run(List.of("tx", "list", "alice", "--api", n.url));
      assertThat(badAddress.exit()).isEqualTo(2);
      assertThat(badAddress.err()).contains("ADDRESS: an address is 'ji' or 'js'");
    }
  }

  @Test
  void aNodeUpgradedFromAVersionWithoutTheIndexIndexesItsOlderBlocksInTheBackground()
      throws Exception {
    KeyPair validator = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
    KeyPair alice = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
    KeyPair bob = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
    AccountHistory before;
    try (TestNode n = new TestNode(dir, SuiteId.INTL, java.util.Map.of(), validator)) {
      activity(n.client, alice, bob);
      before = n.client.accountHistory(alice.address(), null, 100);
    }
    forgetTheAccountIndex(dir.resolve("db"));
    try (TestNode n = new TestNode(dir, SuiteId.INTL, java.util.Map.of(), validator)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      AccountHistory after = n.client.accountHistory(alice.address(), null, 100);
      while (after.indexedFrom() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20); // polls a condition, bounded by the deadline
        after = n.client.accountHistory(alice.address(), null, 100);
      }
      assertThat(after.indexedFrom()).as("the backfill reached block 0").isZero();
      assertThat(after.transactions()).isEqualTo(before.transactions());
    }
  }

  /** Makes the store look like one an older version wrote: no index family and no marker. */
  static void forgetTheAccountIndex(Path db) throws Exception {
    try (org.rocksdb.Options listing = new org.rocksdb.Options();
        org.rocksdb.DBOptions o = new org.rocksdb.DBOptions();
        org.rocksdb.ColumnFamilyOptions cfo = new org.rocksdb.ColumnFamilyOptions()) {
      List<org.rocksdb.ColumnFamilyDescriptor> families = new ArrayList<>();
      for (byte[] f : org.rocksdb.RocksDB.listColumnFamilies(listing, db.toString())) {
        families.add(new org.rocksdb.ColumnFamilyDescriptor(f, cfo));
      }
      List<org.rocksdb.ColumnFamilyHandle> handles = new ArrayList<>();
      try (org.rocksdb.RocksDB r = org.rocksdb.RocksDB.open(o, db.toString(), families, handles)) {
        for (int i = 0; i < families.size(); i++) {
          if (new String(families.get(i).getName(), StandardCharsets.UTF_8).equals("account_txs")) {
            r.dropColumnFamily(handles.get(i));
          }
        }
        r.delete("accountIndexFrom".getBytes(StandardCharsets.UTF_8));
        handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
      }
    }
  }
}
