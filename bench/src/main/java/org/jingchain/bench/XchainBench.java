package org.jingchain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jingchain.asset.AssetCalls;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.IndexedSignature;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.consensus.VoteData;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClient;
import org.jingchain.light.TrustedValidators;
import org.jingchain.node.JingNode;
import org.jingchain.node.NodeConfig;
import org.jingchain.sdk.BlockSubscription;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.XchainQueries;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.sdk.model.XchainVouchers;
import org.jingchain.sdk.xchain.Relayer;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.xchain.XchainCalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench xchain}: cross-chain on this machine (issue 14). Two single-validator chains in
 * this JVM — A on one suite, B on the other — linked by clients, and the relayer of {@code jing
 * relay} in-process. Measures, each against a baseline of the same run:
 *
 * <ul>
 *   <li>the time to clear a backlog of transfers A → B (delivered, then settled back on A), against
 *       the time A takes to commit the same number of plain local transfers;
 *   <li>end-to-end latency of live transfers at a steady rate while the relayer runs (submit on A
 *       to the commit of their receipt on B), against the commit latency of local transfers;
 *   <li>what one client update costs to verify (a commit proof's quorum of signatures) per suite,
 *       for 4 and 100 validators, against one signature verification.
 * </ul>
 */
@Command(name = "bench xchain", mixinStandardHelpOptions = true)
public final class XchainBench implements BenchCli.Checked {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Option(names = "--packets", description = "backlog of transfers (default ${DEFAULT-VALUE})")
  int packets = 5000;

  @Option(names = "--live-seconds", description = "live phase length (default ${DEFAULT-VALUE})")
  int liveSeconds = 20;

  @Option(
      names = "--live-rate",
      description = "live transfers per second (default ${DEFAULT-VALUE})")
  int liveRate = 20;

  @Option(names = "--suite-a", description = "suite of chain A (default ${DEFAULT-VALUE})")
  String suiteA = "intl";

  @Option(names = "--suite-b", description = "suite of chain B (default ${DEFAULT-VALUE})")
  String suiteB = "sm";

  @Option(
      names = "--update-rounds",
      description = "client updates timed (default ${DEFAULT-VALUE})")
  int updateRounds = 200;

  @Option(
      names = "--no-hub",
      description = "skip the routed backlog A -> H -> B through a third, hub chain")
  boolean noHub;

  @Option(names = "--results-dir", description = "where the JSON result goes")
  Path resultsDir = Path.of(System.getProperty("jing.bench.results", "bench/results"));

  @Override
  public void validate() {
    if (packets < 1 || packets > 100_000) {
      throw new IllegalArgumentException("--packets must be 1..100000");
    }
    if (liveSeconds < 0 || liveRate < 1 || updateRounds < 10) {
      throw new IllegalArgumentException(
          "--live-seconds >= 0, --live-rate >= 1, --update-rounds >= 10");
    }
    if (SuiteId.fromLabel(suiteA).isEmpty()) {
      throw new IllegalArgumentException("--suite-a is intl or sm");
    }
    if (SuiteId.fromLabel(suiteB).isEmpty()) {
      throw new IllegalArgumentException("--suite-b is intl or sm");
    }
  }

  public static void main(String[] args) throws Exception {
    XchainBench b = BenchCli.parse(new XchainBench(), args);
    if (b != null) {
      b.run();
      System.exit(0);
    }
  }

  /** One chain of the benchmark: its node, its validator (also its admin) and a client of it. */
  record Chain(String id, CryptoSuite suite, KeyPair validator, JingNode node, JingClient api) {
    String url() {
      return "http://127.0.0.1:" + node.apiPort();
    }
  }

  private final Map<String, Object> result = new LinkedHashMap<>();
  private double directExecMicros;
  private long directSettledNanos;

  private void run() throws Exception {
    Path dir = Files.createTempDirectory("jing-bench-xchain-");
    result.put("packets", packets);
    result.put("suiteA", suiteA);
    result.put("suiteB", suiteB);
    result.put("cores", Runtime.getRuntime().availableProcessors());
    updateCosts();
    Chain a = start(dir, "bench-a", suiteA);
    Chain b = start(dir, "bench-b", suiteB);
    try {
      link(a, b);
      KeyPair bob = b.suite().generateKeyPair(new SecureRandom());
      KeyPair carol = a.suite().generateKeyPair(new SecureRandom());
      Relayer relayer =
          new Relayer(
              new Relayer.End("A", a.url(), a.suite().generateKeyPair(new SecureRandom()), "c-0"),
              new Relayer.End("B", b.url(), b.suite().generateKeyPair(new SecureRandom()), "c-0"),
              Relayer.Options.defaults(),
              line -> {});
      relayer.check();
      backlog(a, b, relayer, carol.address(), bob.address());
      live(a, b, relayer, carol.address());
      if (!noHub) {
        routed(dir, a, b, bob.address());
      }
    } finally {
      b.node().close();
      a.node().close();
    }
    write();
  }

  private Chain start(Path dir, String id, String suite) throws Exception {
    CryptoSuite s = CryptoSuites.of(SuiteId.fromLabel(suite).orElseThrow());
    KeyPair v = s.generateKeyPair(new SecureRandom());
    Map<String, String> c = new LinkedHashMap<>();
    c.put("data.dir", dir.resolve(id).toString());
    c.put("chain.id", id);
    c.put("chain.suite", suite);
    c.put("api.host", "127.0.0.1");
    c.put("api.port", "0");
    c.put("api.requestsPerSecond", "1000000");
    JingNode n =
        JingNode.start(
            NodeConfig.defaultsWith(c),
            v,
            Clock.systemUTC(),
            org.jingchain.platform.Platform.services());
    JingClient api = new JingClient("http://127.0.0.1:" + n.apiPort(), Duration.ofSeconds(120));
    return new Chain(id, s, v, n, api);
  }

  /** Each chain's admin (its validator) creates a client of the other and registers the path. */
  private void link(Chain a, Chain b) {
    for (Chain[] p : new Chain[][] {{a, b}, {b, a}}) {
      createClient(p[0], p[1]);
      register(p[0], "c-0", "c-0");
    }
    send(a, a.validator(), AssetCalls.create("CNY", "yuan", 0));
    send(a, a.validator(), AssetCalls.mint("CNY", a.validator().address(), 1_000_000_000L));
  }

  /** {@code host}'s admin creates its next client, of {@code other}, from its genesis validator. */
  private void createClient(Chain host, Chain other) {
    send(
        host,
        host.validator(),
        XchainCalls.createClient(
            new XchainCalls.CreateClient(
                other.id(),
                other.suite().id(),
                Duration.ofDays(14).toMillis(),
                0,
                0,
                List.of(other.validator().publicKey()))));
  }

  private void register(Chain host, String client, String counterpartyClient) {
    send(
        host,
        host.validator(),
        XchainCalls.registerCounterparty(
            new XchainCalls.RegisterCounterparty(client, counterpartyClient)));
  }

  private void send(Chain c, KeyPair from, Call call) {
    var r = submit(c, from, call);
    if (!r.succeeded()) {
      throw new IllegalStateException(call.method() + ": " + r.code() + " " + r.message());
    }
  }

  private org.jingchain.sdk.model.Receipt submit(Chain c, KeyPair from, Call call) {
    Hash h =
        c.api()
            .submit(
                Transactions.sign(
                    from,
                    c.id(),
                    c.api().nextNonce(from.address()),
                    System.currentTimeMillis() + 600_000,
                    call));
    return c.api().waitForCommit(h, Duration.ofSeconds(60)).receipt();
  }

  /** Signs and submits {@code calls} from the admin in batches; waits for the last to commit. */
  private long submitAll(Chain c, List<Call> calls) {
    KeyPair admin = c.validator();
    long nonce = c.api().nextNonce(admin.address());
    List<Transaction> txs = new ArrayList<>(calls.size());
    for (Call call : calls) {
      txs.add(
          Transactions.sign(admin, c.id(), nonce++, System.currentTimeMillis() + 600_000, call));
    }
    long t0 = System.nanoTime();
    Hash last = null;
    for (int from = 0; from < txs.size(); from += 1000) {
      BatchResult r = c.api().submitBatch(txs.subList(from, Math.min(txs.size(), from + 1000)));
      if (r.rejected() > 0) {
        throw new IllegalStateException("rejected: " + r.results());
      }
      last = Hash.fromHex(r.results().getLast().hash());
    }
    c.api().waitForCommit(last, Duration.ofMinutes(5));
    return System.nanoTime() - t0;
  }

  private void backlog(Chain a, Chain b, Relayer relayer, Address carol, Address bob) {
    List<Call> local = new ArrayList<>();
    for (int i = 0; i < packets; i++) {
      local.add(AssetCalls.transfer("CNY", carol, 1));
    }
    long localNanos = submitAll(a, local);
    log("baseline: %,d local transfers committed on A in %.2f s", packets, localNanos / 1e9);
    List<Call> xfers = new ArrayList<>();
    long timeout = System.currentTimeMillis() + 3_600_000;
    for (int i = 0; i < packets; i++) {
      xfers.add(
          XchainCalls.transfer(
              new XchainCalls.Transfer("c-0", "CNY", 1, bob.toString(), 0, timeout, "")));
    }
    long sendNanos = submitAll(a, xfers);
    log("%,d cross-chain transfers committed on A in %.2f s", packets, sendNanos / 1e9);
    XchainQueries onA = new XchainQueries(a.url());
    double exec0 = executionSeconds(a) + executionSeconds(b);
    long t0 = System.nanoTime();
    long delivered = -1;
    int passes = 0;
    while (onA.packets("c-0", 1, 1).pending().size() > 0) {
      relayer.relayOnce();
      passes++;
      if (delivered < 0 && vouchers(b, bob) >= packets) {
        delivered = System.nanoTime() - t0;
      }
      if (passes > 1000) {
        throw new IllegalStateException("the backlog does not clear");
      }
    }
    long settled = System.nanoTime() - t0;
    directExecMicros = (executionSeconds(a) + executionSeconds(b) - exec0) * 1e6 / packets;
    if (vouchers(b, bob) != packets) {
      throw new IllegalStateException("delivered " + vouchers(b, bob) + " of " + packets);
    }
    log(
        "backlog of %,d: delivered to B in %.2f s, settled on A in %.2f s (%d passes)",
        packets, delivered / 1e9, settled / 1e9, passes);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("localTransfersSeconds", localNanos / 1e9);
    r.put("xchainSendSeconds", sendNanos / 1e9);
    r.put("deliveredSeconds", delivered / 1e9);
    r.put("settledSeconds", settled / 1e9);
    r.put("relayedPerSecond", packets / (settled / 1e9));
    r.put("passes", passes);
    r.put("settledOverLocal", (double) settled / localNanos);
    r.put("executionMicrosPerPacket", directExecMicros);
    log(
        "execution on A and B while relaying: %.0f µs per packet (receive on B, ack on A)",
        directExecMicros);
    directSettledNanos = settled;
    result.put("backlog", r);
  }

  private static long vouchers(Chain b, Address bob) {
    return vouchers(b, bob, "c-0/CNY");
  }

  private static long vouchers(Chain b, Address bob, String denom) {
    XchainVouchers v = new XchainQueries(b.url()).vouchers(bob);
    return v.vouchers().stream()
        .filter(x -> x.denom().equals(denom))
        .mapToLong(XchainVouchers.Voucher::amount)
        .sum();
  }

  /**
   * Live transfers at {@code liveRate}/s for {@code liveSeconds} with the relayer looping, every
   * other one cross-chain: latency from submission on A to the first block of B that holds the
   * voucher (each transfer to its own receiver, looked up on every block of B: a long relay batch
   * cuts its receipt's events, so events cannot tell), against the commit latency of the local
   * transfers in between.
   */
  private void live(Chain a, Chain b, Relayer relayer, Address carol) throws Exception {
    if (liveSeconds == 0) {
      return;
    }
    List<Long> localLatency = new ArrayList<>();
    KeyPair admin = a.validator();
    long[] nonce = {a.api().nextNonce(admin.address())};
    long timeout = System.currentTimeMillis() + 3_600_000;
    Arrivals xchain =
        voucherLatencies(
            b,
            "c-0/CNY",
            List.of(relayer),
            (sent, i) -> {
              if (i % 2 == 0) {
                Address to = b.suite().generateKeyPair(new SecureRandom()).address();
                Transaction tx =
                    Transactions.sign(
                        admin,
                        a.id(),
                        nonce[0]++,
                        System.currentTimeMillis() + 600_000,
                        XchainCalls.transfer(
                            new XchainCalls.Transfer(
                                "c-0", "CNY", 1, to.toString(), 0, timeout, "")));
                sent.accept(to);
                a.api().submit(tx);
              } else {
                long t0 = System.nanoTime();
                Hash h =
                    a.api()
                        .submit(
                            Transactions.sign(
                                admin,
                                a.id(),
                                nonce[0]++,
                                System.currentTimeMillis() + 600_000,
                                AssetCalls.transfer("CNY", carol, 1)));
                Thread.ofVirtual()
                    .start(
                        () -> {
                          a.api().waitForCommit(h, Duration.ofSeconds(60));
                          synchronized (localLatency) {
                            localLatency.add(System.nanoTime() - t0);
                          }
                        });
              }
            });
    long[] local;
    synchronized (localLatency) {
      local = localLatency.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("offeredPerSecond", liveRate);
    r.put("xchainTransfers", xchain.offered());
    r.put("xchainDelivered", xchain.sorted().length);
    r.put("xchainP50Millis", pct(xchain.sorted(), 50));
    r.put("xchainP99Millis", pct(xchain.sorted(), 99));
    r.put("localP50Millis", pct(local, 50));
    r.put("localP99Millis", pct(local, 99));
    result.put("live", r);
    log(
        "live at %d/s: A -> B voucher p50 %.0f ms, p99 %.0f ms (%d of %d); local commit p50 %.0f ms,"
            + " p99 %.0f ms",
        liveRate,
        pct(xchain.sorted(), 50),
        pct(xchain.sorted(), 99),
        xchain.sorted().length,
        xchain.offered(),
        pct(local, 50),
        pct(local, 99));
  }

  /**
   * The same backlog routed A -> H -> B through a hub chain H (intl) that admits A and B as members
   * [XC-40..43], with one relayer per path: time until every transfer is settled on A (the hub
   * acknowledges A only once B answered), against the direct backlog of this run; and what the hub
   * spends executing per routed packet (its receive, forward, the acknowledgement's receive and its
   * own acknowledgement), against what A and B spent per direct packet.
   */
  private void routed(Path dir, Chain a, Chain b, Address bob) throws Exception {
    Chain h = start(dir, "bench-hub", "intl");
    try {
      createClient(a, h); // A c-1 -> H
      createClient(h, a); // H c-0 -> A
      createClient(h, b); // H c-1 -> B
      createClient(b, h); // B c-1 -> H
      register(a, "c-1", "c-0");
      register(h, "c-0", "c-1");
      register(h, "c-1", "c-1");
      register(b, "c-1", "c-1");
      member(h, a.id(), "c-0");
      member(h, b.id(), "c-1");
      Relayer ah =
          new Relayer(
              new Relayer.End("A", a.url(), a.suite().generateKeyPair(new SecureRandom()), "c-1"),
              new Relayer.End("H", h.url(), h.suite().generateKeyPair(new SecureRandom()), "c-0"),
              Relayer.Options.defaults(),
              line -> {});
      Relayer hb =
          new Relayer(
              new Relayer.End("H", h.url(), h.suite().generateKeyPair(new SecureRandom()), "c-1"),
              new Relayer.End("B", b.url(), b.suite().generateKeyPair(new SecureRandom()), "c-1"),
              Relayer.Options.defaults(),
              line -> {});
      ah.check();
      hb.check();
      List<Call> xfers = new ArrayList<>();
      long timeout = System.currentTimeMillis() + 3_600_000;
      for (int i = 0; i < packets; i++) {
        xfers.add(
            XchainCalls.transfer(
                new XchainCalls.Transfer("c-1", "CNY", 1, bob.toString(), 0, timeout, "", b.id())));
      }
      long sendNanos = submitAll(a, xfers);
      log("%,d routed transfers committed on A in %.2f s", packets, sendNanos / 1e9);
      XchainQueries onA = new XchainQueries(a.url());
      String denom = "c-1/c-0/CNY"; // B's client of H, H's client of A
      double hub0 = executionSeconds(h);
      long t0 = System.nanoTime();
      long delivered = -1;
      int passes = 0;
      while (onA.packets("c-1", 1, 1).pending().size() > 0) {
        ah.relayOnce();
        hb.relayOnce();
        passes++;
        if (delivered < 0 && vouchers(b, bob, denom) >= packets) {
          delivered = System.nanoTime() - t0;
        }
        if (passes > 1000) {
          throw new IllegalStateException("the routed backlog does not clear");
        }
      }
      long settled = System.nanoTime() - t0;
      double hubMicros = (executionSeconds(h) - hub0) * 1e6 / packets;
      if (vouchers(b, bob, denom) != packets) {
        throw new IllegalStateException(
            "delivered " + vouchers(b, bob, denom) + " of " + packets + " through the hub");
      }
      log(
          "routed backlog of %,d: delivered to B in %.2f s, settled on A in %.2f s (%d passes);"
              + " direct: %.2f s",
          packets, delivered / 1e9, settled / 1e9, passes, directSettledNanos / 1e9);
      log(
          "hub execution: %.0f µs per routed packet; direct delivery on A and B: %.0f µs per"
              + " packet",
          hubMicros, directExecMicros);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("sendSeconds", sendNanos / 1e9);
      r.put("deliveredSeconds", delivered / 1e9);
      r.put("settledSeconds", settled / 1e9);
      r.put("relayedPerSecond", packets / (settled / 1e9));
      r.put("passes", passes);
      r.put("settledOverDirect", (double) settled / directSettledNanos);
      r.put("hubExecutionMicrosPerPacket", hubMicros);
      r.put("hubOverDirectExecution", hubMicros / directExecMicros);
      result.put("routed", r);
      liveRouted(a, b, ah, hb);
    } finally {
      h.node().close();
    }
  }

  /**
   * Routed transfers A -> H -> B at {@code liveRate}/s for {@code liveSeconds} with both relayers
   * looping: latency from submission on A to the first block of B in which the voucher is there
   * (each transfer to its own receiver, looked up on every block of B: a long relay batch cuts its
   * receipt's events, so events cannot tell), against the direct live latency of this run.
   */
  private void liveRouted(Chain a, Chain b, Relayer ah, Relayer hb) throws Exception {
    if (liveSeconds == 0) {
      return;
    }
    KeyPair admin = a.validator();
    long[] nonce = {a.api().nextNonce(admin.address())};
    long timeout = System.currentTimeMillis() + 3_600_000;
    Arrivals arrived =
        voucherLatencies(
            b,
            "c-1/c-0/CNY",
            List.of(ah, hb),
            (sent, i) -> {
              Address to = b.suite().generateKeyPair(new SecureRandom()).address();
              Transaction tx =
                  Transactions.sign(
                      admin,
                      a.id(),
                      nonce[0]++,
                      System.currentTimeMillis() + 600_000,
                      XchainCalls.transfer(
                          new XchainCalls.Transfer(
                              "c-1", "CNY", 1, to.toString(), 0, timeout, "", b.id())));
              sent.accept(to);
              a.api().submit(tx);
            });
    long[] routed = arrived.sorted();
    @SuppressWarnings("unchecked")
    Map<String, Object> direct = (Map<String, Object>) result.get("live");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("offeredPerSecond", liveRate);
    r.put("transfers", arrived.offered());
    r.put("delivered", routed.length);
    r.put("p50Millis", pct(routed, 50));
    r.put("p99Millis", pct(routed, 99));
    r.put("directP50Millis", direct.get("xchainP50Millis"));
    r.put("directP99Millis", direct.get("xchainP99Millis"));
    result.put("liveRouted", r);
    log(
        "live routed at %d/s: A -> H -> B voucher p50 %.0f ms, p99 %.0f ms (%d of %d); direct p50"
            + " %.0f ms, p99 %.0f ms",
        liveRate,
        pct(routed, 50),
        pct(routed, 99),
        routed.length,
        arrived.offered(),
        direct.get("xchainP50Millis"),
        direct.get("xchainP99Millis"));
  }

  /** H's governance admits {@code chainId}: the refusal names the digest to approve. */
  private void member(Chain h, String chainId, String client) {
    Call register =
        XchainCalls.registerMember(
            new XchainCalls.RegisterMember(chainId, client, Hash.ZERO, List.of("bench")));
    var refused = submit(h, h.validator(), register);
    if (refused.succeeded()) {
      return;
    }
    java.util.regex.Matcher d =
        java.util.regex.Pattern.compile("[0-9a-f]{64}").matcher(refused.message());
    if (!d.find()) {
      throw new IllegalStateException("registerMember: " + refused.message());
    }
    send(
        h,
        h.validator(),
        new Call(
            org.jingchain.gov.Gov.NAME,
            "propose",
            org.jingchain.gov.Gov.proposeArgs(
                org.jingchain.gov.Gov.Kind.APPROVE,
                org.jingchain.gov.Gov.encode(
                    new org.jingchain.gov.Gov.Approval("xchain-member", Hash.fromHex(d.group()))),
                100)));
    send(h, h.validator(), register);
  }

  /** The node's jing_blocks_execution_seconds_total. */
  private static double executionSeconds(Chain c) {
    try {
      String text =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.url() + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : text.split("\n")) {
        if (line.startsWith("jing_blocks_execution_seconds_total ")) {
          return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
        }
      }
      throw new IllegalStateException("no jing_blocks_execution_seconds_total at " + c.url());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Latencies of the cross-chain transfers offered, sorted, and how many were offered. */
  record Arrivals(long[] sorted, int offered) {}

  /**
   * Offers transfers at {@code liveRate}/s for {@code liveSeconds} with {@code relayers} looping:
   * {@code send} submits transfer {@code i} and, for a cross-chain one, names its receiver on B to
   * {@code sent} just before submitting; the latency of each is until the first block of B where
   * that receiver holds a voucher of {@code denom}.
   */
  private Arrivals voucherLatencies(
      Chain b,
      String denom,
      List<Relayer> relayers,
      java.util.function.ObjIntConsumer<java.util.function.Consumer<Address>> send)
      throws InterruptedException {
    Map<Address, Long> submittedAt = new ConcurrentHashMap<>();
    Map<Address, Long> receivedAt = new ConcurrentHashMap<>();
    BlockSubscription sub = arrivals(b, denom, submittedAt, receivedAt);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> loops = loop(relayers, stop);
    try {
      offer(i -> send.accept(to -> submittedAt.put(to, System.nanoTime()), i));
      return new Arrivals(latencies(submittedAt, receivedAt), submittedAt.size());
    } finally {
      stop.set(true);
      for (Thread t : loops) {
        t.join();
      }
      sub.close();
    }
  }

  /**
   * Watches every block of {@code b} for the receivers in {@code submittedAt}: the first block in
   * which one holds a voucher of {@code denom} is its arrival.
   */
  private static BlockSubscription arrivals(
      Chain b, String denom, Map<Address, Long> submittedAt, Map<Address, Long> receivedAt) {
    return b.api()
        .subscribeBlocks(
            b.api().status().height() + 1,
            block -> {
              long seen = System.nanoTime();
              for (Address to : submittedAt.keySet()) {
                if (!receivedAt.containsKey(to) && vouchers(b, to, denom) > 0) {
                  receivedAt.put(to, seen);
                }
              }
            });
  }

  /** Loops each relayer's passes on its own thread until {@code stop}. */
  private static List<Thread> loop(List<Relayer> relayers, AtomicBoolean stop) {
    List<Thread> loops = new ArrayList<>();
    for (Relayer r : relayers) {
      loops.add(
          Thread.ofPlatform()
              .name("relayer")
              .start(
                  () -> {
                    while (!stop.get()) {
                      r.relayOnce();
                    }
                  }));
    }
    return loops;
  }

  /** Calls {@code send} with 0, 1, ... at {@code liveRate}/s for {@code liveSeconds}. */
  private void offer(java.util.function.IntConsumer send) throws InterruptedException {
    long periodNanos = 1_000_000_000L / liveRate;
    long end = System.nanoTime() + liveSeconds * 1_000_000_000L;
    long next = System.nanoTime();
    int i = 0;
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      if (now < next) {
        Thread.sleep(Duration.ofNanos(next - now)); // pacing the offered rate
      }
      next += periodNanos;
      send.accept(i++);
    }
  }

  /**
   * Waits (up to 2 minutes) until everything submitted was received, then the latencies of what
   * was, sorted.
   */
  private static <K> long[] latencies(Map<K, Long> submittedAt, Map<K, Long> receivedAt)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (receivedAt.size() < submittedAt.size() && System.nanoTime() < deadline) {
      Thread.sleep(100); // waiting for the relayers to carry the last ones
    }
    return submittedAt.entrySet().stream()
        .filter(e -> receivedAt.containsKey(e.getKey()))
        .mapToLong(e -> receivedAt.get(e.getKey()) - e.getValue())
        .sorted()
        .toArray();
  }

  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /**
   * What a client update's verification costs — [LC-3]: a quorum of the counterparty's signatures
   * on the certified header — per suite and validator count, against one signature verification.
   */
  private void updateCosts() throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    for (String suite : List.of("intl", "sm")) {
      CryptoSuite s = CryptoSuites.of(SuiteId.fromLabel(suite).orElseThrow());
      for (int n : new int[] {4, 100}) {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          keys.add(s.generateKeyPair(new SecureRandom()));
        }
        BlockHeader header = header("remote", 10, Hash.ZERO, s);
        BlockHeader child =
            header("remote", 11, s.hash(org.jingchain.codec.Canonical.encode(header)), s);
        int quorum = n - (n - 1) / 3;
        VoteData vote =
            new VoteData(
                "remote",
                child.round(),
                child.height(),
                s.hash(org.jingchain.codec.Canonical.encode(child)));
        byte[] msg = vote.signingBytes(0);
        List<IndexedSignature> sigs = new ArrayList<>();
        for (int i = 0; i < quorum; i++) {
          sigs.add(new IndexedSignature(i, Bytes.wrap(keys.get(i).sign(msg))));
        }
        CommitProof proof = new CommitProof(child, new QuorumCert(vote, sigs));
        LightClient light =
            new LightClient(
                new TrustedValidators(
                    "remote",
                    new ValidatorSet(keys.stream().map(KeyPair::publicKey).toList(), s),
                    s,
                    s::verify));
        for (int i = 0; i < updateRounds; i++) {
          light.verifyCommitted(header, proof); // warm-up
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < updateRounds; i++) {
          light.verifyCommitted(header, proof);
        }
        double updateMicros = (System.nanoTime() - t0) / 1e3 / updateRounds;
        byte[] sig = keys.getFirst().sign(msg);
        for (int i = 0; i < 2000; i++) { // warm-up
          s.verify(keys.getFirst().publicKey(), msg, sig);
        }
        long t1 = System.nanoTime();
        int rounds = updateRounds * 20;
        for (int i = 0; i < rounds; i++) {
          s.verify(keys.getFirst().publicKey(), msg, sig);
        }
        double sigMicros = (System.nanoTime() - t1) / 1e3 / rounds;
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("quorum", quorum);
        one.put("updateMicros", updateMicros);
        one.put("signatureMicros", sigMicros);
        one.put("updateOverSignature", updateMicros / sigMicros);
        r.put(suite + "-" + n, one);
        log(
            "client update, %s, %d validators (quorum %d): %.0f µs = %.1f signature verifications",
            suite, n, quorum, updateMicros, updateMicros / sigMicros);
      }
    }
    result.put("clientUpdate", r);
  }

  private static BlockHeader header(String chain, long height, Hash parent, CryptoSuite s) {
    return new BlockHeader(
        chain,
        height,
        height,
        parent,
        1_767_225_600_000L + height * 1000,
        new Address(s.id(), Bytes.wrap(new byte[20])),
        Hash.ZERO,
        0,
        Hash.ZERO,
        Hash.ZERO);
  }

  private void write() throws IOException {
    Files.createDirectories(resultsDir);
    Path out = resultsDir.resolve(TIME.format(Instant.now()) + "-xchain.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
    log("wrote %s", out);
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
