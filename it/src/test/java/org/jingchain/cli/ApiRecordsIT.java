package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.Content;
import org.jingchain.datadir.Datadir;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.Digest;
import org.jingchain.datadir.Metadata;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Sector;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.DidService;
import org.jingchain.sdk.DatadirQueries;
import org.jingchain.sdk.IdentityCalls;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.sdk.model.DatadirAudit;
import org.jingchain.sdk.model.DidResolution;
import org.jingchain.sdk.model.Event;
import org.jingchain.sdk.model.SubmitResult;
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

/**
 * The SDK's records against real node answers, one of each shape: the SDK's method decodes the
 * answer into its record, the record written back is the node's JSON (fields, values, nulls,
 * order), and {@code jing --json}, which prints the records, prints byte for byte what it printed
 * when it printed the node's JSON.
 */
class ApiRecordsIT {
  /** Jackson as a user sets it up: unknown fields fail unless the record ignores them. */
  static final ObjectMapper JSON = new ObjectMapper();

  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  // ---- the chain, tokens, collectibles, state, certificates and DIDs, in both suites

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void everyChainAndDidAnswerIsARecordThatWritesTheNodesJsonBack(SuiteId suite) throws Exception {
    try (TestNode n = new TestNode(dir.resolve(suite.label()), suite)) {
      JingClient c = n.client;
      String api = n.url + "/api/v1";
      String chain = c.status().chainId();
      CryptoSuite cs = CryptoSuites.of(suite);
      KeyPair alice = cs.generateKeyPair(new SecureRandom());
      KeyPair recovery = cs.generateKeyPair(new SecureRandom());
      KeyPair bob = cs.generateKeyPair(new SecureRandom());
      send(c, chain, alice, AssetCalls.create("CNY", "Digital yuan", 2));
      send(c, chain, alice, AssetCalls.mint("CNY", alice.address(), 100_000));
      send(c, chain, alice, AssetCalls.nftMint("art-1", Bytes.wrap(new byte[32])));
      var did = IdentityCalls.createDid(chain, alice, recovery);
      long createdAt = send(c, chain, alice, did.call()).height();
      send(c, chain, alice, didCall("update", withService(chain, did.did()), alice));

      // a transaction as POST /transactions answers it, then its committed status
      Transaction transfer = sign(alice, chain, c, AssetCalls.transfer("CNY", bob.address(), 25));
      String submitted = post(api + "/transactions", "{\"tx\":\"" + hex(transfer) + "\"}");
      SubmitResult accepted = JSON.readValue(submitted, SubmitResult.class);
      assertMirrors(submitted, accepted);
      assertThat(accepted.admitted()).isTrue();
      Hash h = Hash.fromHex(accepted.hash());
      TxStatus done = c.waitForCommit(h, Duration.ofSeconds(30));
      assertThat(done.receipt().succeeded()).isTrue();
      assertMirrors(get(api + "/transactions/" + h.toHex()), done);
      Read<TxStatus> tx =
          stable(api + "/transactions/" + h.toHex(), () -> c.transaction(h).orElseThrow());
      assertMirrors(tx.raw(), tx.record());

      // a batch with one transaction taken and one refused: both kinds of result
      Transaction more = sign(alice, chain, c, AssetCalls.transfer("CNY", bob.address(), 1));
      String batch = post(api + "/transactions/batch", "{\"txs\":[\"" + hex(more) + "\",\"00\"]}");
      BatchResult br = JSON.readValue(batch, BatchResult.class);
      assertMirrors(batch, br);
      assertThat(br.results())
          .extracting(SubmitResult::status)
          .containsExactly("pending", "rejected");
      assertThat(br.results().get(1).code()).isEqualTo("TX_MALFORMED");
      long height = c.waitForCommit(Hash.fromHex(br.results().get(0).hash()), WAIT).height();

      String h1 = Long.toString(height);
      assertMirrors(stable(api + "/status", c::status));
      assertMirrors(stable(api + "/blocks/" + h1, () -> c.block(h1)));
      assertMirrors(stable(api + "/blocks/" + done.blockHash(), () -> c.block(done.blockHash())));
      assertMirrors(stable(api + "/blocks?limit=5", () -> c.latestBlocks(5)));
      assertMirrors(
          stable(
              api + "/accounts/" + alice.address() + "/balances",
              () -> c.balances(alice.address())));
      assertMirrors(stable(api + "/assets/CNY", () -> c.token("CNY")));
      assertMirrors(stable(api + "/nfts/art-1", () -> c.nft("art-1")));
      assertMirrors(
          stable(
              api + "/blocks/" + done.height() + "/certificate",
              () -> c.certificate(done.height())));
      Read<List<org.jingchain.sdk.model.Epoch>> epochs = stable(api + "/epochs", c::epochs);
      assertMirrors(JSON.readTree(epochs.raw()).get("epochs"), epochs.record());

      // a value at a past version (certified by the next block), and an absent key at the head
      String balance = AssetContract.balanceKey(bob.address(), "CNY");
      var past =
          stable(
              api + "/state?proof=true&key=" + enc(balance) + "&version=" + done.height(),
              () -> c.readStateRaw(balance, Optional.of(done.height())));
      assertMirrors(past);
      assertThat(past.record().certifiedBy()).isNotNull();
      assertThat(JingClient.verified(balance, past.record()).value()).isPresent();
      String absent = "asset/balance/" + bob.address() + "/USD";
      var none =
          stable(
              api + "/state?proof=true&key=" + enc(absent),
              () -> c.readStateRaw(absent, Optional.empty()));
      assertMirrors(none);
      assertThat(none.record().value()).isNull();
      assertThat(JingClient.verified(absent, none.record()).value()).isEmpty();

      // DID resolution: now with a proof, at creation, unknown, invalid; deactivated below
      String d = did.did();
      var now =
          stable(api + "/dids/" + d + "?proof=true", () -> c.resolveDid(d, Optional.empty(), true));
      assertMirrors(now);
      DidResolution r = now.record();
      assertThat(r.resolved()).isTrue();
      assertThat(r.didDocument().service()).hasSize(1);
      assertThat(r.didDocument().verificationMethod().get(0).publicKeyJwk().kty())
          .isEqualTo(suite == SuiteId.INTL ? "OKP" : "EC");
      assertThat(r.didDocumentMetadata().versionId()).isEqualTo("2");
      assertThat(r.proof().value()).isNotNull();
      var first =
          stable(
              api + "/dids/" + d + "?proof=false&version=" + createdAt,
              () -> c.resolveDid(d, Optional.of(createdAt), false));
      assertMirrors(first);
      assertThat(first.record().didDocument().service()).isEmpty();
      assertThat(first.record().proof()).isNull();
      String nobody = "did:jing:" + "0".repeat(40);
      var unknown =
          stable(
              api + "/dids/" + nobody + "?proof=false",
              () -> c.resolveDid(nobody, Optional.empty(), false));
      assertMirrors(unknown);
      assertThat(unknown.record().didDocument()).isNull();
      var invalid =
          stable(
              api + "/dids/did:jing:zz?proof=false",
              () -> c.resolveDid("did:jing:zz", Optional.empty(), false));
      assertMirrors(invalid);
      assertThat(invalid.record().didResolutionMetadata().error()).isEqualTo("invalidDid");

      // what jing --json prints is what the node answered, byte for byte
      String at = Long.toString(done.height());
      assertCliPrints(api + "/status", n, "status");
      assertCliPrints(api + "/blocks/" + at, n, "block", "get", at);
      assertCliPrints(api + "/blocks?limit=5", n, "block", "latest", "--limit", "5");
      assertCliPrints(api + "/transactions/" + h.toHex(), n, "tx", "get", h.toHex());
      assertCliPrints(
          api + "/accounts/" + bob.address() + "/balances",
          n,
          "asset",
          "balance",
          "--address",
          bob.address().toString());
      assertCliPrints(api + "/assets/CNY", n, "asset", "info", "--symbol", "CNY");
      assertCliPrints(api + "/nfts/art-1", n, "nft", "owner", "--id", "art-1");
      assertCliPrints(
          api + "/state?proof=true&key=" + enc(balance) + "&version=" + at,
          n,
          "state",
          "get",
          balance,
          "--at-height",
          at);
      assertCliPrints(api + "/dids/" + d + "?proof=true", n, "did", "resolve", d, "--proof");
      assertCliPrints(
          api + "/dids/" + d + "?proof=false&version=" + createdAt,
          n,
          "did",
          "resolve",
          d,
          "--version",
          Long.toString(createdAt));
      String epochsPrinted = CliRun.run(List.of("gov", "epochs", "--api=" + n.url, "--json")).out();
      assertThat(epochsPrinted)
          .isEqualTo(pretty(JSON.readTree(get(api + "/epochs")).get("epochs")));

      send(
          c,
          chain,
          alice,
          didCall("deactivate", new DidOperation.Deactivate(chain, d, 2), recovery));
      var gone =
          stable(
              api + "/dids/" + d + "?proof=false", () -> c.resolveDid(d, Optional.empty(), false));
      assertMirrors(gone);
      assertThat(gone.record().didResolutionMetadata().error()).isEqualTo("deactivated");
      assertThat(gone.record().didDocumentMetadata().deactivated()).isTrue();
      assertCliPrints(api + "/dids/" + d + "?proof=false", n, "did", "resolve", d);
    }
  }

