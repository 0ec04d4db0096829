package org.jingchain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.DidContract;
import org.jingchain.node.Admission;
import org.jingchain.node.Chain;
import org.jingchain.node.Mempool;
import org.jingchain.node.TxIngress;
import org.jingchain.node.api.ApiServer;
import org.jingchain.node.api.NodeApi;
import org.jingchain.service.Genesis;
import org.jingchain.service.api.Request;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;

/**
 * The DID scale benchmark (bin/bench did-scale): a node store filled with millions of DIDs by a
 * bulk loader ({@link DidFill}), registration throughput measured on the transaction path at
 * checkpoints, resolution latency through the API's handler and over HTTP, and the bytes on disk
 * per DID. See docs/identity-sizing.md for what each figure means.
 *
 * <p>The transaction path, per block, is the one a single validator runs, minus consensus
 * messaging: the pre-signed transactions enter through {@link TxIngress} (decoding, signature
 * verification on all cores, mempool admission), the block is selected from the mempool with the
 * node's limits, assembled, executed by {@link Chain#execute} (the DID contract checks every
 * create's keys and signature) and committed by {@link Chain#commit} (state tree update, one
 * RocksDB write batch, fsynced unless --no-sync), then removed from the mempool.
 */
public final class DidScaleBench {
  private static final String CHAIN_ID = "jing-did-scale";
  private static final long EXPIRY_MILLIS = 55 * 60_000L;
  private static final long PROGRESS_NANOS = 5_000_000_000L;
  private static final DateTimeFormatter DIR_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final DidScaleOptions opt;
  private final String[] args;
  private final CryptoSuite suite;
  private final List<String> notes = new ArrayList<>();

  private RocksChainStore store;
  private StoreInspector inspector;
  private Genesis genesis;
  private byte[] genesisJson;
  private BlockExecutor executor;
  private KeyPair validator;
  private DidFill fill;
  private DidRegistrations registrations;
  private long registered;

  private int fillBatch;
  private Path dir;
  private double fillSeconds;
  private final List<DidScaleReport.Segment> segments = new ArrayList<>();
  private final List<long[]> fillProgress = new ArrayList<>();

  private DidScaleBench(DidScaleOptions opt, String[] args) {
    this.opt = opt;
    this.args = args.clone();
    this.suite = CryptoSuites.of(SuiteId.fromLabel(opt.suite).orElseThrow());
  }

  public static void main(String[] args) throws Exception {
    DidScaleOptions opt = BenchCli.parse(new DidScaleOptions(), args);
    if (opt != null) {
      new DidScaleBench(opt, args).run();
    }
  }

  private long dids() {
    return fill.filled() + registered;
  }

