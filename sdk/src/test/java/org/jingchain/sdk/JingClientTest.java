package org.jingchain.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.sdk.model.DidResolution;
import org.jingchain.sdk.model.NodeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the records against a stand-in node that answers fixed JSON: answers from a
 * newer node decode, answers that are errors keep their documented handling, and an answer of the
 * wrong shape is a BAD_RESPONSE. Real nodes' answers: ApiRecordsIT (module cli).
 */
class JingClientTest {
  private HttpServer server;

  /** A node at 127.0.0.1 that answers each path with the status and body given. */
  JingClient node(Map<String, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          Answer a = answers.get(ex.getRequestURI().getPath());
          if (a == null) {
            a = new Answer(404, "{\"code\":\"NOT_FOUND\",\"message\":\"no route\"}");
          }
          byte[] body = a.json().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(a.status(), body.length);
          try (var out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new JingClient("http://127.0.0.1:" + server.getAddress().getPort());
  }

  record Answer(int status, String json) {}

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aNewerNodesStatusWithFieldsThisSdkDoesNotKnowIsRead() throws Exception {
    JingClient c =
        node(
            Map.of(
                "/api/v1/status",
                new Answer(
                    200,
                    """
                    {"chainId":"jing-dev","suite":"sm","height":12,"headHash":"ab",
                     "headTimestampMillis":5,"stateRoot":"cd","oldestStateVersion":2,
                     "mempool":{"txs":3,"bytes":900,"maxTxs":10000},
                     "consensus":{"self":1,"validators":["js01","js02"],"round":40,"peers":1,
                                  "timeoutsSent":0,"leader":"js02"},
                     "version":"9.0.0","shardCount":4}""")));
    NodeStatus s = c.status();
    assertThat(s.chainId()).isEqualTo("jing-dev");
    assertThat(s.height()).isEqualTo(12);
    assertThat(s.mempool().txs()).isEqualTo(3);
    assertThat(s.consensus().validators()).containsExactly("js01", "js02");
  }

  @Test
  void anAnswerOfAnotherShapeIsABadResponse() throws Exception {
    JingClient c =
        node(
            Map.of(
                "/api/v1/assets/CNY",
                new Answer(200, "{\"symbol\":\"CNY\",\"decimals\":\"two\"}")));
    assertThatThrownBy(() -> c.token("CNY"))
        .isInstanceOfSatisfying(
            JingApiException.class, e -> assertThat(e.code()).isEqualTo("BAD_RESPONSE"))
        .hasMessageContaining("Token");
  }

  @Test
  void aBatchTheMempoolTookInPartCarriesItsResultsInTheException() throws Exception {
    JingClient c =
        node(
            Map.of(
                "/api/v1/transactions/batch",
                new Answer(
                    429,
                    """
                    {"code":"MEMPOOL_FULL","message":"mempool holds 2 transactions",
                     "accepted":1,"rejected":1,
                     "results":[{"hash":"aa","status":"pending"},
                                {"status":"rejected","code":"MEMPOOL_FULL",
                                 "message":"mempool holds 2 transactions"}]}""")));
    KeyPair k = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    var txs =
        List.of(
            Transactions.sign(k, "c", 0, 1, AssetCalls.create("A", "a", 0)),
            Transactions.sign(k, "c", 1, 1, AssetCalls.create("B", "b", 0)));
    assertThatThrownBy(() -> c.submitBatch(txs))
        .isInstanceOfSatisfying(
            JingApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("MEMPOOL_FULL");
              assertThat(e.httpStatus()).isEqualTo(429);
              BatchResult r = e.batchResult().orElseThrow();
              assertThat(r.accepted()).isEqualTo(1);
              assertThat(r.results().get(0).admitted()).isTrue();
              assertThat(r.results().get(1).code()).isEqualTo("MEMPOOL_FULL");
            });
  }

  @Test
  void anotherErrorHasNoBatchResult() throws Exception {
    JingClient c =
        node(
            Map.of(
                "/api/v1/transactions/batch",
                new Answer(413, "{\"code\":\"BATCH_TOO_LARGE\",\"message\":\"limit 2\"}")));
    KeyPair k = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    var txs = List.of(Transactions.sign(k, "c", 0, 1, AssetCalls.create("A", "a", 0)));
    assertThatThrownBy(() -> c.submitBatch(txs))
        .isInstanceOfSatisfying(
            JingApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("BATCH_TOO_LARGE");
              assertThat(e.batchResult()).isEmpty();
            });
  }

  @Test
  void anUnknownDidIsAResolutionResultNotAnError() throws Exception {
    String did = "did:jing:" + "0".repeat(40);
    JingClient c =
        node(
            Map.of(
                "/api/v1/dids/" + did,
                new Answer(
                    404,
                    """
                    {"@context":"https://w3id.org/did-resolution/v1","didDocument":null,
                     "didResolutionMetadata":{"error":"notFound"},"didDocumentMetadata":{}}""")));
    DidResolution r = c.resolveDid(did, Optional.empty(), false);
    assertThat(r.resolved()).isFalse();
    assertThat(r.didDocument()).isNull();
    assertThat(r.didResolutionMetadata().error()).isEqualTo("notFound");
  }
}
