package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.asset.AssetCalls;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.XchainQueries;
import org.jingchain.sdk.model.Epoch;
import org.jingchain.sdk.model.XchainClient;
import org.jingchain.sdk.model.XchainVouchers;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;
import org.jingchain.types.Transaction;
import org.jingchain.xchain.XchainCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [XC-3], [XC-20] on real processes: chain {@code city} is a network of four validators of four
 * organisations ({@code jing net}), {@code bank} an {@code sm} chain; a relayer process carries
 * transfers from city to bank while city's organisations vote a validator out. Transfers sent
 * before, during and after the change all arrive exactly once and are acknowledged, bank's client
 * of city follows city into its new epoch from the chain's own proofs, and after the change the
 * removed validator is stopped: headers only the three remaining validators sign are accepted.
 */
class XchainEpochIT {
  static final CryptoSuite INTL = CryptoSuites.intl();
  static final Duration GUARD = Duration.ofMinutes(3);
  static final long AMOUNT = 10;

  @TempDir Path tmp;
  Path net;
  int api;
  final List<JingClient> nodes = new ArrayList<>();
  KeyPair alice;
  String chain;
  long nonce;

  @Test
  void transfersFlowAcrossAValidatorSetChangeOfTheSendingChain() throws Exception {
    NodeProcess.launchNetsFromThisBuild();
    net = tmp.resolve("net");
    api = NodeProcess.freePortRun(10); // APIs api..api+3, p2p api+5..api+8
    ok(
        "net",
        "init",
        "--validators",
        "4",
        "--orgs",
        "--chain-id",
        "city",
        "--dir",
        net.toString(),
        "--api-port",
        Integer.toString(api),
        "--p2p-port",
        Integer.toString(api + 5),
        "--round-timeout-ms",
        "1000");
    Path pw = tmp.resolve("password");
    Files.writeString(pw, "xchain-epoch-it");
    NodeProcess bank = null;
    NodeProcess relayer = null;
    try {
      ok("net", "up", "--dir", net.toString());
      bank =
          NodeProcess.start(
              tmp.resolve("bank"),
              pw,
              NodeProcess.freePort(),
              "--chain-id",
              "bank",
              "--suite",
              "sm");
      bank.awaitReady();
      for (int i = 0; i < 4; i++) {
        nodes.add(new JingClient("http://127.0.0.1:" + (api + i), Duration.ofSeconds(10)));
      }
      alice = INTL.generateKeyPair(new SecureRandom());
      chain = nodes.getFirst().status().chainId();
      String bankAdmin = tmp.resolve("bank/validator.key").toString();
      String bob = newKey(tmp.resolve("bob.key"), "sm", pw);
      newKey(tmp.resolve("relayer-city.key"), "intl", pw);
      newKey(tmp.resolve("relayer-bank.key"), "sm", pw);

      // each side's admin makes a client of the other from its genesis file, and registers
      as(0, "xchain", "client", "create", "--genesis", tmp.resolve("bank/genesis.json").toString());
      ok(
          "xchain",
          "client",
          "create",
          "--genesis",
          net.resolve("genesis.json").toString(),
          "--key",
          bankAdmin,
          "--password-file",
          pw.toString(),
          "--api=" + bank.url);
      as(0, "xchain", "register", "--client", "c-0", "--counterparty-client", "c-0");
      ok(
          "xchain",
          "register",
          "--client",
          "c-0",
          "--counterparty-client",
          "c-0",
          "--key",
          bankAdmin,
          "--password-file",
          pw.toString(),
          "--api=" + bank.url);
      commit(AssetCalls.create("CNY", "yuan", 0));
      commit(AssetCalls.mint("CNY", alice.address(), 1_000));

      Path config = tmp.resolve("relay.json");
      Files.writeString(
          config,
          """
          {
            "chains": {
              "city": {"api": "%s", "key": "relayer-city.key", "passwordFile": "password"},
              "bank": {"api": "%s", "key": "relayer-bank.key", "passwordFile": "password"}
            },
            "paths": [{"a": "city", "aClient": "c-0", "b": "bank", "bClient": "c-0"}]
          }
          """
              .formatted("http://127.0.0.1:" + api, bank.url),
          StandardCharsets.UTF_8);
      relayer =
          NodeProcess.jing(
              tmp.resolve("relayer.log"), List.of("relay", "start", "--config", config.toString()));

      // transfers before the change
      Hash last = null;
      for (int i = 0; i < 10; i++) {
        last = send(bob);
      }
      nodes.getFirst().waitForCommit(last, GUARD);

      // the organisations vote node3's validator out while those are relayed, and more are sent
      // between the votes
      JsonNode genesis =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(net.resolve("genesis.json").toFile());
      String validator3 = genesis.get("validators").get(3).asText();
      as(0, "gov", "propose", "remove-validator", "--validator", validator3);
      for (int i = 0; i < 5; i++) {
        send(bob);
      }
      as(1, "gov", "vote", "1");
      assertThat(as(2, "gov", "vote", "1").out()).contains("gov.Executed");
      for (int i = 0; i < 5; i++) {
        last = send(bob);
      }
      Epoch e1 = awaitEpoch();
      assertThat(e1.validators()).hasSize(3).doesNotContain(validator3);
      nodes.getFirst().waitForCommit(last, GUARD);

      // the removed validator stops; what city commits now carries three signatures of the new
      // set, which bank's client accepts only having followed city into epoch 1
      ok("net", "down", "--dir", net.toString(), "--node", "3");
      for (int i = 0; i < 10; i++) {
        last = send(bob);
      }
      long lastHeight = nodes.getFirst().waitForCommit(last, GUARD).height();
      assertThat(lastHeight).isGreaterThan(e1.firstHeight());

      XchainQueries onBank = new XchainQueries(bank.url);
      XchainQueries onCity = new XchainQueries("http://127.0.0.1:" + api);
      NetworkIT.await(
          "all 30 transfers received on bank and acknowledged on city",
          () ->
              vouchers(onBank, bob) == 30 * AMOUNT
                  && onCity.packets("c-0", 1, 1000).pending().isEmpty());
      NetworkIT.await(
          "bank's client of city past height " + lastHeight,
          () -> onBank.client("c-0").latestHeight() >= lastHeight);
      XchainClient c = onBank.client("c-0");
      assertThat(c.status()).isEqualTo("active");
      assertThat(c.epochs())
          .as("bank's client holds city's new validator set, proved by city's own commit")
          .anySatisfy(
              e -> {
                assertThat(e.firstHeight()).isEqualTo(e1.firstHeight());
                assertThat(e.validators()).containsExactlyElementsOf(e1.validators());
              });
      assertThat(vouchers(onBank, bob)).as("exactly once").isEqualTo(30 * AMOUNT);
      assertThat(
              new JingClient("http://127.0.0.1:" + api)
                  .balances(alice.address()).balances().stream()
                      .filter(b -> b.symbol().equals("CNY"))
                      .mapToLong(b -> b.amount())
                      .sum())
          .isEqualTo(1_000 - 30 * AMOUNT);
    } catch (AssertionError | RuntimeException e) {
      StringBuilder logs = new StringBuilder();
      for (Path nd : NetCommand.nodes(net)) {
        logs.append("\n--- ").append(nd.getFileName()).append('\n').append(NetCommand.tail(nd, 30));
      }
      if (relayer != null) {
        logs.append("\n--- relayer\n").append(Files.readString(relayer.log));
      }
      throw new AssertionError(
          e.getMessage() + "\nlogs:" + logs + "\n--- failed: " + e.getMessage(), e);
    } finally {
      if (relayer != null) {
        relayer.terminate();
      }
      if (bank != null) {
        bank.terminate();
      }
      CliRun.run(List.of("net", "down", "--dir", net.toString()));
    }
  }

