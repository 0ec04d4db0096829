package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --genesis} on reads trusts nothing the node says (issue 20, "trust from genesis"): the CLI
 * talks to a real node through a proxy on 127.0.0.1 that lies in one answer — a transaction's
 * arguments in a block, a state value — and every lie is refused with "not verified", while the
 * same commands through the same proxy, honest, verify.
 */
class TrustFromGenesisIT {
  @TempDir Path dir;
  TestNode node;
  HttpServer proxy;
  String proxyUrl;
  volatile String liePath = "";
  volatile UnaryOperator<JsonNode> lie = j -> j;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    node = new TestNode(dir.resolve("node"), SuiteId.INTL, Map.of());
    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          URI to = URI.create(node.url + exchange.getRequestURI());
          HttpResponse<String> r;
          try {
            r =
                http.send(
                    HttpRequest.newBuilder(to).GET().build(), HttpResponse.BodyHandlers.ofString());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
            return;
          }
          String body = r.body();
          if (!liePath.isEmpty() && exchange.getRequestURI().getPath().equals(liePath)) {
            body = CliRun.JSON.writeValueAsString(lie.apply(CliRun.JSON.readTree(body)));
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(r.statusCode(), bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    proxy.start();
    proxyUrl = "http://127.0.0.1:" + proxy.getAddress().getPort();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.stop(0);
    node.close();
  }

  CliRun.Result jing(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--api", proxyUrl, "--genesis", dir.resolve("node/genesis.json").toString()));
    return CliRun.run(all);
  }

  TxStatus commit(KeyPair from, String chain, long nonce, org.jingchain.types.Call call) {
    return node.client.waitForCommit(
        node.client.submit(
            Transactions.sign(from, chain, nonce, System.currentTimeMillis() + 60_000, call)),
        Duration.ofSeconds(30));
  }

  @Test
  void aNodeThatLiesAboutATransactionOrAValueIsCaught() throws Exception {
    KeyPair alice = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    String chain = node.client.status().chainId();
    TxStatus created = commit(alice, chain, 0, AssetCalls.create("CNY", "yuan", 2));
    assertThat(created.receipt().succeeded()).isTrue();
    // a later block, so the first one has a certified child
    commit(alice, chain, 1, AssetCalls.mint("CNY", alice.address(), 500));
    String height = Long.toString(created.height());
    String key = "asset/balance/" + alice.address() + "/CNY";

    CliRun.Result honestBlock = jing("block", "get", height);
    assertThat(honestBlock.exit()).as(honestBlock.err()).isZero();
    assertThat(honestBlock.out()).contains("verified   block " + height + " committed");
    CliRun.Result honestValue = jing("state", "get", key);
    assertThat(honestValue.exit()).as(honestValue.err()).isZero();
    assertThat(honestValue.out()).contains("(u64 500)").contains("proof      VERIFIED");

    // the block's transaction says another token name
    liePath = "/api/v1/blocks/" + height;
    lie =
        j -> {
          ObjectNode tx = (ObjectNode) j.path("transactions").get(0);
          String args = tx.path("args").asText();
          tx.put(
              "args", args.substring(0, args.length() - 2) + (args.endsWith("00") ? "01" : "00"));
          return j;
        };
    CliRun.Result forgedBlock = jing("block", "get", height);
    assertThat(forgedBlock.exit()).isEqualTo(1);
    assertThat(forgedBlock.err())
        .contains("not verified against")
        .contains("do not make its certified transaction root");
    CliRun.Result forgedTx = jing("tx", "get", created.hash());
    assertThat(forgedTx.exit()).isEqualTo(1);
    assertThat(forgedTx.err()).contains("not verified against");

    // the transaction is said to have failed: its receipt no longer makes the results root
    lie =
        j -> {
          ObjectNode r = (ObjectNode) j.path("receipts").get(0);
          r.put("status", "failed").put("code", "INSUFFICIENT_BALANCE").put("message", "no");
          return j;
        };
    CliRun.Result forgedReceipt = jing("tx", "get", created.hash());
    assertThat(forgedReceipt.exit()).isEqualTo(1);
    assertThat(forgedReceipt.err())
        .contains("not verified against")
        .contains("do not make the results root");
    liePath = "";
    CliRun.Result honestTx = jing("tx", "get", created.hash());
    assertThat(honestTx.exit()).as(honestTx.err()).isZero();
    assertThat(honestTx.out()).contains("with its receipt");

    // the balance is said to be larger
    liePath = "/api/v1/state";
    lie =
        j -> {
          ((ObjectNode) j).put("value", "00000000000f4240");
          return j;
        };
    CliRun.Result forgedValue = jing("state", "get", key);
    assertThat(forgedValue.exit()).isEqualTo(1);
    assertThat(forgedValue.err()).contains("not verified");
    assertThat(forgedValue.out()).doesNotContain("1000000");
    CliRun.Result forgedBalance = jing("asset", "balance", "--address", alice.address().toString());
    assertThat(forgedBalance.exit()).isEqualTo(1);
    assertThat(forgedBalance.out()).doesNotContain("CNY");
  }
}
