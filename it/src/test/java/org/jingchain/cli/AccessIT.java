package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.ApiToken;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.BearerTokens;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.Access;
import org.jingchain.types.Bytes;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who may read a chain (docs/spec/api-access.md; issue 18) on three real node processes of three
 * organisations, in both suites: the organisations vote the chain's reads to members only; from
 * that height every node refuses anonymous readers and strangers with the documented codes and
 * serves members who send a token their account key signed — through the CLI, the SDK and plain
 * HTTP; a forged, expired or other-chain token is refused; a role revoked by vote stops the same
 * token at once; status stays public; refusals are security-log lines.
 */
class AccessIT {
  static final String PW = "access-it";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;
  Path net;
  int api;
  Path pw;

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void membersOnlyReadsAreVotedInAndEveryNodeEnforcesThem(SuiteId id) throws Exception {
    NodeProcess.launchNetsFromThisBuild();
    CryptoSuite suite = CryptoSuites.of(id);
    net = tmp.resolve("net");
    api = NodeProcess.freePortRun(6);
    pw = tmp.resolve("pw");
    Files.writeString(pw, PW);
    EpochIT.ok(
        "net",
        "init",
        "--validators",
        "3",
        "--orgs",
        "--permissions",
        "members",
        "--suite",
        id.label(),
        "--dir",
        net.toString(),
        "--api-port",
        Integer.toString(api),
        "--p2p-port",
        Integer.toString(api + 3),
        "--round-timeout-ms",
        "1000");
    try {
      EpochIT.ok("net", "up", "--dir", net.toString());
      story(suite);
    } catch (AssertionError | RuntimeException e) {
      StringBuilder logs = new StringBuilder();
      for (Path nd : NetCommand.nodes(net)) {
        logs.append("\n--- ").append(nd.getFileName()).append('\n').append(NetCommand.tail(nd, 30));
      }
      throw new AssertionError(e.getMessage() + "\nnode logs:" + logs + "\n--- " + e, e);
    } finally {
      CliRun.run(List.of("net", "down", "--dir", net.toString()));
    }
  }

  private void story(CryptoSuite suite) throws Exception {
    List<JingClient> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(new JingClient(url(i), Duration.ofSeconds(10)));
    }
    String chain = nodes.get(0).status().chainId();
    KeyPair carol = suite.generateKeyPair(new java.security.SecureRandom());
    KeyPair mallory = suite.generateKeyPair(new java.security.SecureRandom());
    Path carolKey = key("carol", carol);

    // org1 makes Carol a member; she creates a token while reads are still public
    EpochIT.asAdmin(
        net,
        api,
        1,
        "gov",
        "propose",
        "grant-role",
        "--account",
        carol.address().toString(),
        "--org",
        "org1",
        "--role",
        "member");
    assertThat(EpochIT.asAdmin(net, api, 2, "gov", "vote", "1").out()).contains("gov.Executed");
    long granted = nodes.get(2).status().height();
    for (JingClient n : nodes) {
      NetworkIT.await("the grant reaches every node", () -> NetworkIT.height(n) >= granted);
    }
    assertThat(get(0, "/api/v1/blocks", null).statusCode()).isEqualTo(200);
    Result created = as(carolKey, 1, "asset", "create", "--symbol", "CAR", "--name", "carol");
    assertThat(created.exit()).as(created.err()).isZero();

