package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * {@code sm} — linked by their admins with {@code jing xchain client create} and {@code register},
 * a transfer out and back, and a timeout refund, carried by {@code jing relay start}: one pass at a
 * time in-process, then as a process of its own. Every outcome is read back from the chains:
 * vouchers minted and burned, escrow, balances, and packets settled on both sides.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XchainIT {
  @TempDir static Path dir;
  static TwoChains chains;
  static NodeProcess city;
  static NodeProcess bank;
  static String cityAdmin;
  static String bankAdmin;
  static String cityAdminAddress;
  static String bob; // an account on bank (sm)
  static Path bobKey;
  static Path relayConfig;

  @BeforeAll
  static void twoChainsLinkedByTheirAdmins() throws Exception {
    chains = new TwoChains(dir);
    city = chains.city;
    bank = chains.bank;
    cityAdmin = chains.cityAdmin;
    bankAdmin = chains.bankAdmin;
    cityAdminAddress = chains.cityAdminAddress;
    bob = chains.bob;
    bobKey = chains.bobKey;
    relayConfig = chains.relayConfig("relay.json", "relayer-city.key", "relayer-bank.key", "");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (chains != null) {
      chains.close();
    }
  }

  static Result ok(NodeProcess node, String... args) {
    return chains.ok(node, args);
  }

  static int pending(NodeProcess node) {
    return TwoChains.pending(node);
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

  static Result relayOnce() {
    Result r = CliRun.run(List.of("relay", "start", "--config", relayConfig.toString(), "--once"));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return r;
  }

  // [XC-30], [XC-31], [XC-13], [XC-16]: tokens cross as vouchers, then the acknowledgement settles
  @Test
  @Order(1)
  void tokensCrossToTheOtherSuiteAsVouchers() throws Exception {
    // whole tokens by the token's decimals (CNY has none): half a yuan is refused before signing
    Result half =
        chains.jing(
            city,
            "xchain",
            "transfer",
            "--client",
            "c-0",
            "--denom",
            "CNY",
            "--value",
            "0.5",
            "--to",
            bob,
            "--key",
            cityAdmin);
    assertThat(half.exit()).isEqualTo(1);
    assertThat(half.err()).contains("--value 0.5 has more decimals than CNY's 0");
    assertThat(balance(city, cityAdminAddress, "CNY")).isEqualTo(1_000_000);
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
    assertThat(balance(city, cityAdminAddress, "CNY")).isEqualTo(999_900);
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
    Result byValue =
        chains.jing(
            bank,
            "xchain",
            "transfer",
            "--client",
            "c-0",
            "--denom",
            "c-0/CNY",
            "--value",
            "40",
            "--to",
            cityAdminAddress,
            "--key",
            bobKey.toString());
    assertThat(byValue.exit()).isEqualTo(1);
    assertThat(byValue.err()).contains("give --amount in the smallest unit");
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
    int metricsPort = NodeProcess.freePort();
    NodeProcess relayer =
        NodeProcess.jing(
            dir.resolve("relayer.log"),
            List.of(
                "relay",
                "start",
                "--config",
                relayConfig.toString(),
                "--metrics-port",
                Integer.toString(metricsPort)));
    String relayMetrics;
    try {
      TwoChains.await(
          () -> balance(city, cityAdminAddress, "CNY") == 999_940, "tokens released on city");
      TwoChains.await(() -> pending(bank) == 0, "the acknowledgement settled on bank");
      String url = "http://127.0.0.1:" + metricsPort + "/metrics";
      TwoChains.await(
          () ->
              get(url)
                  .contains("jing_relay_packets_acknowledged_total{from=\"bank\",to=\"city\"} 1.0"),
          "the relayer counted the acknowledgement");
      relayMetrics = get(url);
    } finally {
      relayer.terminate();
    }
    assertThat(Files.readString(dir.resolve("relayer.log")))
        .contains("relaying city/c-0 <-> bank/c-0");
    // docs/metrics.md: the relayer counts what it carried, by direction
    assertThat(relayMetrics)
        .contains("jing_relay_packets_received_total{from=\"bank\",to=\"city\"} 1.0")
        .contains("jing_relay_packets_acknowledged_total{from=\"bank\",to=\"city\"} 1.0")
        .contains("jing_relay_backlog_packets{from=\"bank\",to=\"city\"}")
        .contains("jing_relay_pass_failures_total 0.0");
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
    assertThat(balance(city, cityAdminAddress, "CNY")).isEqualTo(999_933);
    // bank moves past the timeout height before any relayer runs
    ok(bank, "asset", "create", "--symbol", "USD", "--name", "dollar", "--key", bankAdmin);
    ok(bank, "asset", "create", "--symbol", "EUR", "--name", "euro", "--key", bankAdmin);
    Result r = relayOnce();
    assertThat(r.out()).contains("1 timed out");
    assertThat(balance(city, cityAdminAddress, "CNY")).isEqualTo(999_940);
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

  // [XC-2], [XC-5] anyone updates a client by hand; an idle relayer keeps clients fresh
  @Test
  @Order(6)
  void clientsAreUpdatedByHandAndByAnIdleRelayer() throws Exception {
    // blocks come only with transactions: bank moves on, so it certifies blocks newer than the
    // one city's client holds (the last relay may have taken bank's newest)
    ok(bank, "asset", "create", "--symbol", "GBP", "--name", "pound", "--key", bankAdmin);
    ok(bank, "asset", "create", "--symbol", "JPY", "--name", "yen", "--key", bankAdmin);
    long before = new XchainQueries(city.url).client("c-0").latestHeight();
    String relayerKey = dir.resolve("relayer-city.key").toString();
    Result updated =
        ok(
            city,
            "xchain",
            "client",
            "update",
            "c-0",
            "--counterparty-api",
            bank.url,
            "--key",
            relayerKey);
    assertThat(updated.out())
        .contains("bank -> city: tx ")
        .contains("client c-0 updated to height");
    assertThat(new XchainQueries(city.url).client("c-0").latestHeight()).isGreaterThan(before);
    // nothing to relay, but a relayer told to refresh after 1 ms updates bank's client of city,
    // which city's blocks since have left behind
    ok(city, "asset", "create", "--symbol", "GBP", "--name", "pound", "--key", cityAdmin);
    ok(city, "asset", "create", "--symbol", "JPY", "--name", "yen", "--key", cityAdmin);
    Path eager = dir.resolve("eager.json");
    Files.writeString(
        eager,
        Files.readString(relayConfig).replace("\"paths\"", "\"refreshMillis\": 1, \"paths\""));
    long bankBefore = new XchainQueries(bank.url).client("c-0").latestHeight();
    Result r = CliRun.run(List.of("relay", "start", "--config", eager.toString(), "--once"));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("city -> bank: tx ").contains("client c-0 updated to height");
    assertThat(new XchainQueries(bank.url).client("c-0").latestHeight()).isGreaterThan(bankBefore);
    Result list = ok(city, "xchain", "client", "show");
    assertThat(list.out()).containsPattern("c-0 +bank +sm +c-0 +active");
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

  // [XC-33] a collectible crosses to the other suite, is found under its class trace, and comes
  // home to its owner, each leg carried by the relayer
  @Test
  @Order(7)
  void aCollectibleCrossesAndComesHome() throws Exception {
    Path metadata = dir.resolve("art-1.json");
    Files.writeString(metadata, "{\"title\": \"Temple of Heaven at dawn\"}");
    ok(city, "nft", "mint", "--id", "art-1", "--metadata", metadata.toString(), "--key", cityAdmin);
    String digest = new JingClient(city.url).nft("art-1").digest();
    ok(
        city,
        "xchain",
        "nft-transfer",
        "--client",
        "c-0",
        "--id",
        "art-1",
        "--to",
        bob,
        "--key",
        cityAdmin);
    assertThat(new JingClient(city.url).nft("art-1").owner())
        .as("escrowed on city")
        .isNotEqualTo(cityAdminAddress);
    relayOnce();
    relayOnce();
    Result owner = ok(bank, "xchain", "nft-owner", "--class", "c-0/asset", "--id", "art-1");
    assertThat(owner.out()).containsPattern("owner +" + bob).contains(digest);
    assertThat(pending(city)).isZero();

    // asking wrongly is refused with the reason
    var q = new XchainQueries(bank.url);
    assertThatThrownBy(() -> q.nft("c-0/asset", "art-2"))
        .isInstanceOfSatisfying(
            org.jingchain.sdk.JingApiException.class,
            e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
    assertThatThrownBy(() -> q.nft("asset", "art-1"))
        .isInstanceOfSatisfying(
            org.jingchain.sdk.JingApiException.class,
            e -> assertThat(e.code()).isEqualTo("BAD_REQUEST"));

    ok(
        bank,
        "xchain",
        "nft-transfer",
        "--client",
        "c-0",
        "--class",
        "c-0/asset",
        "--id",
        "art-1",
        "--to",
        cityAdminAddress,
        "--key",
        bobKey.toString());
    assertThatThrownBy(() -> q.nft("c-0/asset", "art-1"))
        .as("the voucher burned on bank")
        .isInstanceOf(org.jingchain.sdk.JingApiException.class);
    relayOnce();
    relayOnce();
    var home = new JingClient(city.url).nft("art-1");
    assertThat(home.owner()).isEqualTo(cityAdminAddress);
    assertThat(home.digest()).isEqualTo(digest);
    assertThat(pending(bank)).isZero();
  }

  static String metrics(NodeProcess node) {
    return get(node.url + "/metrics");
  }

  static String get(String url) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
