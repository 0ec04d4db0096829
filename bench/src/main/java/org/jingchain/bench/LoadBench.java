package org.jingchain.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.node.JingNode;
import org.jingchain.node.NodeConfig;
import org.jingchain.sdk.JingClient;
import org.jingchain.service.Genesis;
import org.jingchain.types.Address;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;

/**
 * The load benchmark: a real dev node in this JVM (RocksDB in a temporary directory, API on
 * 127.0.0.1), driven over HTTP with pre-signed transfers; see docs/performance.md.
 */
public final class LoadBench {
  /** Pre-signed transactions expire this far ahead: within mempool.maxTtlMillis (1 h). */
  private static final long EXPIRY_MILLIS = TimeUnit.MINUTES.toMillis(55);

  private final LoadOptions opt;
  private final CryptoSuite suite;

  private LoadBench(LoadOptions opt) {
    this.opt = opt;
    this.suite = CryptoSuites.of(SuiteId.fromLabel(opt.suite).orElseThrow());
  }

  public static void main(String[] args) throws Exception {
    LoadOptions opt = BenchCli.parse(new LoadOptions(), args);
    if (opt != null) {
      new LoadBench(opt).run();
    }
  }

  private void run() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("jing-bench-");
    Map<String, String> settings = nodeSettings(dir);
    List<KeyPair> validators = new ArrayList<>();
    for (int i = 0; i < opt.validators; i++) {
      validators.add(suite.generateKeyPair(new SecureRandom()));
    }
    List<Map<String, String>> configs = networkConfigs(dir, settings, validators);
    log("starting " + opt.validators + " validator(s) in " + dir + " with " + settings);
    List<JingNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < validators.size(); i++) {
        nodes.add(
            JingNode.start(
                NodeConfig.defaultsWith(configs.get(i)),
                validators.get(i),
                Clock.systemUTC(),
                org.jingchain.platform.Platform.services()));
      }
      settings.put("validators", Integer.toString(opt.validators));
      measure(nodes.getFirst(), settings);
      for (JingNode n : nodes) {
        if (n.failure() != null) {
          throw new IllegalStateException("consensus failed", n.failure());
        }
      }
    } finally {
      for (JingNode n : nodes.reversed()) {
        n.close();
      }
      if (opt.keepData) {
        log("kept the nodes' data in " + dir);
      } else {
        deleteTree(dir);
      }
    }
  }

  /** One config per validator: own data dir and ports, one shared genesis file. */
  private List<Map<String, String>> networkConfigs(
      Path dir, Map<String, String> base, List<KeyPair> validators) throws IOException {
    if (validators.size() == 1 && opt.blockMaxGas == 0) {
      return List.of(base);
    }
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < validators.size(); i++) {
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        ports.add(s.getLocalPort());
      }
    }
    Genesis g =
        new Genesis(
            "jing-bench",
            opt.suite,
            System.currentTimeMillis(),
            validators.stream().map(k -> k.publicKey().toString()).toList(),
            Genesis.DEFAULT_ROUND_TIMEOUT_MILLIS,
            Genesis.DEFAULT_MAX_ROUND_TIMEOUT_MILLIS,
            "open",
            List.of(),
            opt.blockMaxGas > 0
                ? Map.of("block.maxGas", Long.toString(opt.blockMaxGas))
                : Map.of());
    Path genesis = dir.resolve("genesis.json");
    new com.fasterxml.jackson.databind.ObjectMapper().writeValue(genesis.toFile(), g);
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < validators.size(); i++) {
      Map<String, String> c = new LinkedHashMap<>(base);
      c.put("data.dir", dir.resolve("node" + i).toString());
      c.put("chain.id", "jing-bench");
      c.put("genesis.file", genesis.toString());
      if (validators.size() > 1) {
        c.put("p2p.port", Integer.toString(ports.get(i)));
        List<String> peers = new ArrayList<>();
        for (int j = 0; j < validators.size(); j++) {
          if (j != i) {
            peers.add(validators.get(j).publicKey() + "@127.0.0.1:" + ports.get(j));
          }
        }
        c.put("p2p.peers", String.join(",", peers));
      }
      out.add(c);
    }
    return out;
  }

  private Map<String, String> nodeSettings(Path dir) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("data.dir", dir.toString());
    s.put("chain.suite", opt.suite);
    s.put("api.host", "127.0.0.1");
    s.put("api.port", "0");
    s.put("api.requestsPerSecond", "1000000");
    s.put("storage.sync", Boolean.toString(!opt.noSync));
    s.putAll(opt.nodeSettings);
    return s;
  }

  /** The pre-signed workload, the verification baseline and the offered rate it was sized for. */
  private record Prepared(Workload workload, VerifyBaseline.Rates rates, int rate) {}

  private void measure(JingNode node, Map<String, String> settings) throws InterruptedException {
    Prepared p = prepare(node);
    System.gc(); // setup garbage should not be collected on the clock
    Semaphore pending = new Semaphore(opt.maxPending);
    long start = System.nanoTime();
    long windowStart = start + TimeUnit.SECONDS.toNanos(opt.warmupSeconds);
    long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(opt.durationSeconds);
    CommitTracker tracker = new CommitTracker(p.workload(), pending, windowStart, windowEnd);
    node.chain().addListener(tracker);
    log("driving the node for " + opt.warmupSeconds + " + " + opt.durationSeconds + " s");
    URI uri = URI.create("http://127.0.0.1:" + node.apiPort() + "/api/v1/transactions/batch");
    CpuMonitor cpu = CpuMonitor.start(windowStart, windowEnd);
    Profile profile = Profile.start(opt.jfr);
    LoadDriver.Stats stats;
    try {
      LoadDriver driver =
          new LoadDriver(p.workload(), tracker, pending, uri, opt.clients, opt.batch, p.rate());
      stats = driver.run(start, windowEnd);
    } finally {
      profile.close();
    }
    node.chain().removeListener(tracker);
    CommitTracker.Result result = tracker.finish();
    CpuMonitor.Usage cpuUsed = cpu.finish();
    boolean ranOut = stats.exhaustedAtNanos() != 0 && stats.exhaustedAtNanos() < windowEnd;
    LoadReport report = report(settings, p, result, stats, cpuUsed, ranOut);
    report.print(System.out);
    if (!opt.noResults) {
      try {
        log("wrote " + report.write(opt.resultsDir));
      } catch (IOException e) {
        log("cannot write the result file: " + e.getMessage());
      }
    }
  }

  /** Funds the accounts, measures verification and pre-signs the transfers, all before the run. */
  private Prepared prepare(JingNode node) throws InterruptedException {
    long expiresAt = System.currentTimeMillis() + EXPIRY_MILLIS;
    long t = System.nanoTime();
    List<KeyPair> keys = Workload.generateKeys(suite, opt.accounts);
    List<Address> addresses = new ArrayList<>(keys.size());
    keys.forEach(k -> addresses.add(k.address()));
    KeyPair issuer = suite.generateKeyPair(new SecureRandom());
    JingClient client = new JingClient("http://127.0.0.1:" + node.apiPort());
    java.util.function.Function<Address, org.jingchain.types.Call> transfer;
    if (opt.erc20) {
      org.jingchain.evm.Address token =
          Funding.fundErc20(node, client, issuer, addresses, opt.batch, expiresAt);
      transfer = to -> Funding.erc20Transfer(token, to, 1);
    } else {
      Funding.fund(node, client, issuer, addresses, opt.batch, expiresAt);
      transfer = to -> org.jingchain.asset.AssetCalls.transfer(Funding.SYMBOL, to, 1);
    }
    log(
        String.format(
            Locale.ROOT,
            "funded %,d accounts (%s) in %.1f s",
            keys.size(),
            opt.erc20 ? "ERC-20 transfers" : "native asset",
            secondsSince(t)));

    Workload w = new Workload(suite, node.genesis().chainId(), keys, transfer, expiresAt, opt.seed);
    w.signRounds(ceilDiv(opt.verifySample, keys.size()));
    VerifyBaseline.Rates rates = VerifyBaseline.measure(suite, sample(w));
    log(
        String.format(
            Locale.ROOT,
            "verification baseline: %,.0f sig/s on one thread, %,.0f sig/s on %d cores",
            rates.singleThread(),
            rates.allCores(),
            rates.cores()));

    // Unless told otherwise, offer what this machine can at best verify: a node cannot admit more,
    // so the load generator is never what limits the run, and the pool is no larger than needed.
    int rate = opt.rate > 0 ? opt.rate : (int) Math.ceil(rates.allCores());
    t = System.nanoTime();
    w.signRounds(ceilDiv((long) rate * (opt.warmupSeconds + opt.durationSeconds), keys.size()));
    log(
        String.format(
            Locale.ROOT,
            "pre-signed %,d transfers (%d per account, %,d MB of hex) in %.1f s",
            w.size(),
            w.rounds(),
            w.hexBytes() >> 20,
            secondsSince(t)));
    return new Prepared(w, rates, rate);
  }

  /** The verification sample: the first rounds cover every account, as the load does. */
  private List<Transaction> sample(Workload w) {
    int n = Math.min(opt.verifySample, w.size());
    List<Transaction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(w.decode(i));
    }
    return out;
  }

  private LoadReport report(
      Map<String, String> settings,
      Prepared p,
      CommitTracker.Result r,
      LoadDriver.Stats s,
      CpuMonitor.Usage cpu,
      boolean ranOut) {
    Map<String, Object> shown = new LinkedHashMap<>(settings);
    shown.remove("data.dir");
    shown.put("batch", opt.batch);
    shown.put("clients", opt.clients);
    shown.put("offeredRate", p.rate());
    shown.put("maxPending", opt.maxPending);
    shown.put("workload", opt.erc20 ? "erc20" : "asset");
    if (opt.blockMaxGas > 0) {
      shown.put("block.maxGas", opt.blockMaxGas);
    }
    double tps = r.windowTxs() / (double) opt.durationSeconds;
    VerifyBaseline.Rates rates = p.rates();
    return new LoadReport(
        Instant.now().toString(),
        opt.suite,
        LoadReport.thisMachine(),
        shown,
        opt.accounts,
        opt.durationSeconds,
        opt.warmupSeconds,
        r.windowTxs(),
        tps,
        Arrays.stream(r.perSecond()).min().orElse(0),
        r.perSecond(),
        millis(r, 50),
        millis(r, 90),
        millis(r, 99),
        r.latencyMicros().getMaxValue() / 1000.0,
        r.windowBlocks(),
        r.windowBlocks() == 0 ? 0 : r.windowTxs() / (double) r.windowBlocks(),
        rates.singleThread(),
        rates.allCores(),
        tps / rates.allCores(),
        tps / rates.singleThread(),
        r.failedReceipts(),
        r.firstFailure(),
        s.requests(),
        s.mempoolFullResponses(),
        s.resent(),
        s.errors(),
        perTx(cpu.seconds(), r.windowTxs()),
        1e6 / rates.singleThread(),
        cpu.seconds().getOrDefault("producer", 0.0) / opt.durationSeconds,
        cpu.seconds().getOrDefault("process", 0.0) / opt.durationSeconds / rates.cores(),
        cpu.otherProcessesShare(),
        ranOut);
  }

  /** CPU microseconds per committed transaction, per thread group. */
  private static Map<String, Double> perTx(Map<String, Double> cpuSeconds, long txs) {
    Map<String, Double> out = new LinkedHashMap<>();
    cpuSeconds.forEach((k, v) -> out.put(k, txs == 0 ? 0 : Math.round(v * 1e7 / txs) / 10.0));
    return out;
  }

  private static double millis(CommitTracker.Result r, double percentile) {
    return r.latencyMicros().getValueAtPercentile(percentile) / 1000.0;
  }

  private static int ceilDiv(long a, int b) {
    return (int) Math.max(1, (a + b - 1) / b);
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }

  private static void log(String message) {
    System.err.println("bench: " + message);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
