package org.jingchain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.Content;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.DatadirContract;
import org.jingchain.datadir.Digest;
import org.jingchain.datadir.Metadata;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Sector;
import org.jingchain.datadir.search.CatalogueIndex;
import org.jingchain.datadir.search.CatalogueIndexer;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.node.Chain;
import org.jingchain.service.Genesis;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench datadir}: a data catalogue of a million assets (issue 6). Registers the assets
 * on the transaction path (signed transactions, each owner acting as its DID, executed and
 * committed block by block on a real ChainStore, as a leader does), keeps the node's catalogue
 * index from each block's events as the node does, then measures search latency over the full
 * catalogue. Registration throughput is reported per segment, so its fall with size is visible; the
 * figures to compare are ratios within one run.
 */
public final class DatadirBench {
  private static final String CHAIN_ID = "bench-datadir";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String[] WORDS = {
    "admissions",
    "cohort",
    "diabetes",
    "oncology",
    "radiology",
    "ward",
    "emergency",
    "vitals",
    "enrolment",
    "grades",
    "courses",
    "exams",
    "students",
    "model",
    "weights",
    "training",
    "corpus",
    "embeddings",
    "images",
    "speech",
    "loans",
    "payments",
    "fraud",
    "ledger",
    "credit",
    "bus",
    "metro",
    "tram",
    "traffic",
    "gps",
    "tickets",
    "ridership",
    "census",
    "permits",
    "rainfall",
    "air",
    "quality",
    "energy",
    "water",
    "housing",
    "survey",
    "trial",
    "genome"
  };
  private static final String[] CITIES = {
    "beijing", "shanghai", "shenzhen", "chengdu", "hangzhou", "wuhan", "xian", "nanjing"
  };

  @Command(name = "bench datadir", mixinStandardHelpOptions = true)
  static final class Options implements BenchCli.Checked {
    @Option(names = "--assets", description = "assets to register (default ${DEFAULT-VALUE})")
    long assets = 1_000_000;

    @Option(names = "--owners", description = "owner DIDs (default ${DEFAULT-VALUE})")
    int owners = 200;

    @Option(
        names = "--block-txs",
        description = "registrations per block (default ${DEFAULT-VALUE})")
    int blockTxs = 2_000;

    @Option(
        names = "--segment",
        description = "assets per reported segment (default ${DEFAULT-VALUE})")
    long segment = 100_000;

    @Option(names = "--queries", description = "search queries timed (default ${DEFAULT-VALUE})")
    int queries = 5_000;

    @Option(names = "--seed", description = "seed of keys and metadata (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--dir", description = "store directory (default: a new one under target/)")
    Path dir;

    @Option(names = "--no-sync", description = "do not fsync commits (default: fsync, as nodes do)")
    boolean noSync;

    @Option(names = "--results-dir", description = "where the JSON result goes")
    Path resultsDir = Path.of(System.getProperty("jing.bench.results", "bench/results"));

    @Override
    public void validate() {
      if (assets < 1 || owners < 1 || blockTxs < 1 || segment < 1 || queries < 1) {
        throw new IllegalArgumentException("counts must be positive");
      }
    }
  }

  private final Options opt;
  private final CryptoSuite suite = CryptoSuites.intl();
  private final SplittableRandom random;
  private final List<KeyPair> ownerKeys = new ArrayList<>();
  private final List<String> ownerDids = new ArrayList<>();
  private final Map<String, Long> nonces = new TreeMap<>();
  private KeyPair validator;
  private Chain chain;

  private DatadirBench(Options opt) {
    this.opt = opt;
    this.random = new SplittableRandom(opt.seed);
  }

  public static void main(String[] args) throws Exception {
    Options opt = BenchCli.parse(new Options(), args);
    if (opt != null) {
      new DatadirBench(opt).run();
    }
  }

  private KeyPair key(String label) {
    SplittableRandom r = new SplittableRandom(opt.seed ^ label.hashCode() * 0x9E3779B97F4A7C15L);
    byte[] sk = new byte[32];
    r.nextBytes(sk);
    return suite.keyPairFromPrivateKey(sk);
  }

