package org.jingchain.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The records' contract with users: a newer node's extra fields do not break decoding, and a record
 * writes back the node's JSON as the node sent it (order, nulls, absent fields). Real node answers
 * are checked the same way by ApiRecordsIT (module cli).
 */
class ModelRecordsTest {
  /** Jackson as a user would set it up: unknown properties fail unless a record says otherwise. */
  static final ObjectMapper JSON = new ObjectMapper();

  /** Every record of this package, nested ones included, from the compiled classes. */
  static List<Class<?>> records() throws IOException, URISyntaxException {
    Path dir =
        Path.of(NodeStatus.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("org/jingchain/sdk/model");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class")) {
          try {
            Class<?> c =
                Class.forName("org.jingchain.sdk.model." + name.substring(0, name.length() - 6));
            if (c.isRecord()) {
              out.add(c);
            }
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyRecordIgnoresFieldsItDoesNotKnow() throws Exception {
    List<Class<?>> records = records();
    assertThat(records)
        .as("the scan finds the records")
        .contains(
            NodeStatus.class,
            NodeStatus.Consensus.class,
            TxStatus.class,
            DidDocument.Jwk.class,
            DatadirAudit.Entry.class)
        .hasSizeGreaterThan(35);
    for (Class<?> type : records) {
      assertThat(type.getAnnotation(JsonIgnoreProperties.class))
          .as("%s is annotated", type.getName())
          .isNotNull()
          .satisfies(a -> assertThat(a.ignoreUnknown()).isTrue());
      Object decoded = JSON.readValue("{\"fieldOfANewerNode\":{\"deep\":[1,\"x\",null]}}", type);
      assertThat(decoded).as(type.getName()).isInstanceOf(type);
    }
  }

  @Test
  void aStatusWithNewFieldsAtEveryLevelDecodesAsWithoutThem() throws Exception {
    String known =
        """
        {"chainId":"jing-dev","suite":"intl","height":7,"headHash":"ab","headTimestampMillis":5,
         "stateRoot":"cd","oldestStateVersion":0,"mempool":{"txs":1,"bytes":200},
         "consensus":{"self":0,"validators":["ji01"],"round":9,"peers":0,"timeoutsSent":2},
         "version":"0.1.0"}""";
    String newer =
        """
        {"chainId":"jing-dev","suite":"intl","height":7,"headHash":"ab","headTimestampMillis":5,
         "stateRoot":"cd","oldestStateVersion":0,"mempool":{"txs":1,"bytes":200,"limit":5000},
         "consensus":{"self":0,"validators":["ji01"],"round":9,"peers":0,"timeoutsSent":2,
                      "epoch":{"number":3}},
         "version":"0.1.0","region":"cn-north"}""";
    NodeStatus s = JSON.readValue(newer, NodeStatus.class);
    assertThat(s).isEqualTo(JSON.readValue(known, NodeStatus.class));
    assertThat(s.consensus().validators()).containsExactly("ji01");
    assertThat(s.mempool().bytes()).isEqualTo(200);
  }

  /** What a record writes is what the node wrote: compared as compact JSON, order included. */
  static void assertWritesBack(String nodeJson, Class<?> type) throws IOException {
    String node = JSON.writeValueAsString(JSON.readTree(nodeJson));
    assertThat(JSON.writeValueAsString(JSON.readValue(nodeJson, type))).isEqualTo(node);
  }

  @Test
  void aPendingTransactionLeavesOutWhatOnlyACommittedOneHas() throws Exception {
    String pending =
        """
        {"hash":"aa","status":"pending","tx":{"hash":"aa","chainId":"c","sender":"ji01",
         "senderKey":"01","nonce":0,"expiresAtMillis":9,"contract":"asset","method":"create",
         "args":"00","signature":"ff"}}""";
    assertWritesBack(pending, TxStatus.class);
    TxStatus t = JSON.readValue(pending, TxStatus.class);
    assertThat(t.committed()).isFalse();
    assertThat(t.height()).isNull();
    assertThat(t.receipt()).isNull();
  }

  @Test
  void aStateReadOfAnAbsentKeyAtTheHeadKeepsItsNulls() throws Exception {
    // proof.leaf is left out when the path ends empty; value and certifiedBy are written as null
    assertWritesBack(
        """
        {"key":"k","keyHex":"6b","version":3,"stateRoot":"ee","suite":"sm","value":null,
         "proof":{"siblings":["01","02"],"encoded":"0102"},"certifiedBy":null}""",
        StateRead.class);
  }

  @Test
  void anUnknownDidHasANullDocumentAndEmptyMetadata() throws Exception {
    String notFound =
        """
        {"@context":"https://w3id.org/did-resolution/v1","didDocument":null,
         "didResolutionMetadata":{"error":"notFound"},"didDocumentMetadata":{}}""";
    assertWritesBack(notFound, DidResolution.class);
    DidResolution r = JSON.readValue(notFound, DidResolution.class);
    assertThat(r.resolved()).isFalse();
    assertThat(r.didResolutionMetadata().error()).isEqualTo("notFound");
  }

  @Test
  void aDidDocumentKeepsItsContextsAndAnEd25519KeyHasNoY() throws Exception {
    String did = "did:jing:3f280a277625e0f4e58ef74be5e4d093b1067d0e";
    String resolved =
        """
        {"@context":"https://w3id.org/did-resolution/v1",
         "didDocument":{"@context":["https://www.w3.org/ns/did/v1",
                                    "https://w3id.org/security/suites/jws-2020/v1"],
           "id":"%1$s",
           "verificationMethod":[{"id":"%1$s#key-1","type":"JsonWebKey2020","controller":"%1$s",
             "publicKeyJwk":{"kty":"OKP","crv":"Ed25519","x":"zQR7fJ1fdcXxnwP_viyBPcXKWh"}}],
           "authentication":["%1$s#key-1"],"assertionMethod":["%1$s#key-1"],
           "service":[{"id":"%1$s#hub","type":"LinkedDomains",
                       "serviceEndpoint":"https://example.org/alice"}]},
         "didResolutionMetadata":{"contentType":"application/did+ld+json"},
         "didDocumentMetadata":{"created":"2026-11-22T16:33:32.318Z",
           "updated":"2026-11-22T16:33:35.783Z","versionId":"2","createdHeight":4,
           "updatedHeight":6}}"""
            .formatted(did);
    assertWritesBack(resolved, DidResolution.class);
    DidResolution r = JSON.readValue(resolved, DidResolution.class);
    assertThat(r.resolved()).isTrue();
    assertThat(r.didDocument().context()).hasSize(2);
    assertThat(r.didDocument().verificationMethod().get(0).publicKeyJwk().y()).isNull();
    assertThat(r.didDocument().service().get(0).serviceEndpoint())
        .isEqualTo("https://example.org/alice");
    assertThat(r.didDocumentMetadata().deactivated()).isNull();
  }

  @Test
  void collectionsCannotBeChangedAndKeepTheNodesOrder() throws Exception {
    Event e =
        JSON.readValue(
            "{\"contract\":\"asset\",\"type\":\"Minted\","
                + "\"attributes\":{\"symbol\":\"CNY\",\"to\":\"ji01\",\"amount\":\"5\"}}",
            Event.class);
    assertThat(e.attributes().keySet()).containsExactly("symbol", "to", "amount");
    assertThatThrownBy(() -> e.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    Block b = JSON.readValue("{\"header\":null,\"transactions\":[],\"receipts\":[]}", Block.class);
    assertThatThrownBy(() -> b.receipts().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
