package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.Transactions;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser: console-tests/console.test.mjs (playwright-core) drives Debian's
 * Chromium against a real node. Without Chromium or Node.js the test is skipped, loudly; .ci/run
 * installs both so CI always runs it.
 */
class ConsoleIT {
  static final Path TESTS = Path.of("..", "console-tests").toAbsolutePath().normalize();
  @TempDir Path dir;

  static Path chromium() {
    String env = System.getenv("JING_CHROMIUM");
    return Path.of(env != null ? env : "/usr/bin/chromium");
  }

  static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d :
        java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(java.io.File.pathSeparator))
            .splitAsStream(path)
            .toList()) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  static void skipLoudly(String why) {
    String msg =
        "\n*** CONSOLE BROWSER TESTS SKIPPED: "
            + why
            + " ***\n*** install them as .ci/run does: apt-get install chromium nodejs npm ***\n";
    System.err.println(msg);
    Assumptions.abort(msg);
  }

  /** Chromium, Node.js and playwright-core, or the test is skipped loudly. */
  static void requireBrowser() throws IOException, InterruptedException {
    if (!Files.isExecutable(chromium())) {
      skipLoudly("no Chromium at " + chromium() + " (set JING_CHROMIUM to another path)");
    }
    if (!onPath("node") || !onPath("npm")) {
      skipLoudly("Node.js and npm are not on PATH");
    }
    ensurePlaywright();
  }

  /** Installs playwright-core from console-tests/package-lock.json when it is not there yet. */
  static void ensurePlaywright() throws IOException, InterruptedException {
    if (Files.isDirectory(TESTS.resolve("node_modules/playwright-core"))) {
      return;
    }
    Process p =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(TESTS.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      skipLoudly("'npm ci' in console-tests failed:\n" + out);
    }
  }

  @Test
  void theConsoleShowsLiveBlocksAndFindsASubmittedTransaction() throws Exception {
    requireBrowser();
    try (TestNode n = new TestNode(dir.resolve("node"), SuiteId.INTL)) {
      String chain = n.client.status().chainId();
      KeyPair k = CryptoSuites.intl().generateKeyPair(new SecureRandom());
      Hash h =
          n.client.submit(
              Transactions.sign(
                  k,
                  chain,
                  0,
                  System.currentTimeMillis() + 600_000,
                  AssetCalls.create("WEB", "console", 0)));
      n.client.waitForCommit(h, Duration.ofSeconds(30));
      String did = createDid(n, chain, k);
      registerAsset(n, chain, k, 2, did, "ridership-2025", "Metro ridership 2025");
      registerAsset(
          n, chain, k, 3, did, "crowd-forecast", "Crowd forecasting model", "ridership-2025");
      // an access request on the model: the first entry of its audit trail
      Hash asked =
          n.client.submit(
              Transactions.sign(
                  k,
                  chain,
                  4,
                  System.currentTimeMillis() + 600_000,
                  org.jingchain.datadir.DatadirCalls.request(
                      did, "crowd-forecast", "capacity planning", "read", 86_400_000L)));
      var askedReceipt = n.client.waitForCommit(asked, Duration.ofSeconds(30)).receipt();
      assertThat(askedReceipt.status())
          .as("the access request: %s", askedReceipt)
          .isEqualTo("success");
      String object = storeAnObject(n, chain, k, 5);
      sealAnAggregate(n, chain, k, 8);
      payConfidentially(n, chain, k);
      // a governance proposal of the genesis organisation (the validator is its admin)
      Hash proposal = proposeParam(n, chain, "block.maxTxs", "5000");
      assertThat(n.client.waitForCommit(proposal, Duration.ofSeconds(30)).receipt().status())
          .isEqualTo("success");
      // a 2-decimal token: the account page shows 12345 units as 123.45
      long nonce = n.client.nextNonce(k.address());
      n.client.submit(
          Transactions.sign(
              k,
              chain,
              nonce++,
              System.currentTimeMillis() + 600_000,
              AssetCalls.create("CNY", "yuan", 2)));
      Hash minted =
          n.client.submit(
              Transactions.sign(
                  k,
                  chain,
                  nonce++,
                  System.currentTimeMillis() + 600_000,
                  AssetCalls.mint("CNY", k.address(), 12345)));
      assertThat(n.client.waitForCommit(minted, Duration.ofSeconds(30)).receipt().status())
          .isEqualTo("success");
      // more transactions than one page of the account's history holds (25)
      List<org.jingchain.types.Transaction> more = new ArrayList<>();
      for (int i = 0; i < 26; i++) {
        more.add(
            Transactions.sign(
                k,
                chain,
                nonce + i,
                System.currentTimeMillis() + 600_000,
                AssetCalls.create("PAGE" + i, "history page " + i, 0)));
      }
      assertThat(n.client.submitBatch(more).accepted()).isEqualTo(26);
      n.client.waitForCommit(more.getLast().hash(CryptoSuites.intl()), Duration.ofSeconds(30));
      Path shots = Path.of("target", "console-screenshots").toAbsolutePath();
      Files.createDirectories(shots);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "node",
                  TESTS.resolve("console.test.mjs").toString(),
                  n.url,
                  h.toHex(),
                  k.address().toString(),
                  did,
                  "crowd-forecast",
                  shots.toString(),
                  object));
      ProcessBuilder pb =
          new ProcessBuilder(cmd).directory(TESTS.toFile()).redirectErrorStream(true);
      pb.environment().put("JING_CHROMIUM", chromium().toString());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("browser test finished").isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("all 24 console checks passed");
    }
  }

  /**
   * The console on a chain whose reads its organisation voted to members only
   * (docs/spec/api-access.md): console-tests/access.test.mjs finds it asking to sign in, refuses a
   * token that is not one, reads the chain and follows live blocks with a member's token, and
   * forgets the token on signing out.
   */
  @Test
  void onAMembersOnlyChainTheConsoleReadsWithAMembersToken() throws Exception {
    requireBrowser();
    try (TestNode n = new TestNode(dir.resolve("node"), SuiteId.INTL)) {
      String chain = n.client.status().chainId();
      // the validator is the genesis organisation's admin: its proposal executes at once
      Hash vote = proposeParam(n, chain, "api.read", "members");
      var asAdmin = n.client.withToken(org.jingchain.sdk.BearerTokens.of(n.validator, chain));
      assertThat(asAdmin.waitForCommit(vote, Duration.ofSeconds(30)).receipt().events())
          .extracting(e -> e.type())
          .contains("Executed");
      assertThat(n.client.access().families()).containsEntry("chain", "members");
      List<String> cmd =
          List.of(
              "node",
              TESTS.resolve("access.test.mjs").toString(),
              n.url,
              org.jingchain.sdk.BearerTokens.mint(n.validator, chain, Duration.ofMinutes(10)),
              n.validator.address().toString());
      ProcessBuilder pb =
          new ProcessBuilder(cmd).directory(TESTS.toFile()).redirectErrorStream(true);
      pb.environment().put("JING_CHROMIUM", chromium().toString());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("browser test finished").isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("all 5 access checks passed");
    }
  }

  /**
   * The validator's proposal (its first transaction) to set a chain parameter; on a dev chain the
   * validator is the genesis organisation's admin, so it executes at once.
   */
  static Hash proposeParam(TestNode n, String chain, String name, String value) {
    return n.client.submit(
        Transactions.sign(
            n.validator,
            chain,
            0,
            System.currentTimeMillis() + 600_000,
            new org.jingchain.types.Call(
                org.jingchain.gov.Gov.NAME,
                "propose",
                org.jingchain.gov.Gov.proposeArgs(
                    org.jingchain.gov.Gov.Kind.SET_PARAM,
                    org.jingchain.gov.Gov.encode(
                        new org.jingchain.gov.Gov.ParamChange(
                            name,
                            org.jingchain.types.Bytes.wrap(
                                org.jingchain.gov.Params.encode(name, value)))),
                    100))));
  }

  /**
   * Two storage nodes operated by {@code k} and an object record of {@code k}'s placed on them (the
   * roots are made up: the console shows records, nobody reads the bytes); its id.
   */
  static String storeAnObject(TestNode n, String chain, KeyPair k, long nonce) {
    List<org.jingchain.types.Call> calls =
        List.of(
            org.jingchain.store.StoreCalls.registerNode("sn-a", "http://127.0.0.1:1", "", 1L << 30),
            org.jingchain.store.StoreCalls.registerNode("sn-b", "http://127.0.0.1:2", "", 1L << 30),
            org.jingchain.store.StoreCalls.putObject(
                new org.jingchain.store.StoreCalls.PutObject(
                    "scans/ct-0001.dcm",
                    1000,
                    new org.jingchain.store.Coding(1, 1, 1024, 256),
                    CryptoSuites.intl().hash(new byte[] {1}),
                    List.of(
                        CryptoSuites.intl().hash(new byte[] {2}),
                        CryptoSuites.intl().hash(new byte[] {3})),
                    0,
                    "")));
    for (var call : calls) {
      Hash h =
          n.client.submit(
              Transactions.sign(k, chain, nonce++, System.currentTimeMillis() + 600_000, call));
      assertThat(n.client.waitForCommit(h, Duration.ofSeconds(30)).receipt().status())
          .isEqualTo("success");
    }
    return n.client.storeObject(k.address(), "scans/ct-0001.dcm").id();
  }

  /**
   * A one-member committee of {@code k}'s, its key generation, and an aggregate {@code w49} of one
   * contribution of 7, closed, decrypted and revealed: what the aggregate pages show.
   */
  static void sealAnAggregate(TestNode n, String chain, KeyPair k, long nonce) {
    org.jingchain.sdk.aggregate.AggregateClient agg =
        new org.jingchain.sdk.aggregate.AggregateClient(
            n.client, chain, CryptoSuites.intl(), new SecureRandom());
    java.util.function.Consumer<org.jingchain.types.Call> send =
        new java.util.function.Consumer<>() {
          long next = nonce;

          @Override
          public void accept(org.jingchain.types.Call call) {
            Hash h =
                n.client.submit(
                    Transactions.sign(
                        k, chain, next++, System.currentTimeMillis() + 600_000, call));
            assertThat(n.client.waitForCommit(h, Duration.ofSeconds(30)).receipt().status())
                .isEqualTo("success");
          }
        };
    send.accept(
        org.jingchain.privacy.AggregateCalls.createCommittee(
            "health", List.of(k.address()), 1, 100));
    for (int step = 0; step < 3; step++) {
      agg.keyGenerationSteps(k, agg.committee("health").orElseThrow())
          .forEach(s -> send.accept(s.call()));
    }
    send.accept(
        org.jingchain.privacy.AggregateCalls.open(
            new org.jingchain.privacy.AggregateCalls.Open(
                "w49", "health", "influenza cases, week 49", 8, 1, 10, List.of(), 0)));
    send.accept(agg.contribution(k, "w49", 7));
    send.accept(org.jingchain.privacy.AggregateCalls.close("w49"));
    send.accept(agg.decryptionShare(k, agg.aggregate("w49").orElseThrow()));
    var decrypted = agg.aggregate("w49").orElseThrow();
    send.accept(
        org.jingchain.privacy.AggregateCalls.reveal("w49", agg.total(decrypted).orElseThrow()));
  }

  /**
   * A confidential token WEBC audited by {@code k}: 1,000 units minted to {@code k}, 100 sent to a
   * second account.
   */
  static void payConfidentially(TestNode n, String chain, KeyPair k) {
    org.jingchain.sdk.ctoken.CtokenClient ct =
        new org.jingchain.sdk.ctoken.CtokenClient(
            n.client, chain, CryptoSuites.intl(), new SecureRandom());
    KeyPair other = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    java.util.function.BiConsumer<KeyPair, org.jingchain.types.Call> send =
        (who, call) -> {
          Hash h =
              n.client.submit(
                  Transactions.sign(
                      who,
                      chain,
                      n.client.nextNonce(who.address()),
                      System.currentTimeMillis() + 600_000,
                      call));
          assertThat(n.client.waitForCommit(h, Duration.ofSeconds(30)).receipt().status())
              .isEqualTo("success");
        };
    send.accept(k, ct.wallet(k).register());
    send.accept(other, ct.wallet(other).register());
    send.accept(k, org.jingchain.privacy.CtokenCalls.create("WEBC", 2, k.address()));
    send.accept(k, org.jingchain.privacy.CtokenCalls.mint("WEBC", k.address(), 1000));
    send.accept(k, org.jingchain.privacy.CtokenCalls.apply("WEBC"));
    send.accept(k, ct.transfer(k, "WEBC", other.address(), 100));
  }

  /** A data asset owned by {@code did} (whose key is {@code k}), derived from {@code parents}. */
  static void registerAsset(
      TestNode n,
      String chain,
      KeyPair k,
      long nonce,
      String did,
      String id,
      String title,
      String... parents) {
    // the model needs the owner's approval (it gets an access request); the data set is public
    var policy =
        parents.length == 0
            ? org.jingchain.datadir.Policy.everyone()
            : org.jingchain.datadir.Policy.approval();
    var call =
        org.jingchain.datadir.DatadirCalls.register(
            new org.jingchain.datadir.DatadirCalls.Register(
                id,
                did,
                new org.jingchain.datadir.Metadata(
                    title,
                    "",
                    org.jingchain.datadir.Sector.TRANSPORT,
                    List.of(),
                    "csv",
                    "CC-BY-4.0"),
                policy,
                List.of(),
                List.of(parents),
                new org.jingchain.datadir.Content(
                    new org.jingchain.datadir.Digest(
                        "sha-256", org.jingchain.types.Bytes.wrap(new byte[32])),
                    1,
                    List.of("https://data.example/" + id),
                    "")));
    Hash h =
        n.client.submit(
            Transactions.sign(k, chain, nonce, System.currentTimeMillis() + 600_000, call));
    assertThat(n.client.waitForCommit(h, Duration.ofSeconds(30)).receipt().status())
        .isEqualTo("success");
  }

  /** A DID whose update and recovery key is {@code k}, created by {@code k}'s account. */
  static String createDid(TestNode n, String chain, KeyPair k) {
    var key =
        new org.jingchain.identity.DidKey(
            org.jingchain.identity.DidKey.Type.ED25519, k.publicKey().bytes());
    var op =
        new org.jingchain.identity.DidOperation.Create(
            chain,
            key,
            key,
            java.util.List.of(new org.jingchain.identity.VerificationMethod("key-1", key, 3)),
            java.util.List.of());
    byte[] bytes = org.jingchain.identity.DidCodec.encode(op);
    var args =
        org.jingchain.types.Bytes.wrap(
            org.jingchain.identity.DidCodec.encode(
                new org.jingchain.identity.DidCodec.Signed(bytes, k.sign(bytes))));
    Hash h =
        n.client.submit(
            Transactions.sign(
                k,
                chain,
                1,
                System.currentTimeMillis() + 600_000,
                new org.jingchain.types.Call("did", "create", args)));
    assertThat(n.client.waitForCommit(h, Duration.ofSeconds(30)).receipt().status())
        .isEqualTo("success");
    return org.jingchain.identity.Did.derive(key, key, CryptoSuites.intl());
  }
}