  // ---- the data directory

  @Test
  void everyDataDirectoryAnswerIsARecordThatWritesTheNodesJsonBack() throws Exception {
    try (TestNode n = new TestNode(dir.resolve("datadir"), SuiteId.INTL)) {
      JingClient c = n.client;
      DatadirQueries q = new DatadirQueries(n.url);
      String api = n.url + "/api/v1/datadir";
      String chain = c.status().chainId();
      CryptoSuite cs = CryptoSuites.intl();
      KeyPair ownerKey = cs.generateKeyPair(new SecureRandom());
      KeyPair labKey = cs.generateKeyPair(new SecureRandom());
      var owner = IdentityCalls.createDid(chain, ownerKey, cs.generateKeyPair(new SecureRandom()));
      var lab = IdentityCalls.createDid(chain, labKey, cs.generateKeyPair(new SecureRandom()));
      send(c, chain, ownerKey, owner.call());
      send(c, chain, labKey, lab.call());
      send(
          c,
          chain,
          ownerKey,
          DatadirCalls.register(register("rain-2025", owner.did(), Policy.approval(), List.of())));
      send(c, chain, ownerKey, DatadirCalls.newVersion("rain-2025", content("rain-2025", 2)));
      send(
          c,
          chain,
          ownerKey,
          DatadirCalls.register(
              register(
                  "rain-model",
                  owner.did(),
                  Policy.group(List.of(lab.did())),
                  List.of("rain-2025"))));
      send(c, chain, ownerKey, DatadirCalls.offerTransfer("rain-model", lab.did()));
      TxStatus asked =
          send(
              c,
              chain,
              labKey,
              DatadirCalls.request(lab.did(), "rain-2025", "flood research", "read", 86_400_000));
      long requestId = Long.parseLong(attribute(asked, "Requested", "request"));
      long until = System.currentTimeMillis() + 86_400_000;
      TxStatus granted =
          send(c, chain, ownerKey, DatadirCalls.grant(owner.did(), requestId, until, "read"));
      long grantId = Long.parseLong(attribute(granted, "Granted", "grant"));
      TxStatus consented =
          send(
              c,
              chain,
              ownerKey,
              DatadirCalls.consent(owner.did(), lab.did(), "", "flood research", "read", until));
      long consentId = Long.parseLong(attribute(consented, "Consented", "grant"));

      // the node builds these objects with Map.of, whose key order changes from one node process
      // to the next: their fields are compared, not their order
      String[] assetMaps = {"/policy", "/latest/digest", "/transferOffer"};
      var rain = stable(api + "/assets/rain-2025", () -> q.asset("rain-2025"));
      assertMirrors(rain, assetMaps);
      assertThat(rain.record().latest().version()).isEqualTo(2);
      assertThat(rain.record().transferOffer()).isNull();
      var model = stable(api + "/assets/rain-model", () -> q.asset("rain-model"));
      assertMirrors(model, assetMaps);
      assertThat(model.record().transferOffer().to()).isEqualTo(lab.did());
      assertThat(model.record().policy().members()).containsExactly(lab.did());
      assertMirrors(
          stable(api + "/assets/rain-2025/versions/1", () -> q.version("rain-2025", 1)), "/digest");
      var up =
          stable(
              api + "/assets/rain-model/lineage?direction=ancestors&max=10",
              () -> q.lineage("rain-model", DatadirQueries.Direction.ANCESTORS, 10));
      assertMirrors(up, "/edges/*");
      assertThat(up.record().edges()).hasSize(1);
      assertMirrors(
          stable(
              api + "/assets/rain-2025/lineage?direction=descendants&max=10",
              () -> q.lineage("rain-2025", DatadirQueries.Direction.DESCENDANTS, 10)),
          "/edges/*");
      var found =
          stable(
              api + "/search?q=rain&sector=government&offset=0&limit=10",
              () -> q.search("rain", Map.of("sector", "government"), 0, 10));
      assertMirrors(found);
      assertThat(found.record().hits()).hasSize(2);
      var audit =
          stable(
              api + "/audit?asset=rain-2025&from=0&limit=50",
              () -> q.audit(DatadirQueries.AuditIndex.ASSET, "rain-2025", 0, 50));
      assertMirrors(audit);
      assertThat(audit.record().entries())
          .extracting(DatadirAudit.Entry::type)
          .contains("requested", "granted");
      assertMirrors(stable(api + "/requests/" + requestId, () -> q.request(requestId)));
      var grant = stable(api + "/grants/" + grantId, () -> q.grant(grantId));
      assertMirrors(grant);
      assertThat(grant.record().kind()).isEqualTo("access");
      var consent = stable(api + "/grants/" + consentId, () -> q.grant(consentId));
      assertMirrors(consent);
      assertThat(consent.record().kind()).isEqualTo("consent");

      // with proof=true (no DatadirQueries method asks for it) each entry carries its proven record
      String proven = get(api + "/audit?asset=rain-2025&proof=true");
      DatadirAudit withProofs = JSON.readValue(proven, DatadirAudit.class);
      assertMirrors(proven, withProofs);
      for (DatadirAudit.Entry e : withProofs.entries()) {
        assertThat(JingClient.verified(Datadir.logKey(e.seq()), e.proof()).value()).isPresent();
      }

      String cli = n.url;
      assertCliPrintsTheSame(
          api + "/assets/rain-2025", cli, assetMaps, "data", "show", "rain-2025");
      assertCliPrintsTheSame(
          api + "/assets/rain-model", cli, assetMaps, "data", "show", "rain-model");
      assertCliPrintsTheSame(
          api + "/assets/rain-model/lineage?direction=ancestors&max=200",
          cli,
          new String[] {"/edges/*"},
          "data",
          "lineage",
          "rain-model");
      assertCliPrints(
          api + "/audit?asset=rain-2025&from=0&limit=50",
          n,
          "data",
          "audit",
          "--asset",
          "rain-2025");
      assertCliPrints(
          api + "/search?q=rain&sector=government&offset=0&limit=10",
          n,
          "data",
          "search",
          "rain",
          "--sector",
          "government",
          "--limit",
          "10");
    }
  }

