package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.XchainQueries;
import org.jingchain.sdk.model.XchainClient;
import org.jingchain.sdk.model.XchainVouchers;
import org.jingchain.types.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * [XC-20] Two chains as node processes — {@code city} on the {@code intl} suite, {@code bank} on
 * {@code sm} — linked by their admins with {@code jing xchain create-client} and {@code register},
 * a transfer out and back, and a timeout refund, carried by {@code jing relay start}: one pass at a
 * time in-process, then as a process of its own. Every outcome is read back from the chains:
 * vouchers minted and burned, escrow, balances, and packets settled on both sides.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XchainIT {
  @TempDir static Path dir;
  static NodeProcess city;
  static NodeProcess bank;
  static Path pw;
  static String cityAdmin;
  static String bankAdmin;
  static String cityAdminAddress;
  static String bob; // an account on bank (sm)
  static Path bobKey;
  static Path relayConfig;

  @BeforeAll
  static void twoChainsLinkedByTheirAdmins() throws Exception {
    pw = dir.resolve("password");
    Files.writeString(pw, "xchain-it-password");
    int cityPort = NodeProcess.freePort();
    int bankPort = NodeProcess.freePort();
    city =
        NodeProcess.start(
            dir.resolve("city"), pw, cityPort, "--chain-id", "city", "--suite", "intl");
    bank =
        NodeProcess.start(dir.resolve("bank"), pw, bankPort, "--chain-id", "bank", "--suite", "sm");
    city.awaitReady();
    bank.awaitReady();
    cityAdmin = dir.resolve("city/validator.key").toString();
    bankAdmin = dir.resolve("bank/validator.key").toString();
    cityAdminAddress = address(cityAdmin);
    bobKey = dir.resolve("bob.key");
    bob = address(newKey(bobKey, "sm"));
    Path relayerCity = dir.resolve("relayer-city.key");
    Path relayerBank = dir.resolve("relayer-bank.key");
    newKey(relayerCity, "intl");
    newKey(relayerBank, "sm");

    // each admin makes a client of the other chain from its genesis file, then registers the path
    assertThat(
            client(
                    city,
                    "xchain",
                    "create-client",
                    "--genesis",
                    dir.resolve("bank/genesis.json").toString(),
                    "--key",
                    cityAdmin)
                .out())
        .contains("ClientCreated");
    ok(
        bank,
        "xchain",
        "create-client",
        "--genesis",
        dir.resolve("city/genesis.json").toString(),
        "--key",
        bankAdmin);
    ok(
        city,
        "xchain",
        "register",
        "--client",
        "c-0",
        "--counterparty-client",
        "c-0",
        "--key",
        cityAdmin);
    ok(
        bank,
        "xchain",
        "register",
        "--client",
        "c-0",
        "--counterparty-client",
        "c-0",
        "--key",
        bankAdmin);
    ok(city, "asset", "create", "--symbol", "CNY", "--name", "yuan", "--key", cityAdmin);
    ok(
        city,
        "asset",
        "mint",
        "--symbol",
        "CNY",
        "--to",
        cityAdminAddress,
        "--amount",
        "1000",
        "--key",
        cityAdmin);

    relayConfig = dir.resolve("relay.json");
    Files.writeString(
        relayConfig,
        """
        {
          "chains": {
            "city": {"api": "%s", "key": "relayer-city.key", "passwordFile": "password"},
            "bank": {"api": "%s", "key": "relayer-bank.key", "passwordFile": "password"}
          },
          "paths": [{"a": "city", "aClient": "c-0", "b": "bank", "bClient": "c-0"}]
        }
        """
            .formatted(city.url, bank.url),
        StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (NodeProcess p : new NodeProcess[] {city, bank}) {
      if (p != null) {
        p.terminate();
      }
    }
  }

  static Result client(NodeProcess node, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--api=" + node.url);
    if (all.contains("--key")) {
      all.add("--password-file=" + pw);
    }
    return CliRun.run(all);
  }

  static Result ok(NodeProcess node, String... args) {
    Result r = client(node, args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  static String newKey(Path file, String suite) throws IOException {
    Result r =
        CliRun.run(
            List.of(
                "keys",
                "new",
                "--suite",
                suite,
                "--out",
                file.toString(),
                "--password-file",
                pw.toString()));
    assertThat(r.exit()).as(r.err()).isZero();
    return file.toString();
  }

  static String address(String keyFile) throws IOException {
    Result r = CliRun.run(List.of("keys", "show", "--key", keyFile, "--json"));
    return r.json().get("address").asText();
  }

  static long balance(NodeProcess node, String account, String symbol) {
    var b = new JingClient(node.url).balances(Address.parse(account));
    return b.balances().stream()
        .filter(x -> x.symbol().equals(symbol))
        .mapToLong(x -> x.amount())
        .findFirst()
        .orElse(0);
  }

  static long vouchers(NodeProcess node, String account, String denom) {
    XchainVouchers v = new XchainQueries(node.url).vouchers(Address.parse(account));
    return v.vouchers().stream()
        .filter(x -> x.denom().equals(denom))
        .mapToLong(XchainVouchers.Voucher::amount)
        .sum();
  }

  static int pending(NodeProcess node) {
    return new XchainQueries(node.url).packets("c-0", 1, 100).pending().size();
  }

  static Result relayOnce() {
    Result r = CliRun.run(List.of("relay", "start", "--config", relayConfig.toString(), "--once"));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return r;
  }

  // [XC-30], [XC-31], [XC-13], [XC-16]: tokens cross as vouchers, then the acknowledgement settles
  @Test
  @Order(1)
  void tokensCrossToTheOtherSuiteAsVouchers() throws Exception {
    Result sent =
        ok(
            city,
            "xchain",
            "transfer",
            "--client",
            "c-0",
            "--denom",
            "CNY",
            "--amount",
            "100",
            "--to",
            bob,
            "--key",
            cityAdmin);
    assertThat(sent.out()).contains("PacketSent", "TransferSent");
    assertThat(balance(city, cityAdminAddress, "CNY")).isEqualTo(900);
    assertThat(pending(city)).isEqualTo(1);

    Result first = relayOnce();
    assertThat(first.out()).contains("city -> bank", "1 packets received");
    assertThat(vouchers(bank, bob, "c-0/CNY")).isEqualTo(100);
    XchainClient c = new XchainQueries(bank.url).client("c-0");
    assertThat(c.latestHeight()).isPositive();
    assertThat(c.status()).isEqualTo("active");

    Result second = relayOnce();
    assertThat(second.out()).contains("1 acknowledged");
    assertThat(pending(city)).isZero();
    // a third pass finds nothing to do and sends nothing
    assertThat(relayOnce().out()).doesNotContain(" tx ");
  }

  // [XC-30..32] vouchers go home through a relayer running as its own process
  @Test
  @Order(2)
  void vouchersComeHomeThroughARelayerProcess() throws Exception {
    ok(
        bank,
        "xchain",
        "transfer",
        "--client",
        "c-0",
        "--denom",
        "c-0/CNY",
        "--amount",
        "40",
        "--to",
        cityAdminAddress,
        "--key",
        bobKey.toString());
    assertThat(vouchers(bank, bob, "c-0/CNY")).isEqualTo(60);
    NodeProcess relayer =
        NodeProcess.jing(
            dir.resolve("relayer.log"),
            List.of("relay", "start", "--config", relayConfig.toString()));
    try {
      await(() -> balance(city, cityAdminAddress, "CNY") == 940, "tokens released on city");
      await(() -> pending(bank) == 0, "the acknowledgement settled on bank");
    } finally {
      relayer.terminate();
    }
    assertThat(Files.readString(dir.resolve("relayer.log")))
        .contains("relaying city/c-0 <-> bank/c-0");
  }

  // [XC-14], [XC-32] a packet nobody delivers in time is refunded, and can never arrive after
  @Test
  @Order(3)
  void aTransferNotReceivedInTimeIsRefunded() throws Exception {
    long bankHeight = new JingClient(bank.url).status().height();
    ok(
        city,
        "xchain",
        "transfer",
        "--client",
        "c-0",
        "--denom",
        "CNY",
        "--amount",
        "7",
        "--to",
        bob,
        "--timeout-minutes",
        "0",
        "--timeout-height",
        Long.toString(bankHeight + 2),
        "--key",
        cityAdmin);
    assertThat(balance(city, cityAdminAddress, "CNY")).isEqualTo(933);
    // bank moves past the timeout height before any relayer runs
    ok(bank, "asset", "create", "--symbol", "USD", "--name", "dollar", "--key", bankAdmin);
    ok(bank, "asset", "create", "--symbol", "EUR", "--name", "euro", "--key", bankAdmin);
    Result r = relayOnce();
    assertThat(r.out()).contains("1 timed out");
    assertThat(balance(city, cityAdminAddress, "CNY")).isEqualTo(940);
    assertThat(pending(city)).isZero();
    assertThat(vouchers(bank, bob, "c-0/CNY")).isEqualTo(60);
  }

  // [XC-7] the path's ends must name each other; a relayer refuses a path that does not exist
  @Test
  @Order(4)
  void aRelayerRefusesAPathTheChainsDoNotHave() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad, Files.readString(relayConfig).replace("\"bClient\": \"c-0\"", "\"bClient\": \"c-9\""));
    Result r = CliRun.run(List.of("relay", "start", "--config", bad.toString(), "--once"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("city's c-0 has counterparty c-0, not c-9");
    Files.writeString(bad, Files.readString(relayConfig).replace("\"paths\"", "\"pathz\""));
    Result unknown = CliRun.run(List.of("relay", "start", "--config", bad.toString(), "--once"));
    assertThat(unknown.err()).contains("unknown field \"pathz\"");
  }

  // docs/metrics.md: each chain counts what its packets did
  @Test
  @Order(5)
  void eachChainCountsItsPackets() throws Exception {
    String cityMetrics = metrics(city);
    assertThat(cityMetrics)
        .contains("jing_xchain_packets_sent_total 2.0")
        .contains("jing_xchain_packets_acknowledged_total 1.0")
        .contains("jing_xchain_packets_timed_out_total 1.0")
        .contains("jing_xchain_packets_received_total 1.0")
        .contains("jing_xchain_clients_frozen_total 0.0");
    assertThat(metrics(bank))
        .contains("jing_xchain_packets_sent_total 1.0")
        .contains("jing_xchain_packets_received_total 1.0")
        .contains("jing_xchain_packets_acknowledged_total 1.0");
  }

  static String metrics(NodeProcess node) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    return http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url + "/metrics"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }
}