  private void run() throws IOException {
    Path dir =
        opt.dir != null
            ? opt.dir
            : opt.resultsDir
                .toAbsolutePath()
                .getParent()
                .resolve("target")
                .resolve("datadir-" + TIME.format(Instant.now()));
    validator = key("validator");
    Genesis genesis =
        Genesis.single(CHAIN_ID, suite.id(), System.currentTimeMillis(), validator.publicKey());
    BlockExecutor executor =
        new BlockExecutor(
            CHAIN_ID,
            suite.id(),
            suite,
            List.of(new DidContract(CHAIN_ID, suite), new DatadirContract(suite.id(), suite)));
    Map<String, Object> result = new LinkedHashMap<>();
    try (RocksChainStore store = RocksChainStore.open(dir, !opt.noSync, 256L << 20);
        CatalogueIndex index =
            CatalogueIndex.open(dir.resolveSibling(dir.getFileName() + "-search"))) {
      chain =
          Chain.open(
              store,
              suite,
              executor,
              genesis,
              new ObjectMapper().writeValueAsBytes(genesis),
              org.jingchain.gov.GovernanceService.genesisWrites(genesis, suite),
              1000);
      createOwners();
      log(String.format(Locale.ROOT, "%,d owner DIDs created", opt.owners));
      List<Map<String, Object>> segments = new ArrayList<>();
      long registered = 0;
      long indexNanos = 0;
      while (registered < opt.assets) {
        long segmentEnd = Math.min(opt.assets, registered + opt.segment);
        long t0 = System.nanoTime();
        long segIndexNanos = 0;
        long from = registered;
        while (registered < segmentEnd) {
          int n = (int) Math.min(opt.blockTxs, segmentEnd - registered);
          List<Transaction> txs = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            txs.add(register(registered + i));
          }
          org.jingchain.service.CommittedBlock c = commit(txs);
          long ti = System.nanoTime();
          List<org.jingchain.types.Event> events = new ArrayList<>();
          for (Receipt r : c.receipts()) {
            if (!r.succeeded()) {
              throw new IllegalStateException(
                  "registration failed: " + r.code() + " " + r.message());
            }
            events.addAll(r.events());
          }
          CatalogueIndexer.apply(
              store::latest, index, CatalogueIndexer.touched(events), c.block().height());
          segIndexNanos += System.nanoTime() - ti;
          registered += n;
        }
        double seconds = (System.nanoTime() - t0 - segIndexNanos) / 1e9;
        indexNanos += segIndexNanos;
        double rate = (registered - from) / seconds;
        Map<String, Object> seg = new LinkedHashMap<>();
        seg.put("from", from);
        seg.put("to", registered);
        seg.put("registrationsPerSecond", Math.round(rate));
        seg.put("indexingSecondsPerSegment", round1(segIndexNanos / 1e9));
        segments.add(seg);
        log(
            String.format(
                Locale.ROOT,
                "%,d -> %,d assets: %,.0f registrations/s on the transaction path; indexing %.1f s",
                from,
                registered,
                rate,
                segIndexNanos / 1e9));
      }
      result.put("registration", segments);
      double first = ((Number) segments.getFirst().get("registrationsPerSecond")).doubleValue();
      double last = ((Number) segments.getLast().get("registrationsPerSecond")).doubleValue();
      result.put("registrationLastOverFirstSegment", round1(100 * last / first) + " %");
      result.put("indexingSecondsTotal", round1(indexNanos / 1e9));
      result.put("search", searchLatency(index));
      result.put("storeBytes", directoryBytes(dir));
      result.put("indexBytes", directoryBytes(dir.resolveSibling(dir.getFileName() + "-search")));
    } finally {
      deleteTree(dir);
      deleteTree(dir.resolveSibling(dir.getFileName() + "-search"));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "datadir");
    report.put("command", "bin/bench datadir --assets " + opt.assets + " --seed " + opt.seed);
    report.put("when", Instant.now().toString());
    report.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
    report.put("assets", opt.assets);
    report.put("owners", opt.owners);
    report.put("blockTxs", opt.blockTxs);
    report.put("fsync", !opt.noSync);
    report.putAll(result);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String text = json.writeValueAsString(report);
    System.out.println(text);
    Files.createDirectories(opt.resultsDir);
    Path out = opt.resultsDir.resolve(TIME.format(Instant.now()) + "-datadir.json");
    Files.writeString(out, text + "\n");
    log("wrote " + out);
  }

  // ---- owners: DIDs whose authentication key signs their registrations

  private void createOwners() {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < opt.owners; i++) {
      KeyPair auth = key("owner/" + i);
      KeyPair recovery = key("owner/" + i + "/recovery");
      DidKey a = new DidKey(DidKey.Type.ED25519, auth.publicKey().bytes());
      DidOperation.Create c =
          new DidOperation.Create(
              CHAIN_ID,
              a,
              new DidKey(DidKey.Type.ED25519, recovery.publicKey().bytes()),
              List.of(
                  new VerificationMethod(
                      "key-1",
                      a,
                      VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION)),
              List.of());
      byte[] op = DidCodec.encode(c);
      Bytes args = Bytes.wrap(DidCodec.encode(new DidCodec.Signed(op, auth.sign(op))));
      txs.add(sign(auth, new Call("did", "create", args)));
      ownerKeys.add(auth);
      ownerDids.add(Did.derive(c.updateKey(), c.recoveryKey(), suite));
      if (txs.size() == opt.blockTxs || i == opt.owners - 1) {
        for (Receipt r : commit(txs).receipts()) {
          if (!r.succeeded()) {
            throw new IllegalStateException("DID creation failed: " + r.code() + " " + r.message());
          }
        }
        txs.clear();
      }
    }
  }

  private Transaction sign(KeyPair k, Call call) {
    long nonce = nonces.merge(k.address().toString(), 1L, Long::sum) - 1;
    TxBody body = new TxBody(CHAIN_ID, k.publicKey(), nonce, Long.MAX_VALUE, call);
    Transaction unsigned = new Transaction(body, Bytes.EMPTY);
    return new Transaction(body, Bytes.wrap(k.sign(unsigned.signingBytes())));
  }

  private org.jingchain.service.CommittedBlock commit(List<Transaction> txs) {
    Chain.Head head = chain.head();
    long now = Math.max(System.currentTimeMillis(), head.header().timestampMillis());
    Block block = chain.assemble(head.height() + 1, head.hash(), txs, now, validator.address());
    Chain.Executed e = chain.execute(block);
    return chain.commit(e.hash(), new TreeMap<Bytes, Optional<Bytes>>());
  }

  // ---- assets with realistic, seeded metadata

  private static final List<Sector> SECTORS = List.of(Sector.values());

  private Transaction register(long n) {
    int owner = (int) (n % opt.owners);
    Sector sector = SECTORS.get(random.nextInt(SECTORS.size()));
    String title =
        words(3) + " " + CITIES[random.nextInt(CITIES.length)] + " " + (2015 + random.nextInt(11));
    List<String> tags = List.of(WORDS[random.nextInt(WORDS.length)], sector.label());
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    Policy policy = random.nextInt(4) == 0 ? Policy.everyone() : Policy.approval();
    Call call =
        DatadirCalls.register(
            new DatadirCalls.Register(
                "a" + n,
                ownerDids.get(owner),
                new Metadata(title, "records of " + words(8), sector, tags, "parquet", "CC-BY-4.0"),
                policy,
                List.of(),
                List.of(),
                new Content(
                    new Digest("sha-256", Bytes.wrap(digest)),
                    1 + random.nextInt(1 << 30),
                    List.of("s3://bucket/" + n),
                    "")));
    return sign(ownerKeys.get(owner), call);
  }

  private String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return b.toString();
  }

  // ---- search

  private Map<String, Object> searchLatency(CatalogueIndex index) {
    SplittableRandom q = new SplittableRandom(opt.seed + 7);
    Histogram h = new Histogram(3_600_000_000L, 3);
    long totalHits = 0;
    for (int i = 0; i < opt.queries + 500; i++) {
      String text =
          switch (i % 3) {
            case 0 -> WORDS[q.nextInt(WORDS.length)];
            case 1 -> WORDS[q.nextInt(WORDS.length)] + " " + CITIES[q.nextInt(CITIES.length)];
            default ->
                "\"" + WORDS[q.nextInt(WORDS.length)] + " " + WORDS[q.nextInt(WORDS.length)] + "\"";
          };
      Map<String, String> filters = new TreeMap<>();
      if (i % 2 == 0) {
        filters.put("sector", SECTORS.get(q.nextInt(SECTORS.size())).label());
      }
      if (i % 5 == 0) {
        filters.put("policy", "public");
      }
      long t = System.nanoTime();
      var r = index.search(new CatalogueIndex.SearchRequest(text, filters, 0, 20));
      long took = System.nanoTime() - t;
      if (i >= 500) { // the first 500 warm the JIT and the page cache
        h.recordValue(took);
        totalHits += r.total();
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("queries", opt.queries);
    out.put("p50Millis", round3(h.getValueAtPercentile(50) / 1e6));
    out.put("p99Millis", round3(h.getValueAtPercentile(99) / 1e6));
    out.put("maxMillis", round3(h.getMaxValue() / 1e6));
    out.put("meanHitsPerQuery", Math.round(totalHits / (double) opt.queries));
    log(
        String.format(
            Locale.ROOT,
            "search over %,d assets: p50 %.2f ms, p99 %.2f ms (%,d queries, facets included)",
            opt.assets,
            h.getValueAtPercentile(50) / 1e6,
            h.getValueAtPercentile(99) / 1e6,
            opt.queries));
    return out;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static long directoryBytes(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    return StoreInspector.directoryBytes(dir).get("total");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void log(String message) {
    System.err.println(Instant.now().toString().substring(11, 19) + " " + message);
  }
}