  Hash send(String bob) {
    Transaction tx =
        Transactions.sign(
            alice,
            chain,
            nonce++,
            System.currentTimeMillis() + 600_000,
            XchainCalls.transfer(
                new XchainCalls.Transfer(
                    "c-0", "CNY", AMOUNT, bob, 0, System.currentTimeMillis() + 3_600_000, "")));
    return nodes.getFirst().submit(tx);
  }

  void commit(org.jingchain.types.Call call) {
    Transaction tx =
        Transactions.sign(alice, chain, nonce++, System.currentTimeMillis() + 600_000, call);
    var s = nodes.getFirst().waitForCommit(nodes.getFirst().submit(tx), GUARD);
    assertThat(s.receipt().status()).isEqualTo("success");
  }

  Epoch awaitEpoch() throws InterruptedException {
    var out = new java.util.concurrent.atomic.AtomicReference<Epoch>();
    NetworkIT.await(
        "epoch 1 on node0",
        () -> {
          List<Epoch> e;
          try {
            e = nodes.getFirst().epochs();
          } catch (org.jingchain.sdk.JingApiException x) {
            return false;
          }
          if (e.isEmpty()) {
            return false;
          }
          out.set(e.getFirst());
          return true;
        });
    return out.get();
  }

  static long vouchers(XchainQueries q, String account) {
    return q.vouchers(Address.parse(account)).vouchers().stream()
        .filter(v -> v.denom().equals("c-0/CNY"))
        .mapToLong(XchainVouchers.Voucher::amount)
        .sum();
  }

  static Result ok(String... args) {
    Result r = CliRun.run(List.of(args));
    assertThat(r.exit()).as("jing %s: %s%s", String.join(" ", args), r.out(), r.err()).isZero();
    return r;
  }

  static String newKey(Path file, String suite, Path pw) throws java.io.IOException {
    ok("keys", "new", "--suite", suite, "--out", file.toString(), "--password-file", pw.toString());
    return TwoChains.address(file.toString());
  }

  /** Runs a command as node {@code i}'s validator account (its organisation's admin). */
  Result as(int i, String... args) {
    return EpochIT.asAdmin(net, api, i, args);
  }
}