  private void run() throws IOException, InterruptedException {
    dir =
        opt.dir != null
            ? opt.dir
            : Path.of(System.getProperty("jing.bench.results", "bench/results"))
                .toAbsolutePath()
                .getParent()
                .resolve("target")
                .resolve("did-scale-" + DIR_TIME.format(Instant.now()));
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(dir + " is not empty: give a new --dir");
        }
      }
    }
    log("store in " + dir + " (RocksDB, ChainStore as the node opens it)");
    validator = keyPair("validator");
    genesis =
        Genesis.single(CHAIN_ID, suite.id(), System.currentTimeMillis(), validator.publicKey());
    genesisJson = new ObjectMapper().writeValueAsBytes(genesis);
    executor =
        new BlockExecutor(
            CHAIN_ID, suite.id(), suite, List.of(new Timed(new DidContract(CHAIN_ID, suite))));
    store = RocksChainStore.open(dir, !opt.noSync, opt.cacheMb << 20);
    DidScaleReport report;
    try {
      inspector = new StoreInspector(store);
      openChain(); // writes genesis and block 0
      fill =
          new DidFill(
              store,
              suite,
              CHAIN_ID,
              opt.seed,
              keyPair("bulk-loader"),
              validator.address(),
              opt.retainVersions);
      registrations = new DidRegistrations(suite, CHAIN_ID, opt.seed, opt.batchSize, opt.senders);
      // by default as many DIDs per block as a full registration block carries
      fillBatch = opt.fillBatch != 0 ? opt.fillBatch : txsPerBlock() * registrations.batchSize();
      log(String.format(Locale.ROOT, "bulk loader: %,d DIDs per block", fillBatch));
      List<DidScaleReport.Registration> regs = new ArrayList<>();
      for (long checkpoint : opt.checkpoints) {
        fillTo(checkpoint);
        regs.add(measureRegistration(openChain(), checkpoint));
      }
      fillTo(opt.dids);
      Chain chain = openChain();
      List<DidScaleReport.Resolution> resolutions = new ArrayList<>();
      resolutions.add(measureResolution(chain, "as loaded", opt.httpSamples));
      DidScaleReport.Disk disk = measureDisk(dir);
      if (!opt.noCompact) {
        resolutions.add(measureResolution(chain, "pruned to the head, compacted", 0));
      }
      report = report(regs, resolutions, disk);
    } finally {
      store.close();
      if (opt.keepData) {
        log("kept the store in " + dir);
      } else {
        deleteTree(dir);
        log("deleted " + dir);
      }
    }
    report.print(System.out);
    if (!opt.noResults) {
      log("wrote " + report.write(opt.resultsDir));
    }
  }

  /** A key pair drawn from the seed and {@code label}. */
  private KeyPair keyPair(String label) {
    SplittableRandom r = new SplittableRandom(opt.seed ^ label.hashCode() * 0x9E3779B97F4A7C15L);
    while (true) {
      byte[] sk = new byte[32];
      r.nextBytes(sk);
      try {
        return suite.keyPairFromPrivateKey(sk);
      } catch (IllegalArgumentException e) {
        // an SM2 scalar out of range: draw again
      }
    }
  }

  /**
   * On a shared machine, waits (at most --quiet-wait-seconds) until other processes use less than
   * 10 % of it over 3 s, so that a measurement does not start in the middle of someone's build;
   * returns the seconds waited. The measurement reports the share others used anyway.
   */
  private double waitQuiet() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + opt.quietWaitSeconds * 1_000_000_000L;
    while (true) {
      MachineLoad before = MachineLoad.now();
      Thread.sleep(3000);
      double other = MachineLoad.now().otherShareSince(before);
      if (other < 0.10) {
        break;
      }
      if (System.nanoTime() > deadline) {
        notes.add(
            String.format(
                Locale.ROOT,
                "at %,d DIDs other processes still used %.0f %% of the machine after waiting %d s",
                dids(),
                100 * other,
                opt.quietWaitSeconds));
        break;
      }
      log(
          String.format(
              Locale.ROOT,
              "other processes use %.0f %% of the machine: waiting for quiet",
              100 * other));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Transactions in a full block: as many as block.maxBytes and block.maxTxs allow. */
  private int txsPerBlock() {
    int txBytes = registrations.sampleTxBytes();
    return (int) Math.max(1, Math.min(opt.blockMaxTxs, opt.blockMaxBytes / txBytes));
  }

  /** A Chain on the store's current head, as a node opens it at start. */
  private Chain openChain() {
    return Chain.open(
        store,
        suite,
        executor,
        genesis,
        genesisJson,
        org.jingchain.gov.GovernanceService.genesisWrites(genesis, suite),
        opt.retainVersions);
  }

  // ---- bulk load

  private void fillTo(long target) {
    long n = target - dids();
    if (n <= 0) {
      return;
    }
    long from = dids();
    log(String.format(Locale.ROOT, "bulk-loading %,d DIDs (%,d -> %,d)", n, from, target));
    long start = System.nanoTime();
    long[] last = {start, fill.filled()};
    MachineLoad[] load = {MachineLoad.now()};
    fill.fill(
        n,
        fillBatch,
        (filled, inBlock) -> {
          long now = System.nanoTime();
          if (now - last[0] >= PROGRESS_NANOS || filled + registered >= target) {
            double rate = (filled - last[1]) / ((now - last[0]) / 1e9);
            double overall = (filled - (from - registered)) / ((now - start) / 1e9);
            MachineLoad l = MachineLoad.now();
            double other = l.otherShareSince(load[0]);
            long bytes = StoreInspector.directoryBytes(dir).get("total");
            fillProgress.add(
                new long[] {filled + registered, Math.round(rate), Math.round(100 * other), bytes});
            log(
                String.format(
                    Locale.ROOT,
                    "bulk load: %,d DIDs in the store, %,.0f DIDs/s (last %.0f s), %,.0f DIDs/s"
                        + " this segment, store %,.0f MiB; other processes %.0f %% of the machine",
                    filled + registered,
                    rate,
                    (now - last[0]) / 1e9,
                    overall,
                    bytes / 1048576.0,
                    100 * other));
            last[0] = now;
            last[1] = filled;
            load[0] = l;
          }
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    fillSeconds += seconds;
    segments.add(new DidScaleReport.Segment(from, dids(), seconds, n / seconds));
    log(
        String.format(
            Locale.ROOT,
            "bulk-loaded %,d DIDs in %.1f s = %,.0f DIDs/s; %,d in the store",
            n,
            seconds,
            n / seconds,
            dids()));
  }

  // ---- registration on the transaction path

  /** Time spent in the DID contract: the part of execution that checks keys and signatures. */
  private static long contractNanos;

  /** The DID contract, timed: {@code call} runs on the executing thread only. */
  private record Timed(SystemContract contract) implements SystemContract {
    @Override
    public String name() {
      return contract.name();
    }

    @Override
    public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
        throws ExecutionFailure {
      long t = System.nanoTime();
      try {
        return contract.call(ctx, method, args, state);
      } finally {
        contractNanos += System.nanoTime() - t;
      }
    }
  }

  /** One block's phases, in nanoseconds. */
  private long admitNanos;

  private long assembleNanos;
  private long executeNanos;
  private long commitNanos;

  private DidScaleReport.Registration measureRegistration(Chain chain, long checkpoint)
      throws InterruptedException {
    log(String.format(Locale.ROOT, "registration at %,d DIDs: waiting for compactions", dids()));
    double waited = inspector.waitIdle(opt.compactionWaitSeconds);
    if (waited < 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "registration at %,d: RocksDB compactions still pending after %.0f s; measured anyway",
              checkpoint,
              -waited));
    }
    double quiet = waitQuiet();
    Mempool mempool =
        new Mempool(
            CHAIN_ID,
            suite.id(),
            suite,
            a -> Nonces.next(store::latest, a),
            Clock.systemUTC(),
            200_000,
            128L * 1024 * 1024,
            3_600_000L);
    BatchVerifier verifier = BatchVerifier.create(suite);
    TxIngress ingress =
        new TxIngress(mempool, verifier, org.jingchain.identity.DidPrecheck::warmAll, txs -> {});
    registrations.resync(store::latest);
    int txBytes = registrations.sampleTxBytes();
    int txsPerBlock = txsPerBlock();

    // warm-up: JIT, caches, and the rate that sizes the pre-signed pool
    long t = System.nanoTime();
    ArrayDeque<byte[]> pool =
        new ArrayDeque<>(
            registrations.sign(
                opt.warmupBlocks * txsPerBlock, System.currentTimeMillis() + EXPIRY_MILLIS));
    log(
        String.format(
            Locale.ROOT,
            "registration at %,d DIDs: signed %,d warm-up transactions (%,d B each, %,d per block)"
                + " in %.1f s",
            dids(),
            pool.size(),
            txBytes,
            txsPerBlock,
            (System.nanoTime() - t) / 1e9));
    double warmRate = 0;
    while (!pool.isEmpty()) {
      long b = System.nanoTime();
      int n = runBlock(chain, mempool, ingress, pool, txsPerBlock);
      warmRate = n / ((System.nanoTime() - b) / 1e9);
    }
    int poolTxs =
        (int)
            Math.min(
                Integer.MAX_VALUE,
                (long) Math.ceil(warmRate * opt.measureSeconds * 1.5 / registrations.batchSize())
                    + 2L * txsPerBlock);
    t = System.nanoTime();
    pool.addAll(registrations.sign(poolTxs, System.currentTimeMillis() + EXPIRY_MILLIS));
    log(
        String.format(
            Locale.ROOT,
            "registration at %,d DIDs: warm-up ran at %,.0f DIDs/s; signed %,d transactions (%,d"
                + " DIDs) in %.1f s",
            dids(),
            warmRate,
            poolTxs,
            (long) poolTxs * registrations.batchSize(),
            (System.nanoTime() - t) / 1e9));
    System.gc(); // signing garbage should not be collected on the clock

    long startDids = dids();
    admitNanos = assembleNanos = executeNanos = commitNanos = contractNanos = 0;
    long start = System.nanoTime();
    long end = start + opt.measureSeconds * 1_000_000_000L;
    CpuMonitor cpu = CpuMonitor.start(start, end);
    long blocks = 0;
    long txs = 0;
    long didsDone = 0;
    double slowest = Double.MAX_VALUE;
    while (System.nanoTime() < end && !pool.isEmpty()) {
      long b = System.nanoTime();
      int before = pool.size();
      int n = runBlock(chain, mempool, ingress, pool, txsPerBlock);
      slowest = Math.min(slowest, n / ((System.nanoTime() - b) / 1e9));
      blocks++;
      txs += before - pool.size();
      didsDone += n;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean ranOut = pool.isEmpty() && seconds < opt.measureSeconds;
    CpuMonitor.Usage usage = cpu.finish();
    registrations.resync(store::latest); // the unused pre-signed transactions are dropped
    Map<String, Double> perDid = new LinkedHashMap<>();
    perDid.put("admit", round1(admitNanos / 1e3 / didsDone));
    perDid.put("selectAssemble", round1(assembleNanos / 1e3 / didsDone));
    perDid.put("execute", round1(executeNanos / 1e3 / didsDone));
    perDid.put("executeDidContract", round1(contractNanos / 1e3 / didsDone));
    perDid.put("executeStateTreeAndRest", round1((executeNanos - contractNanos) / 1e3 / didsDone));
    perDid.put("commit", round1(commitNanos / 1e3 / didsDone));
    perDid.put("total", round1(seconds * 1e6 / didsDone));
    double rate = didsDone / seconds;
    double cores = Runtime.getRuntime().availableProcessors();
    log(
        String.format(
            Locale.ROOT,
            "registration at %,d: %,.0f DIDs/s (%,d DIDs in %.1f s, %,d blocks); us per DID %s",
            checkpoint,
            rate,
            didsDone,
            seconds,
            blocks,
            perDid));
    return new DidScaleReport.Registration(
        checkpoint,
        startDids,
        dids(),
        waited,
        quiet,
        opt.warmupBlocks,
        seconds,
        blocks,
        txs,
        didsDone,
        rate,
        slowest,
        blocks == 0 ? 0 : didsDone / (double) blocks,
        txBytes,
        perDid,
        usage.seconds().getOrDefault("process", 0.0) / opt.measureSeconds / cores,
        usage.otherProcessesShare(),
        ranOut);
  }

  /**
   * Admits up to one block of transactions from {@code pool}, then builds, executes and commits the
   * block as the leader does; returns the DIDs it registered.
   */
  private int runBlock(
      Chain chain, Mempool mempool, TxIngress ingress, ArrayDeque<byte[]> pool, int txsPerBlock) {
    List<byte[]> batch = new ArrayList<>(txsPerBlock);
    while (batch.size() < txsPerBlock && !pool.isEmpty()) {
      batch.add(pool.poll());
    }
    long t0 = System.nanoTime();
    for (Admission a : ingress.submitBatch(batch)) {
      if (a instanceof Admission.Rejected r) {
        throw new IllegalStateException("transaction rejected: " + r.code() + " " + r.message());
      }
    }
    long t1 = System.nanoTime();
    Chain.Head head = chain.head();
    long now = Math.max(System.currentTimeMillis(), head.header().timestampMillis());
    List<Transaction> selected = mempool.select(opt.blockMaxTxs, opt.blockMaxBytes, now, Set.of());
    Chain.NonceFilter filter = chain.nonceFilter(head.hash(), selected);
    Block block =
        chain.assemble(
            head.height() + 1, head.hash(), filter.executable(), now, validator.address());
    long t2 = System.nanoTime();
    Chain.Executed e = chain.execute(block);
    long t3 = System.nanoTime();
    org.jingchain.service.CommittedBlock c =
        chain.commit(e.hash(), new TreeMap<Bytes, Optional<Bytes>>());
    mempool.committed(c.txHashes());
    long t4 = System.nanoTime();
    admitNanos += t1 - t0;
    assembleNanos += t2 - t1;
    executeNanos += t3 - t2;
    commitNanos += t4 - t3;
    for (Receipt r : c.receipts()) {
      if (!r.succeeded()) {
        throw new IllegalStateException("registration failed: " + r.code() + " " + r.message());
      }
    }
    int n = c.receipts().size() * registrations.batchSize();
    registered += n;
    return n;
  }

  // ---- resolution

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private DidScaleReport.Resolution measureResolution(Chain chain, String phase, int httpSamples)
      throws IOException, InterruptedException {
    double waited = inspector.waitIdle(opt.compactionWaitSeconds);
    waitQuiet();
    MachineLoad load0 = MachineLoad.now();
    List<org.jingchain.service.api.Route> routes =
        ServiceRoutes.of(new org.jingchain.identity.IdentityService(), chain, genesis);
    DidResolver resolver = new DidResolver(routes);
    long n = fill.filled();
    if (n == 0) {
      notes.add("no bulk-loaded DIDs to resolve: resolution not measured");
      return new DidScaleReport.Resolution(phase, dids(), waited, 0, List.of());
    }
    log(
        String.format(
            Locale.ROOT,
            "resolution (%s): %,d random bulk-loaded DIDs per variant among %,d in the store",
            phase,
            opt.resolveSamples,
            dids()));
    List<DidScaleReport.Latency> variants = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(opt.seed ^ 0x2E5017E);
    for (boolean proof : new boolean[] {false, true}) {
      // warm-up (JIT) on other DIDs than the measured ones
      for (int i = 0; i < Math.min(20_000, opt.resolveSamples); i++) {
        resolveDirect(resolver, fill.did(random.nextLong(n)), proof);
      }
      Histogram h = new Histogram(60_000_000_000L, 3);
      long bytes = 0;
      for (int i = 0; i < opt.resolveSamples; i++) {
        String did = fill.did(random.nextLong(n));
        Request req = resolver.request(did, proof);
        long t = System.nanoTime();
        byte[] json = resolveDirect(resolver, req);
        h.recordValue(System.nanoTime() - t);
        bytes += json.length;
      }
      variants.add(latency(proof ? "handler, proof=true" : "handler", h, bytes));
    }
    if (httpSamples > 0) {
      ApiServer server = new ApiServer("127.0.0.1", 0, routes, 1 << 20, 1_000_000);
      server.start();
      try (HttpClient client =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
        String base = "http://127.0.0.1:" + server.port() + NodeApi.PREFIX + "/dids/";
        for (boolean proof : new boolean[] {false, true}) {
          for (int i = 0; i < Math.min(5_000, httpSamples); i++) {
            get(client, base, fill.did(random.nextLong(n)), proof);
          }
          Histogram h = new Histogram(60_000_000_000L, 3);
          long bytes = 0;
          for (int i = 0; i < httpSamples; i++) {
            String did = fill.did(random.nextLong(n));
            long t = System.nanoTime();
            int len = get(client, base, did, proof);
            h.recordValue(System.nanoTime() - t);
            bytes += len;
          }
          variants.add(latency(proof ? "HTTP, proof=true" : "HTTP", h, bytes));
        }
      } finally {
        server.close();
      }
    }
    for (DidScaleReport.Latency l : variants) {
      log(
          String.format(
              Locale.ROOT,
              "resolution (%s) %s: p50 %.3f ms, p99 %.3f ms, max %.1f ms",
              phase,
              l.variant(),
              l.p50Ms(),
              l.p99Ms(),
              l.maxMs()));
    }
    double other = MachineLoad.now().otherShareSince(load0);
    return new DidScaleReport.Resolution(phase, dids(), waited, other, variants);
  }

  private static byte[] resolveDirect(DidResolver resolver, String did, boolean proof) {
    return resolveDirect(resolver, resolver.request(did, proof));
  }

  private static byte[] resolveDirect(DidResolver resolver, Request req) {
    try {
      return resolver.resolve(req);
    } catch (org.jingchain.service.api.ApiException e) {
      throw new IllegalStateException("resolution failed: " + e.getMessage(), e);
    }
  }

  private static int get(HttpClient client, String base, String did, boolean proof)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + did + (proof ? "?proof=true" : ""))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + did + " answered " + r.statusCode());
    }
    return r.body().length;
  }

  private static DidScaleReport.Latency latency(String variant, Histogram h, long bytes) {
    return new DidScaleReport.Latency(
        variant,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(90) / 1e6,
        h.getValueAtPercentile(99) / 1e6,
        h.getValueAtPercentile(99.9) / 1e6,
        h.getMaxValue() / 1e6,
        h.getMean() / 1e6,
        bytes / (double) Math.max(1, h.getTotalCount()));
  }

  // ---- disk

  private DidScaleReport.Disk measureDisk(Path dir) throws InterruptedException {
    List<DidScaleReport.Snapshot> snaps = new ArrayList<>();
    long total = dids();
    snaps.add(snapshot("as left (memtables not flushed)", dir, total));
    inspector.flush();
    inspector.waitIdle(opt.compactionWaitSeconds);
    snaps.add(snapshot("flushed, before compaction", dir, total));
    long pruned = 0;
    double compactSeconds = 0;
    if (!opt.noCompact) {
      log("disk: full compaction (node's retained versions kept)");
      long t = System.nanoTime();
      inspector.compactAll();
      compactSeconds += (System.nanoTime() - t) / 1e9;
      snaps.add(snapshot("compacted", dir, total));
      long head = store.headHeight().orElseThrow();
      log("disk: pruning every state version below the head " + head + ", then compacting");
      pruned = store.pruneBelow(head);
      inspector.flush();
      t = System.nanoTime();
      inspector.compactAll();
      compactSeconds += (System.nanoTime() - t) / 1e9;
      snaps.add(snapshot("pruned to the head, compacted", dir, total));
    }
    for (DidScaleReport.Snapshot s : snaps) {
      log(
          String.format(
              Locale.ROOT,
              "disk %s: %,.1f MiB = %,.0f B per DID",
              s.when(),
              s.directory().get("total") / 1048576.0,
              s.bytesPerDid()));
    }
    return new DidScaleReport.Disk(total, pruned, compactSeconds, snaps);
  }

  private DidScaleReport.Snapshot snapshot(String when, Path dir, long dids) {
    Map<String, Long> files = StoreInspector.directoryBytes(dir);
    Map<String, StoreInspector.Family> families = inspector.families();
    Map<String, Double> perDid = new LinkedHashMap<>();
    families.forEach((name, f) -> perDid.put(name, Math.round(f.sstBytes() * 10.0 / dids) / 10.0));
    return new DidScaleReport.Snapshot(
        when, files, files.get("total") / (double) dids, families, perDid);
  }

  // ---- report

  private DidScaleReport report(
      List<DidScaleReport.Registration> regs,
      List<DidScaleReport.Resolution> resolutions,
      DidScaleReport.Disk disk) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("dids", opt.dids);
    settings.put("checkpoints", opt.checkpoints);
    settings.put("fillBatch", fillBatch);
    settings.put("measureSeconds", opt.measureSeconds);
    settings.put("warmupBlocks", opt.warmupBlocks);
    settings.put("block.maxBytes", opt.blockMaxBytes);
    settings.put("block.maxTxs", opt.blockMaxTxs);
    settings.put("createsPerTransaction", opt.batchSize);
    settings.put("senders", opt.senders);
    settings.put("resolveSamples", opt.resolveSamples);
    settings.put("httpSamples", opt.httpSamples);
    settings.put("state.retainVersions", opt.retainVersions);
    settings.put("storage.cacheBytes", opt.cacheMb << 20);
    settings.put("storage.sync", !opt.noSync);
    settings.put("seed", opt.seed);
    long loaded = fill.filled();
    DidScaleReport.Fill f =
        new DidScaleReport.Fill(
            loaded,
            fillSeconds,
            loaded / Math.max(1e-9, fillSeconds),
            store.headHeight().orElse(0L),
            fill.txBytes() / (double) Math.max(1, loaded),
            fill.blockBytes() / (double) Math.max(1, loaded),
            segments,
            fillProgress);
    DidScaleReport.Registration first = regs.getFirst();
    DidScaleReport.Registration last = regs.getLast();
    double ratio = last.didsPerSecond() / first.didsPerSecond();
    double p99 =
        resolutions.getFirst().variants().stream()
            .filter(l -> l.variant().equals("handler"))
            .findFirst()
            .map(DidScaleReport.Latency::p99Ms)
            .orElse(Double.NaN);
    DidScaleReport.Snapshot finalDisk = disk.snapshots().getLast();
    DidScaleReport.Targets targets =
        new DidScaleReport.Targets(
            ratio,
            ratio >= 0.7,
            p99,
            p99 <= 5.0,
            finalDisk.bytesPerDid(),
            finalDisk.bytesPerDid() <= 1024);
    notes.add(
        "bulk-loaded DIDs have pseudo-random key bytes (seeded) and random signature bytes inside"
            + " their creates: the loader writes what execution would, without executing");
    notes.add(
        "registration: admission (decode, parallel tx signature check, mempool), block assembly,"
            + " Chain.execute and Chain.commit in sequence on one thread; no consensus messages,"
            + " no HTTP");
    notes.add(
        "resolution: 'handler' calls NodeApi's GET /api/v1/dids/{did} handler and renders JSON"
            + " without HTTP; 'HTTP' goes through the node's ApiServer on 127.0.0.1, one client");
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return new DidScaleReport(
        Instant.now().toString(),
        opt.suite,
        "bin/bench did-scale " + String.join(" ", args),
        jvm,
        LoadReport.thisMachine(),
        settings,
        dids(),
        f,
        regs,
        resolutions,
        disk,
        targets,
        notes);
  }

  private static void log(String message) {
    System.err.println(
        "did-scale "
            + DateTimeFormatter.ISO_LOCAL_TIME
                .format(java.time.LocalTime.now(java.time.ZoneId.systemDefault()))
                .substring(0, 8)
            + ": "
            + message);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** CPU time of this process and of the whole machine at one moment (Linux; zeros elsewhere). */
  private record MachineLoad(long processNanos, long totalTicks, long busyTicks) {
    static MachineLoad now() {
      long process =
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime();
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+", -1);
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
          total += Long.parseLong(f[i]);
        }
        return new MachineLoad(process, total, total - Long.parseLong(f[4]) - Long.parseLong(f[5]));
      } catch (IOException | RuntimeException e) {
        return new MachineLoad(process, 0, 0);
      }
    }

    /** The share of the machine other processes used since {@code before}. */
    double otherShareSince(MachineLoad before) {
      long total = totalTicks - before.totalTicks;
      if (total <= 0) {
        return 0;
      }
      double busy = (busyTicks - before.busyTicks) / 100.0;
      double process = (processNanos - before.processNanos) / 1e9;
      return Math.max(0, (busy - process) / (total / 100.0));
    }
  }
}
