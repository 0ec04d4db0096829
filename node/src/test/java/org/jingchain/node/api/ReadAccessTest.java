package org.jingchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jingchain.crypto.ApiToken;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.StateReader;
import org.jingchain.service.ChainRules;
import org.jingchain.service.api.Caller;
import org.jingchain.service.api.ReadRule;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Read rules and bearer tokens through the real server on 127.0.0.1 (docs/spec/api-access.md
 * [ACC-1]..[ACC-7]), with rules and roles as a test holds them; GovernanceContractTest covers how
 * governance sets them and AccessIT a network of real nodes.
 */
class ReadAccessTest {
  static final String CHAIN = "jing-test";
  static final long NOW = 1_800_000_000_000L;

  final AtomicLong clock = new AtomicLong(NOW);
  final Map<String, ReadRule> rulesByFamily = new HashMap<>();
  final Map<Address, Caller.Membership> members = new HashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  ApiServer server;
  CryptoSuite suite;

  final ChainRules rules =
      new ChainRules() {
        @Override
        public Bytes validatorsKey() {
          return Bytes.EMPTY;
        }

        @Override
        public List<PublicKey> validators(StateReader state) {
          return List.of();
        }

        @Override
        public List<PublicKey> decodeValidators(Bytes value) {
          return List.of();
        }

        @Override
        public Parameters parameters(StateReader state) {
          return Parameters.NONE;
        }

        @Override
        public ReadRule readRule(StateReader state, String family) {
          return family.equals(ReadRule.ALWAYS_PUBLIC)
              ? ReadRule.PUBLIC
              : rulesByFamily.getOrDefault(family, ReadRule.PUBLIC);
        }

        @Override
        public Optional<Caller.Membership> membership(StateReader state, Address account) {
          return Optional.ofNullable(members.get(account));
        }
      };

  void start(SuiteId id) throws IOException {
    suite = CryptoSuites.of(id);
    ReadAccess access =
        new ReadAccess(
            suite,
            CHAIN,
            rules,
            () -> new ReadAccess.Snapshot(1, k -> Optional.empty()),
            clock::get);
    server =
        new ApiServer(
            "127.0.0.1",
            0,
            List.of(
                new Route("GET", "/status", r -> Response.ok(Map.of("ok", true))).alwaysPublic(),
                new Route("GET", "/blocks", r -> Response.ok(who(r.caller()))).inFamily("chain"),
                new Route("GET", "/assets", r -> Response.ok(who(r.caller()))).inFamily("datadir"),
                new Route("GET", "/rpc", r -> Response.ok(who(r.caller())))
                    .inFamily("contracts+chain")),
            1024,
            1_000_000,
            Set.of());
    server.guard(access);
    server.securityLog().listen((component, event) -> events.add(event));
    server.start();
  }

  static Map<String, String> who(Optional<Caller> c) {
    return Map.of(
        "caller",
        c.map(x -> x.account() + " " + x.membership().map(m -> m.org()).orElse("-")).orElse("-"));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String token(KeyPair k, Duration lifetime) {
    return "Bearer " + ApiToken.mint(k, CHAIN, clock.get(), lifetime).text();
  }

  static String code(HttpResponse<String> r) {
    return r.statusCode() + " " + r.body().replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aMembersOnlyFamilyAdmitsAMembersTokenAndRefusesEveryoneElse(SuiteId id) throws Exception {
    start(id);
    KeyPair alice = suite.generateKeyPair(new java.security.SecureRandom());
    KeyPair mallory = suite.generateKeyPair(new java.security.SecureRandom());
    members.put(alice.address(), new Caller.Membership("org1", List.of("member")));

    // [ACC-1] public until governance says otherwise: anonymous reads pass
    assertThat(get("/blocks", null).statusCode()).isEqualTo(200);
    rulesByFamily.put("chain", ReadRule.MEMBERS);

    HttpResponse<String> anonymous = get("/blocks", null);
    assertThat(code(anonymous)).isEqualTo("401 AUTH_REQUIRED");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"jingchain\"");
    assertThat(anonymous.body()).doesNotContain("caller");
    assertThat(code(get("/blocks", token(mallory, Duration.ofMinutes(5)))))
        .isEqualTo("403 ACCESS_DENIED");
    HttpResponse<String> ok = get("/blocks", token(alice, Duration.ofMinutes(5)));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains(alice.address() + " org1");
    // [ACC-2] another family keeps its own rule; the always-public family stays public
    assertThat(get("/assets", null).statusCode()).isEqualTo(200);
    assertThat(get("/status", null).statusCode()).isEqualTo(200);
    assertThat(events).containsExactly("AUTH_REQUIRED", "ACCESS_DENIED");
    // a route serving two families' data: opening one family does not open it
    rulesByFamily.put("contracts", ReadRule.PUBLIC);
    assertThat(code(get("/rpc", null))).isEqualTo("401 AUTH_REQUIRED");
    assertThat(get("/rpc", token(alice, Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void rolesRulesAdmitOnlyThoseRoles(SuiteId id) throws Exception {
    start(id);
    KeyPair member = suite.generateKeyPair(new java.security.SecureRandom());
    KeyPair auditor = suite.generateKeyPair(new java.security.SecureRandom());
    members.put(member.address(), new Caller.Membership("org1", List.of("member")));
    members.put(auditor.address(), new Caller.Membership("org2", List.of("auditor")));
    rulesByFamily.put("datadir", ReadRule.parse("admin,auditor"));

    assertThat(get("/assets", token(auditor, Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
    HttpResponse<String> denied = get("/assets", token(member, Duration.ofMinutes(5)));
    assertThat(code(denied)).isEqualTo("403 ACCESS_DENIED");
    assertThat(denied.body()).contains("holds member in org1").contains("admin or auditor");
    // a role taken away by a vote is refused on the next request, token unchanged
    String t = token(auditor, Duration.ofMinutes(5));
    assertThat(get("/assets", t).statusCode()).isEqualTo(200);
    members.remove(auditor.address());
    assertThat(code(get("/assets", t))).isEqualTo("403 ACCESS_DENIED");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void badTokensAreRefusedOnEveryRouteEvenPublicOnes(SuiteId id) throws Exception {
    start(id);
    KeyPair alice = suite.generateKeyPair(new java.security.SecureRandom());
    members.put(alice.address(), new Caller.Membership("org1", List.of("admin")));
    String good = token(alice, Duration.ofMinutes(5));
    String otherChain =
        "Bearer " + ApiToken.mint(alice, "other-chain", NOW, Duration.ofMinutes(5)).text();

    for (String bad :
        new String[] {"Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer jt1.AAAA.AAAA", otherChain}) {
      HttpResponse<String> r = get("/status", bad);
      assertThat(code(r)).as(bad).isEqualTo("401 TOKEN_INVALID");
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("invalid_token");
    }
    assertThat(get("/status", good).statusCode()).isEqualTo(200);
    // [ACC-4] a token remembered as valid still expires
    clock.addAndGet(Duration.ofMinutes(5).plus(ApiToken.CLOCK_SKEW).toMillis());
    assertThat(code(get("/status", good))).isEqualTo("401 TOKEN_EXPIRED");
    assertThat(code(get("/blocks", good))).isEqualTo("401 TOKEN_EXPIRED");
    assertThat(events).contains("TOKEN_INVALID", "TOKEN_EXPIRED");
  }
}
