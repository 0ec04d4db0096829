package org.jingchain.sdk.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jingchain.datadir.AccessRecord;
import org.jingchain.datadir.Content;
import org.jingchain.datadir.Datadir;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.DatadirContract;
import org.jingchain.datadir.Digest;
import org.jingchain.datadir.Metadata;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Sector;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.vc.VcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [DDA-5] to [DDA-9] over real HTTP on 127.0.0.1: the server's chain is an in-memory chain run by
 * the real data directory contract, read through a fake {@link CertifiedReads} and written through
 * a fake {@link AccessRecorder} that applies {@code recordAccess} to it.
 */
class DataServerTest {
  static final String SERVER_ID = "https://data.example.org";
  static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] RAIN =
      "day,mm\n2025-01-01,3.2\n2025-01-02,0.0\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] OPEN = "open data\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  final TestChain chain = new TestChain(DatadirContract::new);
  final Party hospital = chain.party("hospital");
  final Party university = chain.party("university");
  final BlockingQueue<String> log = new LinkedBlockingQueue<>();
  final List<DatadirCalls.RecordAccess> recorded = Collections.synchronizedList(new ArrayList<>());
  final AtomicReference<CertifiedReads> reads = new AtomicReference<>(this::snapshot);
  final AtomicReference<AccessRecorder> recorder = new AtomicReference<>(this::recordOnChain);
  final HttpClient http = HttpClient.newHttpClient();
  DataServer server;
  Path dir;
  long grant;

  /** The chain's block time is the server's clock too (the chain is where time moves). */
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(chain.timeMillis());
        }
      };

  /** What the fake certified reads serve: the chain as it is, at its current height. */
  ChainSnapshot snapshot() {
    return new ChainSnapshot(TestChain.CHAIN_ID, chain.height(), chain.timeMillis(), chain::read);
  }

  @BeforeEach
  void start() throws Exception {
    dir = Files.createDirectories(tmp.resolve("served"));
    Files.write(dir.resolve("rain.csv"), RAIN);
    Files.write(dir.resolve("open.txt"), OPEN);
    register("rainfall-2025", Policy.approval(), RAIN);
    register("open-data", Policy.everyone(), OPEN);
    register("old-set", Policy.everyone(), OPEN);
    chain.ok(hospital, DatadirCalls.retire("old-set", "superseded"));
    long request =
        TestChain.number(
            chain.ok(
                university,
                DatadirCalls.request(
                    university.did(), "rainfall-2025", "research", "read", TestChain.DAY)),
            "request");
    grant =
        TestChain.number(
            chain.ok(
                hospital,
                DatadirCalls.grant(
                    hospital.did(), request, chain.timeMillis() + TestChain.DAY, "read")),
            "grant");
    AssetFiles files =
        AssetFiles.of(
            dir,
            Map.of(
                "rainfall-2025", "rain.csv",
                "open-data", "open.txt",
                "old-set", "open.txt",
                "ghost", "open.txt"));
    server = startServer(files, DataServer.Limits.DEFAULT);
  }

  DataServer startServer(AssetFiles files, DataServer.Limits limits) throws IOException {
    return DataServer.start(
        new DataServer.Config(
            SERVER_ID,
            TestChain.CHAIN_ID,
            hospital.did(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            limits),
        files,
        () -> reads.get().snapshot(),
        access -> recorder.get().record(access),
        clock,
        log::add);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void register(String id, Policy policy, byte[] bytes) throws Exception {
    Content content =
        new Content(
            new Digest("sha-256", Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(bytes))),
            bytes.length,
            List.of("https://data.example.org/assets/" + id),
            "");
    chain.ok(
        hospital,
        DatadirCalls.register(
            new DatadirCalls.Register(
                id,
                hospital.did(),
                new Metadata("Dataset " + id, "", Sector.OTHER, List.of(), "text/csv", ""),
                policy,
                List.of(),
                List.of(),
                content)));
  }

  /** What the real recorder does, minus the network: the contract judges and records. */
  AccessRecorder.Recorded recordOnChain(DatadirCalls.RecordAccess access)
      throws RecordingException {
    try {
      chain.apply(hospital.address(), DatadirCalls.call(access));
    } catch (ExecutionFailure f) {
      throw RecordingException.refused(f.code(), f.getMessage());
    }
    recorded.add(access);
    byte[] h = new byte[32];
    h[31] = (byte) recorded.size();
    return new AccessRecorder.Recorded(Hash.wrap(h), chain.height());
  }

  String token(String asset, long grantId) {
    return AccessTokens.issue(
        Signers.of(university),
        asset,
        grantId,
        SERVER_ID,
        TestChain.CHAIN_ID,
        clock.instant(),
        Duration.ofSeconds(60));
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> fetch(String asset, String token) throws Exception {
    return get("/assets/" + asset, "Authorization", "Bearer " + token);
  }

  static String error(HttpResponse<byte[]> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("message").asText()).isNotEmpty();
    return body.path("error").asText();
  }

  // ---- served

  @Test
  void aGrantHolderIsServedTheFileAfterTheAccessIsRecorded() throws Exception {
    String token = token("rainfall-2025", grant);
    String jti = AccessTokens.verify(token, chain::read, options()).jti();
    HttpResponse<byte[]> r = fetch("rainfall-2025", token);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(RAIN);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(r.headers().firstValue("X-Jing-Access").orElseThrow())
        .startsWith("id=" + jti + "; tx=")
        .endsWith("; height=" + chain.height());
    assertThat(r.headers().firstValue("X-Jing-Version")).contains("1");
    String sha =
        java.util.Base64.getEncoder()
            .encodeToString(MessageDigest.getInstance("SHA-256").digest(RAIN));
    assertThat(r.headers().firstValue("Digest")).contains("sha-256=" + sha);
    assertThat(r.headers().firstValue("ETag").orElseThrow()).startsWith("\"sha-256:");
    AccessRecord onChain = Datadir.access(chain.state(), "rainfall-2025", jti).orElseThrow();
    assertThat(onChain.requester()).isEqualTo(university.did());
    assertThat(onChain.grantId()).isEqualTo(grant);
    assertThat(onChain.version()).isEqualTo(1);
  }

  @Test
  void aPublicAssetNeedsATokenButNoGrant() throws Exception {
    HttpResponse<byte[]> r = fetch("open-data", token("open-data", 0));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(OPEN);
    assertThat(recorded).hasSize(1);
  }

  // ---- 401

  @Test
  void noTokenIsAnsweredWithAChallenge() throws Exception {
    HttpResponse<byte[]> r = get("/assets/rainfall-2025");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(error(r)).isEqualTo("MISSING_TOKEN");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"" + SERVER_ID + "\"");
    HttpResponse<byte[]> basic = get("/assets/rainfall-2025", "Authorization", "Basic dXNlcg==");
    assertThat(error(basic)).isEqualTo("MISSING_TOKEN");
  }

  @Test
  void anInvalidTokenIs401WithItsReason() throws Exception {
    HttpResponse<byte[]> r = fetch("rainfall-2025", "not-a-token");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(error(r)).isEqualTo("MALFORMED");
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"invalid_token\"");
    String expired = token("rainfall-2025", grant);
    chain.advance(10 * 60 * 1000);
    assertThat(error(fetch("rainfall-2025", expired))).isEqualTo("EXPIRED");
    assertThat(error(fetch("rainfall-2025", "x".repeat(9000)))).isEqualTo("OVERSIZED");
    assertThat(recorded).isEmpty();
  }

  // ---- 403

  @Test
  void aTokenForAnotherServerOrAssetIsForbidden() throws Exception {
    String elsewhere =
        AccessTokens.issue(
            Signers.of(university),
            "rainfall-2025",
            grant,
            "https://other.example",
            TestChain.CHAIN_ID,
            clock.instant(),
            Duration.ofSeconds(60));
    HttpResponse<byte[]> r = fetch("rainfall-2025", elsewhere);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(error(r)).isEqualTo("WRONG_AUDIENCE");
    HttpResponse<byte[]> other = fetch("open-data", token("rainfall-2025", grant));
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(error(other)).isEqualTo("TOKEN_WRONG_ASSET");
    assertThat(recorded).isEmpty();
  }

  @Test
  void noGrantARevokedGrantAndAnExpiredGrantAreForbidden() throws Exception {
    HttpResponse<byte[]> none = fetch("rainfall-2025", token("rainfall-2025", 0));
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(error(none)).isEqualTo("DD_NO_GRANT");
    chain.advance(TestChain.DAY);
    assertThat(error(fetch("rainfall-2025", token("rainfall-2025", grant))))
        .isEqualTo("DD_GRANT_EXPIRED");
    chain.ok(hospital, DatadirCalls.revoke(hospital.did(), grant));
    HttpResponse<byte[]> revoked = fetch("rainfall-2025", token("rainfall-2025", grant));
    assertThat(revoked.statusCode()).isEqualTo(403);
    assertThat(error(revoked)).isEqualTo("DD_GRANT_REVOKED");
    assertThat(recorded).isEmpty();
  }

  // ---- 404, 405, 410

  @Test
  void unknownAssetsUnmappedAssetsAndOtherPathsAreNotFound() throws Exception {
    HttpResponse<byte[]> unmapped = fetch("unmapped-set", token("unmapped-set", 0));
    assertThat(unmapped.statusCode()).isEqualTo(404);
    assertThat(error(unmapped)).isEqualTo("NOT_MAPPED");
    HttpResponse<byte[]> ghost = fetch("ghost", token("ghost", 0));
    assertThat(ghost.statusCode()).isEqualTo(404);
    assertThat(error(ghost)).isEqualTo("DD_NOT_FOUND");
    HttpResponse<byte[]> other = get("/etc/passwd");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(error(other)).isEqualTo("NOT_FOUND");
    assertThat(get("/assets/..%2Fsecret").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyGetIsServed() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/assets/open-data"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("GET");
    assertThat(error(r)).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void aRetiredAssetIsGone() throws Exception {
    HttpResponse<byte[]> r = fetch("old-set", token("old-set", 0));
    assertThat(r.statusCode()).isEqualTo(410);
    assertThat(error(r)).isEqualTo("DD_RETIRED");
  }

  // ---- 409: one access per token

  @Test
  void aReplayedTokenIsAConflict() throws Exception {
    String token = token("rainfall-2025", grant);
    assertThat(fetch("rainfall-2025", token).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> again = fetch("rainfall-2025", token);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(error(again)).isEqualTo("DD_EXISTS");
    assertThat(recorded).hasSize(1);
  }

  @Test
  void aReplayOnlyTheChainCatchesIsAConflictToo() throws Exception {
    recorder.set(
        a -> {
          throw RecordingException.refused("DD_EXISTS", "access " + a.accessId() + " recorded");
        });
    HttpResponse<byte[]> r = fetch("rainfall-2025", token("rainfall-2025", grant));
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(error(r)).isEqualTo("DD_EXISTS");
  }

  // ---- no byte before the recording

  @Test
  void whenTheRecordingFailsNoByteIsServed() throws Exception {
    recorder.set(
        a -> {
          throw RecordingException.unavailable("TIMEOUT", "not committed within 30 s", null);
        });
    HttpResponse<byte[]> r = fetch("rainfall-2025", token("rainfall-2025", grant));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(error(r)).isEqualTo("CHAIN_UNAVAILABLE");
    assertThat(r.headers().firstValue("Retry-After")).contains("5");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("2025-01-01");
    recorder.set(
        a -> {
          throw RecordingException.refused("DD_NOT_OWNER", "not the owner or a delegate");
        });
    HttpResponse<byte[]> refused = fetch("rainfall-2025", token("rainfall-2025", grant));
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(error(refused)).isEqualTo("RECORDING_REFUSED");
    assertThat(Datadir.asset(chain.state(), "rainfall-2025")).isPresent();
  }

  @Test
  void aFileThatIsNotTheVersionOnChainIsNotServedNorRecorded() throws Exception {
    byte[] changed = RAIN.clone();
    changed[0] = 'D';
    Files.write(dir.resolve("rain.csv"), changed);
    HttpResponse<byte[]> r = fetch("rainfall-2025", token("rainfall-2025", grant));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(error(r)).isEqualTo("CONTENT_MISMATCH");
    Files.write(dir.resolve("rain.csv"), "short".getBytes(StandardCharsets.UTF_8));
    assertThat(error(fetch("rainfall-2025", token("rainfall-2025", grant))))
        .isEqualTo("CONTENT_MISMATCH");
    Files.delete(dir.resolve("rain.csv"));
    assertThat(error(fetch("rainfall-2025", token("rainfall-2025", grant))))
        .isEqualTo("FILE_UNAVAILABLE");
    assertThat(recorded).isEmpty();
  }

  // ---- 503

  @Test
  void anUnreachableOrUnverifiableChainIsUnavailable() throws Exception {
    reads.set(
        () -> {
          throw new ChainUnavailableException("UNREACHABLE", "cannot reach the node", null);
        });
    HttpResponse<byte[]> r = fetch("rainfall-2025", token("rainfall-2025", grant));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(error(r)).isEqualTo("CHAIN_UNAVAILABLE");
    reads.set(
        () ->
            new ChainSnapshot(
                TestChain.CHAIN_ID,
                1,
                chain.timeMillis(),
                key -> {
                  throw new VcException(VcException.Reason.CHAIN_UNVERIFIED, "bad proof");
                }));
    assertThat(error(fetch("rainfall-2025", token("rainfall-2025", grant))))
        .isEqualTo("CHAIN_UNAVAILABLE");
    assertThat(recorded).isEmpty();
  }

  @Test
  void beyondItsLimitOfConcurrentRequestsTheServerIsBusy() throws Exception {
    server.close();
    server =
        startServer(
            AssetFiles.of(dir, Map.of("rainfall-2025", "rain.csv")),
            DataServer.Limits.DEFAULT.withMaxConcurrent(1));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    recorder.set(
        a -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return recordOnChain(a);
        });
    String token = token("rainfall-2025", grant);
    CompletableFuture<HttpResponse<byte[]>> first =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(server.uri() + "/assets/rainfall-2025"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    HttpResponse<byte[]> second = fetch("rainfall-2025", token("rainfall-2025", grant));
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(error(second)).isEqualTo("BUSY");
    assertThat(second.headers().firstValue("Retry-After")).contains("1");
    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  // ---- request limits and the log

  @Test
  void overlongTargetsAndHeadersAreRefused() throws Exception {
    HttpResponse<byte[]> longTarget = get("/assets/" + "a".repeat(3000));
    assertThat(longTarget.statusCode()).isEqualTo(414);
    assertThat(error(longTarget)).isEqualTo("URI_TOO_LONG");
    HttpResponse<byte[]> bigHeaders = get("/assets/open-data", "X-Pad", "p".repeat(20_000));
    assertThat(bigHeaders.statusCode()).isEqualTo(431);
    assertThat(error(bigHeaders)).isEqualTo("HEADERS_TOO_LARGE");
  }

  @Test
  void everyRequestIsLoggedOnOneLine() throws Exception {
    fetch("open-data", token("open-data", 0));
    get("/assets/open-data");
    List<String> lines = List.of(log.poll(30, TimeUnit.SECONDS), log.poll(30, TimeUnit.SECONDS));
    String served = lines.stream().filter(l -> l.contains(" 200 ")).findFirst().orElseThrow();
    String refused = lines.stream().filter(l -> l.contains(" 401 ")).findFirst().orElseThrow();
    assertThat(served)
        .contains("GET /assets/open-data 200 - requester=" + university.did())
        .contains("bytes=" + OPEN.length)
        .doesNotContain("\n");
    assertThat(refused).contains("GET /assets/open-data 401 MISSING_TOKEN requester=- access=-");
    assertThat(log).isEmpty();
  }

  AccessTokens.Options options() {
    return AccessTokens.Options.of(SERVER_ID, TestChain.CHAIN_ID, clock.instant());
  }
}