    // [ACC-1] the organisations vote: reads for members only
    EpochIT.asAdmin(
        net, api, 0, "gov", "propose", "set-param", "--name", "api.read", "--value", "members");
    Result voted = EpochIT.asAdmin(net, api, 1, "gov", "vote", "2");
    assertThat(voted.out()).contains("gov.Executed");
    for (int i = 0; i < 3; i++) {
      int n = i;
      NetworkIT.await(
          "node" + n + " applies the vote",
          () -> nodes.get(n).access().families().get("chain").equals("members"));
      Access a = nodes.get(n).access();
      assertThat(a.families())
          .containsEntry("datadir", "members")
          .containsEntry("asset", "members");
      assertThat(a.caller()).isNull();
      // [ACC-2] the always-public family: status, genesis, certificates
      assertThat(get(n, "/api/v1/status", null).statusCode()).isEqualTo(200);
      assertThat(get(n, "/api/v1/genesis", null).statusCode()).isEqualTo(200);
      HttpResponse<String> anonymous = get(n, "/api/v1/blocks", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("\"code\":\"AUTH_REQUIRED\"").doesNotContain("height");
      assertThat(get(n, "/api/v1/assets/CAR", null).statusCode()).isEqualTo(401);
    }
    // [ACC-7] the rule is state: the same at every height on every node
    String param = "gov/param/api.read";
    JingClient carolOn0 = nodes.get(0).withToken(BearerTokens.of(carol, chain));
    long applied = carolOn0.status().height();
    for (JingClient n : nodes) {
      NetworkIT.await("caught up", () -> NetworkIT.height(n) >= applied);
      assertThat(
              n.withToken(BearerTokens.of(carol, chain))
                  .readStateRaw(param, java.util.Optional.of(applied))
                  .value())
          .isNotNull()
          .isEqualTo(carolOn0.readStateRaw(param, java.util.Optional.of(applied)).value());
    }

    // a member's token: the SDK, the CLI and plain HTTP read again
    JingClient asCarol = nodes.get(2).withToken(BearerTokens.of(carol, chain));
    assertThat(asCarol.token("CAR").symbol()).isEqualTo("CAR");
    Access seen = asCarol.access();
    assertThat(seen.caller().account()).isEqualTo(carol.address().toString());
    assertThat(seen.caller().org()).isEqualTo("org1");
    assertThat(seen.caller().roles()).containsExactly("member");
    assertThatThrownBy(() -> nodes.get(2).latestBlocks(1))
        .isInstanceOfSatisfying(
            JingApiException.class, e -> assertThat(e.code()).isEqualTo("AUTH_REQUIRED"));

    Result refused = cli(2, "tx", "list", carol.address().toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("AUTH_REQUIRED");
    Result token =
        cli(2, "auth", "token", "--key", carolKey.toString(), "--password-file", pw.toString());
    assertThat(token.exit()).as(token.err()).isZero();
    String text = token.out().strip();
    Result listed = cli(2, "tx", "list", carol.address().toString(), "--token", text);
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("asset.create");
    Result who = cli(2, "auth", "show", "--token", text);
    assertThat(who.out()).contains(carol.address() + " org1 member").contains("chain      members");
    assertThat(get(1, "/api/v1/assets/CAR", "Bearer " + text).statusCode()).isEqualTo(200);
    // a transaction signed with --key reads its own receipt with a token from that key
    Result minted =
        as(
            carolKey,
            0,
            "asset",
            "mint",
            "--symbol",
            "CAR",
            "--to",
            carol.address().toString(),
            "--amount",
            "5");
    assertThat(minted.exit()).as(minted.err()).isZero();

    // strangers, forgeries, expired and other chains' tokens
    String strangers = BearerTokens.mint(mallory, chain, Duration.ofMinutes(5));
    assertThat(code(get(0, "/api/v1/blocks", "Bearer " + strangers)))
        .isEqualTo("403 ACCESS_DENIED");
    ApiToken real = ApiToken.parse(text);
    String forged =
        new ApiToken(
                chain,
                carol.publicKey(),
                real.issuedAtMillis(),
                real.expiresAtMillis(),
                Bytes.wrap(mallory.sign(real.payload())))
            .text();
    assertThat(code(get(0, "/api/v1/blocks", "Bearer " + forged))).isEqualTo("401 TOKEN_INVALID");
    String expired =
        ApiToken.mint(
                carol,
                chain,
                System.currentTimeMillis() - Duration.ofHours(2).toMillis(),
                Duration.ofMinutes(10))
            .text();
    assertThat(code(get(0, "/api/v1/blocks", "Bearer " + expired))).isEqualTo("401 TOKEN_EXPIRED");
    String elsewhere =
        ApiToken.mint(carol, chain + "-x", System.currentTimeMillis(), Duration.ofMinutes(5))
            .text();
    assertThat(code(get(0, "/api/v1/status", "Bearer " + elsewhere)))
        .isEqualTo("401 TOKEN_INVALID");

    // a member's block stream, open while the role is revoked below
    HttpResponse<java.util.stream.Stream<String>> stream =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url(0) + "/api/v1/stream/blocks"))
                .header("Authorization", "Bearer " + text)
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    java.util.concurrent.CompletableFuture<Long> streamed =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> stream.body().filter(l -> l.startsWith("event: block")).count());

    // a role revoked by vote: the same token is refused from the block that revokes it
    EpochIT.asAdmin(
        net,
        api,
        1,
        "gov",
        "propose",
        "revoke-role",
        "--account",
        carol.address().toString(),
        "--org",
        "org1",
        "--role",
        "member");
    assertThat(EpochIT.asAdmin(net, api, 2, "gov", "vote", "3").out()).contains("gov.Executed");
    for (int i = 0; i < 3; i++) {
      int n = i;
      NetworkIT.await(
          "node" + n + " applies the revocation",
          () -> code(get(n, "/api/v1/blocks", "Bearer " + text)).equals("403 ACCESS_DENIED"));
    }

    // [ACC-6] and the open stream ends: it is judged again before each event
    assertThat(streamed.get(2, java.util.concurrent.TimeUnit.MINUTES))
        .as("blocks streamed before the revocation")
        .isPositive();

    // refusals are security-log lines (bounded: one a minute per event and source)
    String log = NetCommand.tail(net.resolve("node0"), 400);
    assertThat(log).contains("event=AUTH_REQUIRED", "event=ACCESS_DENIED", "event=TOKEN_INVALID");
  }

  String url(int i) {
    return "http://127.0.0.1:" + (api + i);
  }

  Path key(String name, KeyPair k) throws Exception {
    Path f = tmp.resolve(name + ".key");
    EncryptedKeyStore.write(f, k, PW.toCharArray());
    return f;
  }

  Result cli(int node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--api=" + url(node));
    return CliRun.run(all);
  }

  Result as(Path key, int node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--key", key.toString(), "--password-file", pw.toString()));
    return cli(node, all.toArray(String[]::new));
  }

  HttpResponse<String> get(int node, String path, String authorization) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(node) + path));
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static String code(HttpResponse<String> r) {
    return r.statusCode() + " " + r.body().replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1");
  }
}
