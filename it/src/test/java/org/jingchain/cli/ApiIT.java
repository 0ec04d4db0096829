package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.VerifiedState;
import org.jingchain.sdk.model.Block;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The REST API against a real node (RocksDB, HTTP on 127.0.0.1), in both crypto suites. */
class ApiIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  static Transaction sign(KeyPair k, String chain, long nonce, Call call) {
    return Transactions.sign(k, chain, nonce, System.currentTimeMillis() + 600_000, call);
  }

  static HttpResponse<String> post(String url, String body) throws Exception {
    return post(url, "application/json", body);
  }

  static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String code(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("code").asText();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void issueTransferAndProveABalance(SuiteId suite) throws Exception {
    try (TestNode n = new TestNode(dir, suite)) {
      JingClient c = n.client;
      String chain = c.status().chainId();
      KeyPair alice = CryptoSuites.of(suite).generateKeyPair(new SecureRandom());
      KeyPair bob = CryptoSuites.of(suite).generateKeyPair(new SecureRandom());
      c.submit(sign(alice, chain, 0, AssetCalls.create("CNY", "Digital yuan", 2)));
      c.submit(sign(alice, chain, 1, AssetCalls.mint("CNY", alice.address(), 1000)));
      Hash transfer =
          c.submit(sign(alice, chain, 2, AssetCalls.transfer("CNY", bob.address(), 300)));
      TxStatus t = c.waitForCommit(transfer, Duration.ofSeconds(30));
      assertThat(t.receipt().status()).isEqualTo("success");
      assertThat(t.receipt().events().get(0).type()).isEqualTo("Transferred");
      assertThat(t.receipt().events().get(0).attributes()).containsEntry("amount", "300");
      assertThat(c.balances(bob.address()).balances().get(0).amount()).isEqualTo(300);
      assertThat(c.nextNonce(alice.address())).isEqualTo(3);
      assertThat(c.token("CNY").supply()).isEqualTo(1000);

      VerifiedState vs =
          c.readStateVerified(AssetContract.balanceKey(bob.address(), "CNY"), Optional.empty());
      assertThat(vs.value()).contains(Bytes.fromHex("000000000000012c"));
      assertThat(JingClient.verify(vs, vs.stateRoot())).isTrue();
      assertThat(JingClient.verify(vs, Hash.fromHex("11".repeat(32))))
          .as("a proof checks only against its root")
          .isFalse();
      VerifiedState absent =
          c.readStateVerified("asset/balance/" + bob.address() + "/USD", Optional.empty());
      assertThat(absent.value()).isEmpty();

      long height = t.height();
      Block block = c.block(Long.toString(height));
      assertThat(block.header().hash()).isEqualTo(t.blockHash());
      assertThat(c.block(t.blockHash()).header().height()).isEqualTo(height);
      assertThat(c.latestBlocks(5).blocks().get(0).height()).isGreaterThanOrEqualTo(height);
    }
  }

  @Test
  void aNodeVerifyingWithLibsodiumAdmitsValidTransactionsAndRefusesForgedOnes() throws Exception {
    try (TestNode n =
        new TestNode(dir, SuiteId.INTL, Map.of("crypto.verifyBackend", "libsodium"))) {
      JingClient c = n.client;
      String chain = c.status().chainId();
      KeyPair alice = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
      Hash ok = c.submit(sign(alice, chain, 0, AssetCalls.create("AAA", "a", 0)));
      assertThat(c.waitForCommit(ok, Duration.ofSeconds(30)).receipt().status())
          .isEqualTo("success");
      Transaction good = sign(alice, chain, 1, AssetCalls.create("BBB", "b", 0));
      byte[] sig = good.signature().toByteArray();
      sig[10] ^= 1;
      Transaction forged = new Transaction(good.body(), Bytes.wrap(sig));
      var r =
          post(
              n.url + "/api/v1/transactions",
              "{\"tx\":\"" + HexFormat.of().formatHex(Canonical.encode(forged)) + "\"}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(code(r)).isEqualTo("TX_BAD_SIGNATURE");
      assertThat(c.nextNonce(alice.address())).as("nothing was admitted").isEqualTo(1);
    }
  }

  @Test
  void theStateRootInTheNextHeaderCertifiesAProofAtAPastVersion() throws Exception {
    try (TestNode n = new TestNode(dir, SuiteId.INTL)) {
      JingClient c = n.client;
      String chain = c.status().chainId();
      KeyPair alice = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
      Hash h1 = c.submit(sign(alice, chain, 0, AssetCalls.create("AAA", "a", 0)));
      long v = c.waitForCommit(h1, Duration.ofSeconds(30)).height();
      Hash h2 = c.submit(sign(alice, chain, 1, AssetCalls.create("BBB", "b", 0)));
      c.waitForCommit(h2, Duration.ofSeconds(30));
      VerifiedState vs = c.readStateVerified(AssetContract.tokenKey("AAA"), Optional.of(v));
      Hash certified = Hash.fromHex(c.block(Long.toString(v + 1)).header().stateRoot());
      assertThat(vs.stateRoot()).isEqualTo(certified);
      assertThat(JingClient.verify(vs, certified)).isTrue();
    }
  }

  @Test
  void badInputGetsItsDocumentedCodeAndChangesNothing() throws Exception {
    try (TestNode n = new TestNode(dir, SuiteId.INTL, Map.of("api.maxBodyBytes", "65536"))) {
      JingClient c = n.client;
      String chain = c.status().chainId();
      KeyPair alice = CryptoSuites.of(SuiteId.INTL).generateKeyPair(new SecureRandom());
      Hash first = c.submit(sign(alice, chain, 0, AssetCalls.create("CNY", "y", 0)));
      c.waitForCommit(first, Duration.ofSeconds(30));
      NodeStatus before = c.status();
      String tx = n.url + "/api/v1/transactions";
      HexFormat hex = HexFormat.of();

      Transaction good = sign(alice, chain, 1, AssetCalls.mint("CNY", alice.address(), 5));
      byte[] bytes = Canonical.encode(good);
      byte[] badSig = bytes.clone();
      badSig[badSig.length - 1] ^= 1;
      KeyPair smKey = CryptoSuites.of(SuiteId.SM).generateKeyPair(new SecureRandom());
      Map<String, String> cases =
          Map.of(
              "TX_MALFORMED", hex.formatHex(new byte[] {1, 2, 3}),
              "TX_BAD_SIGNATURE", hex.formatHex(badSig),
              "TX_WRONG_CHAIN",
                  hex.formatHex(
                      Canonical.encode(
                          sign(alice, "other-chain", 1, AssetCalls.create("X", "x", 0)))),
              "TX_NONCE_TOO_LOW",
                  hex.formatHex(
                      Canonical.encode(sign(alice, chain, 0, AssetCalls.create("Y", "y", 0)))),
              "TX_NONCE_GAP",
                  hex.formatHex(
                      Canonical.encode(sign(alice, chain, 7, AssetCalls.create("Z", "z", 0)))),
              "TX_EXPIRED",
                  hex.formatHex(
                      Canonical.encode(
                          Transactions.sign(
                              alice, chain, 1, 1000, AssetCalls.create("W", "w", 0)))),
              "TX_WRONG_SUITE",
                  hex.formatHex(
                      Canonical.encode(sign(smKey, chain, 0, AssetCalls.create("V", "v", 0)))));
      for (var e : cases.entrySet()) {
        HttpResponse<String> r = post(tx, "{\"tx\":\"" + e.getValue() + "\"}");
        assertThat(code(r)).as(e.getKey()).isEqualTo(e.getKey());
        assertThat(r.statusCode()).as(e.getKey()).isBetween(400, 499);
        assertThat(JSON.readTree(r.body()).get("message").asText()).as(e.getKey()).isNotBlank();
      }
      assertThat(code(post(tx, "{\"tx\":\"00\",\"extra\":1}"))).isEqualTo("BAD_REQUEST");
      assertThat(
              JSON.readTree(post(tx, "{\"tx\":\"00\",\"extra\":1}").body()).get("message").asText())
          .contains("extra");
      assertThat(code(post(tx, "not json"))).isEqualTo("BAD_REQUEST");
      // the right transaction, but sent as a web form could send it cross-site: refused unread
      String goodHex = hex.formatHex(bytes);
      HttpResponse<String> asText = post(tx, "text/plain", "{\"tx\":\"" + goodHex + "\"}");
      assertThat(asText.statusCode()).isEqualTo(415);
      assertThat(code(asText)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
      assertThat(code(post(tx, "{\"tx\":\"0x" + goodHex + "\"}"))).isEqualTo("BAD_REQUEST");
      HttpResponse<String> wrongShape = post(tx, "[\"" + goodHex + "\"]");
      assertThat(code(wrongShape)).isEqualTo("BAD_REQUEST");
      assertThat(JSON.readTree(wrongShape.body()).get("message").asText())
          .doesNotContain("org.jingchain");
      for (String p : List.of("maybe", "0", "yes")) {
        assertThat(code(get(n.url + "/api/v1/state?key=asset/CNY&proof=" + p)))
            .as("proof=" + p)
            .isEqualTo("BAD_REQUEST");
      }
      assertThat(code(post(tx, "{\"tx\":\"zz\"}"))).isEqualTo("BAD_REQUEST");
      HttpResponse<String> huge = post(tx, "{\"tx\":\"" + "00".repeat(50_000) + "\"}");
      assertThat(huge.statusCode()).isEqualTo(413);
      assertThat(code(huge)).isEqualTo("BODY_TOO_LARGE");
      assertThat(code(get(n.url + "/api/v1/nothing"))).isEqualTo("NOT_FOUND");
      assertThat(code(post(n.url + "/api/v1/status", "{}"))).isEqualTo("METHOD_NOT_ALLOWED");
      assertThat(code(get(n.url + "/api/v1/accounts/nonsense/nonce"))).isEqualTo("BAD_REQUEST");
      assertThat(code(get(n.url + "/api/v1/transactions/" + "ab".repeat(32))))
          .isEqualTo("NOT_FOUND");

      NodeStatus after = c.status();
      assertThat(after.height()).isEqualTo(before.height());
      assertThat(after.stateRoot()).isEqualTo(before.stateRoot());
      assertThat(after.mempool().txs()).isZero();
      assertThat(c.nextNonce(alice.address())).isEqualTo(1);
      assertThat(c.transaction(good.hash(CryptoSuites.intl()))).isEmpty();
    }
  }

  // a client that trickles its request one byte at a time is cut off after api.maxRequestSeconds,
  // and the node goes on serving everyone else (a real node process: the limit is per process)
  @Test
  void aClientTricklingItsRequestIsCutOffAndTheNodeGoesOn() throws Exception {
    Path pw = dir.resolve("password");
    java.nio.file.Files.writeString(pw, "slow-client-it");
    NodeProcess node =
        NodeProcess.start(
            dir.resolve("node"), pw, NodeProcess.freePort(), "--set", "api.maxRequestSeconds=1");
    try {
      node.awaitReady();
      String request =
          "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
              + "a".repeat(60)
              + "\r\n\r\n";
      int sent = 0;
      boolean cut = false;
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", URI.create(node.url).getPort())) {
        s.setSoTimeout(250); // the client's pace: one byte, then up to 250 ms for an answer
        var out = s.getOutputStream();
        var in = s.getInputStream();
        for (byte b : request.getBytes(StandardCharsets.ISO_8859_1)) {
          out.write(b);
          out.flush();
          sent++;
          try {
            if (in.read() == -1) {
              cut = true;
              break;
            }
            break; // an answer: the whole request got through
          } catch (java.net.SocketTimeoutException stillOpen) {
            // the node is still waiting for the rest
          }
        }
      } catch (java.io.IOException reset) {
        cut = true;
      }
      assertThat(cut)
          .as(
              "closed before the client sent all "
                  + request.length()
                  + " bytes (sent "
                  + sent
                  + ")")
          .isTrue();
      assertThat(sent).isLessThan(request.length());
      assertThat(new JingClient(node.url).status().chainId()).isNotBlank();
    } finally {
      node.terminate();
    }
  }

  @Test
  void aFullMempoolAnswers429WithAReasonAndBatchesReportPerTransaction() throws Exception {
    Map<String, String> s =
        Map.of("mempool.maxTxs", "3", "block.intervalMillis", "3600000", "api.maxBatchTxs", "4");
    try (TestNode n = new TestNode(dir, SuiteId.INTL, s)) {
      String chain = n.client.status().chainId();
      List<String> txs = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        KeyPair k = CryptoSuites.intl().generateKeyPair(new SecureRandom());
        txs.add(
            "\""
                + HexFormat.of()
                    .formatHex(
                        Canonical.encode(sign(k, chain, 0, AssetCalls.create("T" + i, "t", 0))))
                + "\"");
      }
      String batchUrl = n.url + "/api/v1/transactions/batch";
      HttpResponse<String> r = post(batchUrl, "{\"txs\":[" + String.join(",", txs) + "]}");
      assertThat(r.statusCode()).isEqualTo(429);
      JsonNode b = JSON.readTree(r.body());
      assertThat(b.get("code").asText()).isEqualTo("MEMPOOL_FULL");
      assertThat(b.get("accepted").asInt()).isEqualTo(3);
      assertThat(b.at("/results/3/code").asText()).isEqualTo("MEMPOOL_FULL");
      assertThat(b.at("/results/0/status").asText()).isEqualTo("pending");
      HttpResponse<String> tooMany =
          post(batchUrl, "{\"txs\":[" + String.join(",", txs) + ",\"00\"]}");
      assertThat(code(tooMany)).isEqualTo("BATCH_TOO_LARGE");
    }
  }

  @Test
  void theBlockStreamDeliversEachNewBlock() throws Exception {
    try (TestNode n = new TestNode(dir, SuiteId.SM)) {
      HttpResponse<java.io.InputStream> stream =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(n.url + "/api/v1/stream/blocks")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream");
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        assertThat(lines.readLine()).startsWith(": jingchain");
        String chain = n.client.status().chainId();
        KeyPair k = CryptoSuites.sm().generateKeyPair(new SecureRandom());
        Hash h = n.client.submit(sign(k, chain, 0, AssetCalls.create("SSE", "s", 0)));
        long height = n.client.waitForCommit(h, Duration.ofSeconds(30)).height();
        String line;
        JsonNode event = null;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data: ")) {
            event = JSON.readTree(line.substring(6));
            if (event.get("height").asLong() == height) {
              break;
            }
          }
        }
        assertThat(event).isNotNull();
        assertThat(event.get("height").asLong()).isEqualTo(height);
        assertThat(event.get("txCount").asInt()).isEqualTo(1);
      }
    }
  }

  @Test
  void healthReadinessAndPrometheusMetricsAreServed() throws Exception {
    try (TestNode n = new TestNode(dir.resolve("ops"), SuiteId.INTL)) {
      String chain = n.client.status().chainId();
      KeyPair k = CryptoSuites.intl().generateKeyPair(new SecureRandom());
      Hash h = n.client.submit(sign(k, chain, 0, AssetCalls.create("OPS", "o", 0)));
      n.client.waitForCommit(h, Duration.ofSeconds(30));

      HttpResponse<String> health = get(n.url + "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
      HttpResponse<String> ready = get(n.url + "/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("READY");

      HttpResponse<String> m = get(n.url + "/metrics");
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      String text = m.body();
      assertThat(metric(text, "jing_chain_height")).isGreaterThanOrEqualTo(1);
      assertThat(metric(text, "jing_transactions_committed_total")).isGreaterThanOrEqualTo(1);
      assertThat(metric(text, "jing_blocks_committed_total")).isGreaterThanOrEqualTo(1);
      assertThat(metric(text, "jing_blocks_execution_seconds_total")).isPositive();
      assertThat(text).contains("jing_consensus_commit_latency_seconds_bucket");
      assertThat(text)
          .contains(
              "jing_api_request_seconds_count{method=\"POST\",route=\"/api/v1/transactions\",status=\"202\"}");
      assertThat(text)
          .contains("jing_mempool_transactions", "jing_consensus_round", "jing_storage_size_bytes");
    }
  }

  /** The value of an untagged metric in a Prometheus text exposition. */
  static double metric(String text, String name) {
    for (String line : text.lines().toList()) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError("no metric " + name + " in:\n" + text);
  }

  @Test
  void oldStateVersionsArePrunedAfterTheRetentionAndKeptInArchiveMode() throws Exception {
    Map<String, String> pruning =
        Map.of(
            "state.retainVersions",
            "50",
            "block.intervalMillis",
            "1",
            "block.emptyIntervalMillis",
            "20");
    try (TestNode n = new TestNode(dir.resolve("pruned"), SuiteId.INTL, pruning)) {
      long head = waitForHeight(n, 130);
      assertThat(n.client.status().oldestStateVersion()).isGreaterThan(0);
      HttpResponse<String> old = get(n.url + "/api/v1/state?key=x&version=1");
      assertThat(old.statusCode()).isEqualTo(410);
      assertThat(code(old)).isEqualTo("VERSION_PRUNED");
      // a recent version, well inside the 50 kept however fast blocks come
      long recent = n.client.status().height() - 5;
      assertThat(recent).isGreaterThanOrEqualTo(head - 5);
      assertThat(get(n.url + "/api/v1/state?key=x&version=" + recent).statusCode()).isEqualTo(200);
      assertThat(n.client.block("1").header().height()).as("blocks are never pruned").isEqualTo(1);
    }
    Map<String, String> archive =
        Map.of(
            "state.retainVersions",
            "0",
            "block.intervalMillis",
            "1",
            "block.emptyIntervalMillis",
            "20");
    try (TestNode n = new TestNode(dir.resolve("archive"), SuiteId.INTL, archive)) {
      waitForHeight(n, 130);
      assertThat(n.client.status().oldestStateVersion()).isZero();
      assertThat(get(n.url + "/api/v1/state?key=x&version=1").statusCode()).isEqualTo(200);
    }
  }

  /** Follows the block stream until the chain reaches {@code height}; returns the height seen. */
  static long waitForHeight(TestNode n, long height) throws Exception {
    HttpResponse<java.io.InputStream> stream =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(n.url + "/api/v1/stream/blocks")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data: ")) {
          long h = JSON.readTree(line.substring(6)).get("height").asLong();
          if (h >= height) {
            return h;
          }
        }
      }
    }
    throw new AssertionError("stream ended before height " + height);
  }
}
