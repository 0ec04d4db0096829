package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.p2p.MessageHandler;
import org.jingchain.p2p.P2pConfig;
import org.jingchain.p2p.P2pNode;
import org.jingchain.p2p.PeerAddress;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.Balances;
import org.jingchain.sdk.model.Header;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four sm validators as four processes on 127.0.0.1, started with {@code jing net}: the story of
 * issue 3. Waits poll the nodes' APIs for a condition, with generous hang guards; nothing asserts
 * on elapsed time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkIT {
  static final CryptoSuite SM = CryptoSuites.sm();
  static final Duration GUARD = Duration.ofMinutes(2);

  Path net;
  final List<JingClient> nodes = new ArrayList<>();
  KeyPair alice;
  String chain;
  long nonce;
  int api;

  @BeforeAll
  void startNetwork(@TempDir Path tmp) throws Exception {
    NodeProcess.launchNetsFromThisBuild();
    net = tmp.resolve("net");
    // eight consecutive free ports below the ephemeral range: APIs api..api+3, p2p api+4..api+7
    api = NodeProcess.freePortRun(8);
    int p2p = api + 4;
    jing(
        "net",
        "init",
        "--validators",
        "4",
        "--suite",
        "sm",
        "--dir",
        net.toString(),
        "--api-port",
        Integer.toString(api),
        "--p2p-port",
        Integer.toString(p2p),
        "--round-timeout-ms",
        "1000");
    jing("net", "up", "--dir", net.toString());
    for (int i = 0; i < 4; i++) {
      nodes.add(new JingClient("http://127.0.0.1:" + (api + i), Duration.ofSeconds(10)));
    }
    alice = SM.generateKeyPair(new SecureRandom());
    chain = nodes.getFirst().status().chainId();
    commit(0, AssetCalls.create("CNY", "yuan", 0));
    commit(1, AssetCalls.mint("CNY", alice.address(), 1_000_000));
  }

  @AfterAll
  void stopNetwork() {
    jing("net", "down", "--dir", net.toString());
  }

  static String jing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jing.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as("jing %s: %s%s", String.join(" ", args), out, err).isZero();
    return out.toString();
  }

  /** Signs the next call of alice and waits until node {@code via} reports it committed. */
  TxStatus commit(int via, org.jingchain.types.Call call) {
    Transaction tx =
        Transactions.sign(alice, chain, nonce++, System.currentTimeMillis() + 600_000, call);
    Hash h = nodes.get(via).submit(tx);
    return nodes.get(via).waitForCommit(h, GUARD);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100); // polling other processes' APIs; the condition is what is asserted
    }
  }

  static long height(JingClient c) {
    try {
      return c.status().height();
    } catch (JingApiException e) {
      return -1;
    }
  }

  @Test
  @Order(1)
  void aTransactionSentToAnyNodeIsCommittedByAllWithIdenticalBlocksAndStateRoots()
      throws Exception {
    TxStatus t =
        commit(3, AssetCalls.transfer("CNY", SM.generateKeyPair(new SecureRandom()).address(), 5));
    long h = t.height();
    await("every node has height " + (h + 1), () -> nodes.stream().allMatch(n -> height(n) > h));
    for (long height = 1; height <= h + 1; height++) {
      Header first = nodes.getFirst().block(Long.toString(height)).header();
      for (JingClient n : nodes) {
        Header header = n.block(Long.toString(height)).header();
        assertThat(header).as("header %d on %s", height, n).isEqualTo(first);
      }
    }
  }

  @Test
  @Order(2)
  void withOneValidatorKilledTheOthersKeepCommittingAndItCatchesUpAfterARestart() throws Exception {
    var down =
        ApiOptions.JSON.readTree(
            jing("net", "down", "--dir", net.toString(), "--node", "2", "--kill", "--json"));
    assertThat(down).hasSize(1);
    assertThat(down.get(0).path("node").asText()).isEqualTo("node2");
    assertThat(down.get(0).path("state").asText()).isEqualTo("killed");
    for (int i = 0; i < 5; i++) {
      TxStatus t = commit(i % 2, AssetCalls.transfer("CNY", alice.address(), 1));
      assertThat(t.receipt().status()).isEqualTo("success");
    }
    long target = height(nodes.getFirst());
    var up =
        ApiOptions.JSON.readTree(
            jing("net", "up", "--dir", net.toString(), "--node", "2", "--json"));
    assertThat(up.get(0).path("state").asText()).isEqualTo("up");
    assertThat(new JingClient(up.get(0).path("api").asText()).status().chainId()).isEqualTo(chain);
    assertThat(up.get(0).path("pid").asLong()).isPositive();
    var logs =
        ApiOptions.JSON.readTree(
            jing("net", "logs", "--dir", net.toString(), "--node", "2", "-n", "50", "--json"));
    assertThat(logs.get(0).path("lines").toString()).contains("node up");
    await("node2 catches up to " + target, () -> height(nodes.get(2)) >= target);
    assertThat(nodes.get(2).block(Long.toString(target)).header().hash())
        .isEqualTo(nodes.getFirst().block(Long.toString(target)).header().hash());
  }

  @Test
  @Order(3)
  void withTwoOfFourDownNothingCommitsAndBringingOneBackResumes() throws Exception {
    jing("net", "down", "--dir", net.toString(), "--node", "2", "--kill");
    jing("net", "down", "--dir", net.toString(), "--node", "3");
    try {
      // the highest block either survivor knows: one may still learn of a commit the other saw
      long h0 = Math.max(height(nodes.get(0)), height(nodes.get(1)));
      long timeouts0 = timeouts(nodes.get(0));
      Transaction tx =
          Transactions.sign(
              alice,
              chain,
              nonce++,
              System.currentTimeMillis() + 600_000,
              AssetCalls.transfer("CNY", alice.address(), 1));
      Hash pending = nodes.get(0).submit(tx);
      // node0 gives up on its round twice more: whole round timeouts pass, and with two of four
      // validators there is no quorum, so no block may commit anywhere
      await("node0 times out twice more", () -> timeouts(nodes.get(0)) >= timeouts0 + 2);
      assertThat(height(nodes.get(0))).isLessThanOrEqualTo(h0);
      assertThat(height(nodes.get(1))).isLessThanOrEqualTo(h0);
      HttpResponse<String> ready = get(0, "/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("NOT_READY", "a quorum needs 2");
      // the CLI says why its transaction does not commit, and gives up when told to
      Path pw = net.resolveSibling("cli.password");
      java.nio.file.Files.writeString(pw, "cli-password");
      Path key = net.resolveSibling("cli.key");
      jing(
          "keys",
          "new",
          "--suite",
          "sm",
          "--out",
          key.toString(),
          "--password-file",
          pw.toString());
      var waited =
          CliRun.run(
              List.of(
                  "asset",
                  "create",
                  "--symbol",
                  "QQ",
                  "--name",
                  "quorum",
                  "--key",
                  key.toString(),
                  "--password-file",
                  pw.toString(),
                  "--wait-seconds",
                  "4",
                  "--api=http://127.0.0.1:" + apiPort(0)));
      assertThat(waited.exit()).isEqualTo(1);
      assertThat(waited.err())
          .contains(
              "waiting for the block: no quorum: 2 of 4 validators reachable from this node (3"
                  + " needed)")
          .contains("not committed within 4 s: no quorum");
      jing("net", "up", "--dir", net.toString(), "--node", "3");
      TxStatus t = nodes.get(0).waitForCommit(pending, GUARD);
      assertThat(t.status()).isEqualTo("committed");
      await("node0 is ready again", () -> get(0, "/ready").statusCode() == 200);
    } finally {
      jing("net", "up", "--dir", net.toString());
    }
  }

  int apiPort(int node) {
    try {
      return Integer.parseInt(
          NetCommand.config(net.resolve("node" + node)).getProperty("api.port"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  HttpResponse<String> get(int node, String path) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + apiPort(node) + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static long timeouts(JingClient c) {
    return c.status().consensus().timeoutsSent();
  }

  @Test
  @Order(4)
  void aNodeWhoseKeyIsNotAValidatorIsRefused() throws Exception {
    KeyPair stranger = SM.generateKeyPair(new SecureRandom());
    JsonNode genesis =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(net.resolve("genesis.json").toFile());
    PublicKey key0 = PublicKey.parse(genesis.get("validators").get(0).asText());
    int port0 = Integer.parseInt(NetCommand.config(net.resolve("node0")).getProperty("p2p.port"));
    P2pConfig cfg =
        P2pConfig.defaults(stranger, chain)
            .withListenAddress(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
            .withPeers(List.of(new PeerAddress(key0, "127.0.0.1", port0)));
    try (P2pNode p = P2pNode.start(cfg, k -> true, (MessageHandler) (from, payload) -> {})) {
      await(
          "the validator refuses the stranger's handshake",
          () ->
              p.stats().dialFailures()
                      + p.stats().handshakeFailures().values().stream()
                          .mapToLong(Long::longValue)
                          .sum()
                  > 0);
      assertThat(p.connectedPeers()).isEmpty();
    }
    commit(0, AssetCalls.transfer("CNY", alice.address(), 1));
  }

  @Test
  @Order(5)
  void garbageAndAnOversizedFrameOnTheP2pPortAreCutOffAndTheNetworkCarriesOn() throws Exception {
    int port = Integer.parseInt(NetCommand.config(net.resolve("node1")).getProperty("p2p.port"));
    for (byte[] bad :
        List.of(
            "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3})) {
      try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout((int) GUARD.toMillis());
        OutputStream out = s.getOutputStream();
        out.write(bad);
        out.flush();
        InputStream in = s.getInputStream();
        assertThat(in.read()).as("the validator closes the connection").isEqualTo(-1);
      }
    }
    TxStatus t = commit(1, AssetCalls.transfer("CNY", alice.address(), 1));
    assertThat(t.status()).isEqualTo("committed");
  }

  @Test
  @Order(6)
  void aLightClientTrustsABalanceOnlyThroughTheValidatorsCertificates() throws Exception {
    JsonNode genesis =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(net.resolve("genesis.json").toFile());
    List<PublicKey> keys = new ArrayList<>();
    genesis.get("validators").forEach(v -> keys.add(PublicKey.parse(v.asText())));
    org.jingchain.light.LightClient light =
        new org.jingchain.light.LightClient(
            new org.jingchain.light.TrustedValidators(
                chain, new org.jingchain.consensus.ValidatorSet(keys, SM), SM, SM::verify));
    String key = "asset/balance/" + alice.address() + "/CNY";
    org.jingchain.sdk.CertifiedState s = nodes.get(2).readStateCertified(key, light);
    long balance = java.nio.ByteBuffer.wrap(s.value().orElseThrow().toByteArray()).getLong();
    Balances fromApi = nodes.get(2).balances(alice.address());
    assertThat(fromApi.balances()).contains(new Balances.Balance("CNY", balance));
    assertThat(s.header().height()).isPositive();

    // a light client that trusts other validators refuses the same answer
    List<PublicKey> strangers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      strangers.add(SM.generateKeyPair(new SecureRandom()).publicKey());
    }
    org.jingchain.light.LightClient fooled =
        new org.jingchain.light.LightClient(
            new org.jingchain.light.TrustedValidators(
                chain, new org.jingchain.consensus.ValidatorSet(strangers, SM), SM, SM::verify));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> nodes.get(2).readStateCertified(key, fooled))
        .isInstanceOf(JingApiException.class)
        .hasMessageContaining("PROOF_INVALID");
  }

  @Test
  @Order(7)
  void theConsolesVerifierChecksAQuorumOfFourValidatorsSignatures() throws Exception {
    if (!ConsoleIT.onPath("node")) {
      ConsoleIT.skipLoudly("Node.js is not on PATH");
    }
    long transfer =
        commit(0, AssetCalls.transfer("CNY", SM.generateKeyPair(new SecureRandom()).address(), 5))
            .height();
    long failed = commit(0, AssetCalls.transfer("EUR", alice.address(), 1)).height();
    await("block " + (failed + 2), () -> height(nodes.getFirst()) > failed + 1);
    Process p =
        new ProcessBuilder(
                "node",
                ConsoleIT.TESTS.resolve("verify.test.mjs").toString(),
                "http://127.0.0.1:" + api,
                Long.toString(transfer),
                Long.toString(failed))
            .directory(ConsoleIT.TESTS.toFile())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    System.out.println(out);
    assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .containsPattern("block \\d+ verifies: committed, [34] of 4 signatures")
        .contains("is refused: BELOW_QUORUM", "verifier checks passed");
  }
}
