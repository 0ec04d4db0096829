package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.XchainQueries;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.sdk.model.XchainVouchers;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.xchain.XchainCalls;
import org.jingchain.xchain.XchainKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [XC-12], [XC-16], [XC-20] A backlog of 5,000 transfers from city to bank, cleared by relayer
 * processes: the first is SIGKILLed part-way, then two with keys of their own race over the rest.
 * Every transfer arrives exactly once — 5,000 vouchers, 5,000 yuan in escrow, nothing in flight —
 * and every one is settled back on city.
 */
class XchainBacklogIT {
  static final int BACKLOG = 5_000;

  @TempDir Path dir;

  @Test
  void aBacklogClearsExactlyOnceThroughAKilledRelayerAndTwoRacingOnes() throws Exception {
    try (TwoChains chains = new TwoChains(dir)) {
      JingClient city = new JingClient(chains.city.url, Duration.ofSeconds(60));
      KeyPair admin =
          EncryptedKeyStore.read(
              Path.of(chains.cityAdmin), Files.readString(chains.pw).toCharArray());
      long nonce = city.nextNonce(admin.address());
      long timeout = System.currentTimeMillis() + 3_600_000;
      List<Transaction> txs = new ArrayList<>();
      for (int i = 0; i < BACKLOG; i++) {
        txs.add(
            Transactions.sign(
                admin,
                "city",
                nonce + i,
                System.currentTimeMillis() + 600_000,
                XchainCalls.transfer(
                    new XchainCalls.Transfer("c-0", "CNY", 1, chains.bob, 0, timeout, ""))));
      }
      Hash last = null;
      for (int from = 0; from < BACKLOG; from += 1000) {
        BatchResult r = city.submitBatch(txs.subList(from, from + 1000));
        assertThat(r.accepted()).isEqualTo(1000);
        last = Hash.fromHex(r.results().getLast().hash());
      }
      assertThat(city.waitForCommit(last, Duration.ofMinutes(2)).receipt().succeeded()).isTrue();
      assertThat(new XchainQueries(chains.city.url).packets("c-0", 1, 1).nextSequence())
          .isEqualTo(BACKLOG + 1);

      // the first relayer starts on the backlog and is killed once it has delivered some
      for (String k : List.of("r2-city", "r3-city")) {
        chains.newKey(dir.resolve(k + ".key"), "intl");
      }
      for (String k : List.of("r2-bank", "r3-bank")) {
        chains.newKey(dir.resolve(k + ".key"), "sm");
      }
      Path one = chains.relayConfig("one.json", "relayer-city.key", "relayer-bank.key", "");
      NodeProcess first = relayer(one, "one.log");
      try {
        TwoChains.await(() -> vouchers(chains) > 0, "the first relayer delivered some packets");
      } finally {
        first.kill();
      }
      long beforeKill = vouchers(chains);
      // two more, each with keys of its own, race over the rest (and over each other)
      Path two = chains.relayConfig("two.json", "r2-city.key", "r2-bank.key", "");
      Path three = chains.relayConfig("three.json", "r3-city.key", "r3-bank.key", "");
      NodeProcess second = relayer(two, "two.log");
      NodeProcess third = relayer(three, "three.log");
      try {
        TwoChains.await(
            () -> vouchers(chains) == BACKLOG && TwoChains.pending(chains.city) == 0,
            "every packet delivered and settled");
      } finally {
        second.terminate();
        third.terminate();
      }
      System.out.printf(
          "backlog of %d: %d delivered before the kill, the rest by two racing relayers%n",
          BACKLOG, beforeKill);

      // exactly once, and conserved [XC-16]: vouchers on bank = yuan in escrow on city
      Address escrow = XchainKeys.escrow("c-0", SuiteId.INTL, CryptoSuites.of(SuiteId.INTL));
      assertThat(vouchers(chains)).isEqualTo(BACKLOG);
      assertThat(balance(city, escrow)).isEqualTo(BACKLOG);
      assertThat(balance(city, Address.parse(chains.cityAdminAddress)))
          .isEqualTo(1_000_000 - BACKLOG);
      assertThat(TwoChains.pending(chains.bank)).isZero();
      String logs =
          Files.readString(dir.resolve("two.log")) + Files.readString(dir.resolve("three.log"));
      assertThat(logs).contains("packets received");
      System.out.println("relayer two:\n" + Files.readString(dir.resolve("two.log")));
      System.out.println("relayer three:\n" + Files.readString(dir.resolve("three.log")));
    }
  }

  NodeProcess relayer(Path config, String log) throws Exception {
    return NodeProcess.jing(
        dir.resolve(log), List.of("relay", "start", "--config", config.toString()));
  }

  static long vouchers(TwoChains chains) {
    XchainVouchers v = new XchainQueries(chains.bank.url).vouchers(Address.parse(chains.bob));
    return v.vouchers().stream()
        .filter(x -> x.denom().equals("c-0/CNY"))
        .mapToLong(XchainVouchers.Voucher::amount)
        .sum();
  }

  static long balance(JingClient c, Address a) {
    return c.balances(a).balances().stream()
        .filter(b -> b.symbol().equals("CNY"))
        .mapToLong(b -> b.amount())
        .sum();
  }
}
