package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.DidService;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.StateRead;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DIDs on a real node: signed operations in transactions, W3C DID Resolution over the API. */
class DidIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  record Node(TestNode node, String chain, KeyPair payer, List<Long> nonce) {}

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static DidKey didKey(KeyPair k) {
    return new DidKey(
        k.suite().id() == SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2,
        k.publicKey().bytes());
  }

  /** Submits a DID operation signed by {@code signer}; the transaction's sender only carries it. */
  static TxStatus submit(Node n, String method, DidOperation op, KeyPair signer) {
    return submitRaw(n, "did", method, DidCodec.encode(op), signer);
  }

  /** Submits an operation of {@code contract} with the signature of {@code signer} appended. */
  static TxStatus submitRaw(Node n, String contract, String method, byte[] op, KeyPair signer) {
    return send(
        n, contract, method, Bytes.wrap(DidCodec.encode(new DidCodec.Signed(op, signer.sign(op)))));
  }

  /** A trust-registry call, authorised by the sending account itself. */
  static TxStatus call(Node n, String method, Bytes args) {
    return send(n, "trust", method, args);
  }

  /** Signs a transaction from {@code n}'s payer with its next nonce and waits for its receipt. */
  static TxStatus send(Node n, String contract, String method, Bytes args) {
    long nonce = n.nonce().getFirst();
    n.nonce().set(0, nonce + 1);
    var tx =
        Transactions.sign(
            n.payer(),
            n.chain(),
            nonce,
            System.currentTimeMillis() + 600_000,
            new Call(contract, method, args));
    JingClient c = n.node().client;
    return c.waitForCommit(c.submit(tx), Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aDidIsCreatedUpdatedResolvedAtPastVersionsWithProofAndDeactivated(SuiteId suite)
      throws Exception {
    CryptoSuite cs = CryptoSuites.of(suite);
    try (TestNode t = new TestNode(dir.resolve(suite.label()), suite)) {
      Node n =
          new Node(
              t,
              t.client.status().chainId(),
              cs.generateKeyPair(new SecureRandom()),
              new ArrayList<>(List.of(0L)));
      KeyPair update = cs.generateKeyPair(new SecureRandom());
      KeyPair recovery = cs.generateKeyPair(new SecureRandom());
      var create =
          new DidOperation.Create(
              n.chain(),
              didKey(update),
              didKey(recovery),
              List.of(
                  new VerificationMethod(
                      "key-1",
                      didKey(update),
                      VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION)),
              List.of());
      TxStatus created = submit(n, "create", create, update);
      assertThat(created.receipt().status()).isEqualTo("success");
      String did = Did.derive(didKey(update), didKey(recovery), cs);
      long createdAt = created.height();

      HttpResponse<String> r = get(t.url + "/api/v1/dids/" + did);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode res = JSON.readTree(r.body());
      JsonNode doc = res.get("didDocument");
      assertThat(doc.get("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/did/v1");
      assertThat(doc.get("id").asText()).isEqualTo(did);
      JsonNode vm = doc.get("verificationMethod").get(0);
      assertThat(vm.get("id").asText()).isEqualTo(did + "#key-1");
      assertThat(vm.get("controller").asText()).isEqualTo(did);
      assertThat(vm.get("type").asText()).isEqualTo("JsonWebKey2020");
      assertThat(vm.at("/publicKeyJwk/kty").asText()).isIn("OKP", "EC");
      assertThat(doc.get("authentication").get(0).asText()).isEqualTo(did + "#key-1");
      assertThat(res.at("/didResolutionMetadata/contentType").asText())
          .isEqualTo("application/did+ld+json");
      assertThat(res.at("/didDocumentMetadata/versionId").asText()).isEqualTo("1");

      var upd =
          new DidOperation.Update(
              n.chain(),
              did,
              1,
              List.of(
                  new DidOperation.Patch.AddService(
                      new DidService("hub", "LinkedDomains", "https://example.org/"))));
      assertThat(submit(n, "update", upd, update).receipt().status()).isEqualTo("success");
      JsonNode now = JSON.readTree(get(t.url + "/api/v1/dids/" + did).body());
      assertThat(now.at("/didDocumentMetadata/versionId").asText()).isEqualTo("2");
      assertThat(now.at("/didDocument/service/0/serviceEndpoint").asText())
          .isEqualTo("https://example.org/");
      JsonNode past =
          JSON.readTree(get(t.url + "/api/v1/dids/" + did + "?version=" + createdAt).body());
      assertThat(past.at("/didDocumentMetadata/versionId").asText())
          .as("resolution at a past version")
          .isEqualTo("1");

      // DID Resolution's versionId and versionTime select the document as it was.
      JsonNode v1 = JSON.readTree(get(t.url + "/api/v1/dids/" + did + "?versionId=1").body());
      assertThat(v1.at("/didDocumentMetadata/versionId").asText()).isEqualTo("1");
      assertThat(
              v1.at("/didDocument/service").isMissingNode()
                  || v1.at("/didDocument/service").isEmpty())
          .isTrue();
      JsonNode v2 = JSON.readTree(get(t.url + "/api/v1/dids/" + did + "?versionId=2").body());
      assertThat(v2.at("/didDocument/service/0/id").asText()).endsWith("#hub");
      assertThat(get(t.url + "/api/v1/dids/" + did + "?versionId=3").statusCode()).isEqualTo(404);
      String createdTime =
          java.time.Instant.ofEpochMilli(
                  t.client.block(Long.toString(createdAt)).header().timestampMillis())
              .toString();
      JsonNode atTime =
          JSON.readTree(get(t.url + "/api/v1/dids/" + did + "?versionTime=" + createdTime).body());
      assertThat(atTime.at("/didDocumentMetadata/versionId").asText()).isEqualTo("1");
      HttpResponse<String> beforeChain =
          get(t.url + "/api/v1/dids/" + did + "?versionTime=2000-01-01T00:00:00Z");
      assertThat(beforeChain.statusCode()).isEqualTo(404);
      HttpResponse<String> both =
          get(t.url + "/api/v1/dids/" + did + "?versionId=1&versionTime=2000-01-01T00:00:00Z");
      assertThat(both.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(both.body()).at("/didResolutionMetadata/error").asText())
          .isEqualTo("invalidOptions");

      StateRead proved = t.client.resolveDid(did, java.util.Optional.empty(), true).proof();
      var verified = JingClient.verified(Did.stateKey(Did.id(did).orElseThrow()), proved);
      assertThat(verified.value()).isPresent();

      TxStatus replay = submit(n, "update", upd, update);
      assertThat(replay.receipt().code()).isEqualTo("DID_VERSION_MISMATCH");

      submit(n, "deactivate", new DidOperation.Deactivate(n.chain(), did, 2), recovery);
      HttpResponse<String> gone = get(t.url + "/api/v1/dids/" + did);
      assertThat(gone.statusCode()).isEqualTo(410);
      assertThat(JSON.readTree(gone.body()).at("/didResolutionMetadata/error").asText())
          .isEqualTo("deactivated");
      assertThat(JSON.readTree(gone.body()).at("/didDocumentMetadata/deactivated").asBoolean())
          .isTrue();

      HttpResponse<String> missing = get(t.url + "/api/v1/dids/did:jing:" + "0".repeat(40));
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(missing.body()).at("/didResolutionMetadata/error").asText())
          .isEqualTo("notFound");
      HttpResponse<String> invalid = get(t.url + "/api/v1/dids/did:example:123");
      assertThat(invalid.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(invalid.body()).at("/didResolutionMetadata/error").asText())
          .isEqualTo("invalidDid");
    }
  }

  /** [SL-1..5] an issuer revokes a credential's index; a verifier reads the bit with a proof. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void anIssuerRevokesAndAVerifierReadsTheStatusWithAProof(SuiteId suite) throws Exception {
    CryptoSuite cs = CryptoSuites.of(suite);
    try (TestNode t = new TestNode(dir.resolve("sl-" + suite.label()), suite)) {
      Node n =
          new Node(
              t,
              t.client.status().chainId(),
              cs.generateKeyPair(new SecureRandom()),
              new ArrayList<>(List.of(0L)));
      KeyPair update = cs.generateKeyPair(new SecureRandom());
      KeyPair recovery = cs.generateKeyPair(new SecureRandom());
      submit(
          n,
          "create",
          new DidOperation.Create(
              n.chain(), didKey(update), didKey(recovery), List.of(), List.of()),
          update);
      String issuer = Did.derive(didKey(update), didKey(recovery), cs);

      var createList =
          new org.jingchain.identity.StatusListContract.CreateList(
              n.chain(),
              issuer,
              "",
              "revocations",
              131_072,
              org.jingchain.identity.StatusListContract.Purpose.REVOCATION);
      assertThat(
              submitRaw(
                      n,
                      "status",
                      "createList",
                      org.jingchain.identity.StatusListContract.encode(createList),
                      update)
                  .receipt()
                  .status())
          .isEqualTo("success");
      var revoke =
          new org.jingchain.identity.StatusListContract.SetStatus(
              n.chain(), issuer, "", "revocations", 1, List.of(4_242), true);
      assertThat(
              submitRaw(
                      n,
                      "status",
                      "setStatus",
                      org.jingchain.identity.StatusListContract.encode(revoke),
                      update)
                  .receipt()
                  .status())
          .isEqualTo("success");

      String pageKey =
          org.jingchain.identity.StatusListContract.pageKey(issuer, "revocations", 4_242 / 1024);
      var read =
          JingClient.verified(pageKey, t.client.readStateRaw(pageKey, java.util.Optional.empty()));
      assertThat(org.jingchain.identity.StatusListContract.isSet(read.value(), 4_242))
          .as("revoked")
          .isTrue();
      assertThat(org.jingchain.identity.StatusListContract.isSet(read.value(), 4_243))
          .as("not revoked")
          .isFalse();
    }
  }

  /** [TR-1..3] the validator's account registers a schema and trusts an issuer; others cannot. */
  @org.junit.jupiter.api.Test
  void theRegistrarTrustsAnIssuerForASchemaAndStrangersCannot() throws Exception {
    CryptoSuite cs = CryptoSuites.intl();
    try (TestNode t = new TestNode(dir.resolve("trust"), SuiteId.INTL)) {
      String chain = t.client.status().chainId();
      Node stranger =
          new Node(t, chain, cs.generateKeyPair(new SecureRandom()), new ArrayList<>(List.of(0L)));
      KeyPair update = cs.generateKeyPair(new SecureRandom());
      submit(
          stranger,
          "create",
          new DidOperation.Create(chain, didKey(update), didKey(update), List.of(), List.of()),
          update);
      String issuer = Did.derive(didKey(update), didKey(update), cs);
      byte[] schema = "{\"type\":\"object\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String digest = org.jingchain.identity.TrustRegistryContract.schemaDigest(schema);

      Node registrar =
          new Node(
              t,
              chain,
              t.validator,
              new ArrayList<>(List.of(t.client.nextNonce(t.validator.address()))));
      assertThat(
              call(
                      stranger,
                      "addSchema",
                      org.jingchain.identity.TrustRegistryContract.schemaArgs(
                          "https://schemas.example/d.json", schema))
                  .receipt()
                  .code())
          .isEqualTo("TRUST_UNAUTHORIZED");
      assertThat(
              call(
                      registrar,
                      "addSchema",
                      org.jingchain.identity.TrustRegistryContract.schemaArgs(
                          "https://schemas.example/d.json", schema))
                  .receipt()
                  .status())
          .isEqualTo("success");
      assertThat(
              call(
                      registrar,
                      "addIssuer",
                      org.jingchain.identity.TrustRegistryContract.issuerArgs(issuer, digest))
                  .receipt()
                  .status())
          .isEqualTo("success");
      String key = org.jingchain.identity.TrustRegistryContract.issuerKey(issuer, digest);
      var read = JingClient.verified(key, t.client.readStateRaw(key, java.util.Optional.empty()));
      assertThat(read.value()).as("trusted, with a verified proof").isPresent();
    }
  }
}