  // ---- a pending transaction and a batch the mempool takes in part

  @Test
  void aPendingTransactionAndAPartlyTakenBatchAreRecordsToo() throws Exception {
    // blocks an hour apart: what is submitted stays pending
    Map<String, String> slow = Map.of("mempool.maxTxs", "3", "block.intervalMillis", "3600000");
    try (TestNode n = new TestNode(dir.resolve("pending"), SuiteId.INTL, slow)) {
      JingClient c = n.client;
      String api = n.url + "/api/v1";
      String chain = c.status().chainId();
      Hash first = c.submit(fresh(chain, "P0"));
      var pending =
          stable(api + "/transactions/" + first.toHex(), () -> c.transaction(first).orElseThrow());
      assertMirrors(pending);
      assertThat(pending.record().committed()).isFalse();
      assertThat(pending.record().height()).isNull();
      assertThat(pending.record().tx().contract()).isEqualTo("asset");
      assertCliPrints(api + "/transactions/" + first.toHex(), n, "tx", "get", first.toHex());

      String full =
          post(
              api + "/transactions/batch",
              "{\"txs\":[\""
                  + hex(fresh(chain, "P1"))
                  + "\",\""
                  + hex(fresh(chain, "P2"))
                  + "\",\""
                  + hex(fresh(chain, "P3"))
                  + "\"]}");
      BatchResult partly = JSON.readValue(full, BatchResult.class);
      assertMirrors(full, partly);
      assertThat(partly.code()).isEqualTo("MEMPOOL_FULL");
      assertThat(partly.accepted()).isEqualTo(2);

      Transaction late = fresh(chain, "P4");
      assertThatThrownBy(() -> c.submitBatch(List.of(late)))
          .isInstanceOfSatisfying(
              JingApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo("MEMPOOL_FULL");
                BatchResult r = e.batchResult().orElseThrow();
                assertThat(r.rejected()).isEqualTo(1);
                assertThat(r.results().get(0).admitted()).isFalse();
                assertThat(r.results().get(0).code()).isEqualTo("MEMPOOL_FULL");
              });
    }
  }

  // ---- helpers

  static final Duration WAIT = Duration.ofSeconds(30);

  /** An answer as the node sent it, and the SDK's record of it. */
  record Read<T>(String raw, T record) {}

  /**
   * GETs {@code url} and calls the SDK for the same answer until the node answered the same before
   * and after the call, so both saw one state (the chain moves on with empty blocks meanwhile).
   */
  static <T> Read<T> stable(String url, Callable<T> sdk) throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      String before = get(url);
      T record = sdk.call();
      String after = get(url);
      if (before.equals(after)) {
        return new Read<>(before, record);
      }
    }
    throw new AssertionError(url + " answered differently every time");
  }

  static void assertMirrors(Read<?> read, String... unordered) throws IOException {
    assertMirrors(read.raw(), read.record(), unordered);
  }

  static void assertMirrors(String raw, Object record, String... unordered) throws IOException {
    assertMirrors(JSON.readTree(raw), record, unordered);
  }

  /**
   * {@code record} written with Jackson is the node's answer: the same fields, values and nulls, in
   * the node's order except in the objects at {@code unordered} (JSON pointers, {@code *} for every
   * array element).
   */
  static void assertMirrors(JsonNode node, Object record, String... unordered) throws IOException {
    JsonNode written = JSON.readTree(JSON.writeValueAsString(record));
    String what = record == null ? "null" : record.getClass().getSimpleName();
    assertThat(written).as("%s written back", what).isEqualTo(node);
    sameOrder(node, written, "", Set.of(unordered));
  }

  private static void sameOrder(JsonNode node, JsonNode written, String at, Set<String> unordered) {
    if (node.isObject()) {
      List<String> fields = new ArrayList<>();
      node.fieldNames().forEachRemaining(fields::add);
      if (!unordered.contains(at)) {
        List<String> writtenFields = new ArrayList<>();
        written.fieldNames().forEachRemaining(writtenFields::add);
        assertThat(writtenFields).as("field order at '%s'", at).containsExactlyElementsOf(fields);
      }
      for (String f : fields) {
        sameOrder(node.get(f), written.get(f), at + "/" + f, unordered);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        sameOrder(node.get(i), written.get(i), at + "/*", unordered);
      }
    }
  }

  /** What {@code jing --json} printed when it printed the node's JSON as it came. */
  static String pretty(JsonNode answer) throws IOException {
    return ApiOptions.JSON.writeValueAsString(answer) + System.lineSeparator();
  }

  /** {@code jing args --json} prints the answer at {@code url} byte for byte. */
  static void assertCliPrints(String url, TestNode n, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--api=" + n.url);
    all.add("--json");
    for (int attempt = 0; attempt < 50; attempt++) {
      String before = get(url);
      CliRun.Result printed = CliRun.run(all);
      if (before.equals(get(url))) {
        assertThat(printed.out())
            .as("%s%n%s", String.join(" ", args), printed.err())
            .isEqualTo(pretty(JSON.readTree(before)));
        return;
      }
    }
    throw new AssertionError(url + " answered differently every time");
  }

  /** As {@link #assertCliPrints}, for answers with objects whose order the node does not fix. */
  static void assertCliPrintsTheSame(String url, String api, String[] unordered, String... args)
      throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--api=" + api);
    all.add("--json");
    for (int attempt = 0; attempt < 50; attempt++) {
      String before = get(url);
      CliRun.Result printed = CliRun.run(all);
      if (before.equals(get(url))) {
        assertThat(printed.exit()).as("%s%n%s", String.join(" ", args), printed.err()).isZero();
        assertMirrors(before, printed.json(), unordered);
        return;
      }
    }
    throw new AssertionError(url + " answered differently every time");
  }

  static String get(String url) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static String post(String url, String body) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String hex(Transaction tx) {
    return HexFormat.of().formatHex(Canonical.encode(tx));
  }

  static Transaction sign(KeyPair k, String chain, JingClient c, Call call) {
    return Transactions.sign(
        k, chain, c.nextNonce(k.address()), System.currentTimeMillis() + 600_000, call);
  }

  /** A token creation by a new account: needs no other transaction before it. */
  static Transaction fresh(String chain, String symbol) {
    KeyPair k = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    return Transactions.sign(
        k, chain, 0, System.currentTimeMillis() + 600_000, AssetCalls.create(symbol, "t", 0));
  }

  /** Signs {@code call} with {@code k}'s next nonce and waits for it to commit successfully. */
  static TxStatus send(JingClient c, String chain, KeyPair k, Call call) {
    TxStatus t = c.waitForCommit(c.submit(sign(k, chain, c, call)), WAIT);
    assertThat(t.receipt().succeeded())
        .as("%s.%s: %s", call.contract(), call.method(), t.receipt())
        .isTrue();
    return t;
  }

  /** A DID operation signed by the DID key that authorises it. */
  static Call didCall(String method, DidOperation op, KeyPair signer) {
    byte[] bytes = DidCodec.encode(op);
    return new Call(
        DidContract.NAME,
        method,
        Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, signer.sign(bytes)))));
  }

  static DidOperation withService(String chain, String did) {
    return new DidOperation.Update(
        chain,
        did,
        1,
        List.of(
            new DidOperation.Patch.AddService(
                new DidService("hub", "LinkedDomains", "https://example.org/hub"))));
  }

  static DatadirCalls.Register register(
      String id, String owner, Policy policy, List<String> parents) {
    return new DatadirCalls.Register(
        id,
        owner,
        new Metadata(
            "Rainfall " + id,
            "Daily rainfall by district",
            Sector.GOVERNMENT,
            List.of("rain", "weather"),
            "csv",
            "CC-BY-4.0"),
        policy,
        List.of(),
        parents,
        content(id, 1));
  }

  static Content content(String id, int version) {
    return new Content(
        new Digest("sha-256", Bytes.wrap(new byte[32])),
        1_000L * version,
        List.of("https://data.example/" + id + "/v" + version),
        "version " + version);
  }

  /** The value of {@code attribute} in the receipt's datadir event {@code type}. */
  static String attribute(TxStatus t, String type, String attribute) {
    return t.receipt().events().stream()
        .filter(e -> e.type().equals(type))
        .map(Event::attributes)
        .map(a -> a.get(attribute))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event in " + t.receipt()));
  }
}
