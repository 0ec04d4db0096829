package org.jingchain.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.asset.AssetContract;
import org.jingchain.consensus.ConsensusConfig;
import org.jingchain.consensus.ConsensusCore;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.Signer;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.Nonces;
import org.jingchain.gov.AccessRules;
import org.jingchain.gov.GovernanceContract;
import org.jingchain.gov.Params;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.node.api.ApiServer;
import org.jingchain.node.api.NodeApi;
import org.jingchain.node.api.Views;
import org.jingchain.node.consensus.ConsensusDriver;
import org.jingchain.node.consensus.NodeLedger;
import org.jingchain.node.consensus.PeerNetwork;
import org.jingchain.node.metrics.NodeMetrics;
import org.jingchain.p2p.PeerAddress;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Address;
import org.jingchain.types.PublicKey;

/**
 * A running node: storage, chain, mempool, consensus (with the p2p network when there is more than
 * one validator) and API, started in that order and closed in reverse. A dev chain is the
 * one-validator case of the same code.
 */
public final class JingNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JingNode.class.getName());
  public static final String VERSION = "0.1.0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConsensusDriver.Outbound NO_PEERS =
      new ConsensusDriver.Outbound() {
        @Override
        public void send(int validator, byte[] message) {}

        @Override
        public void broadcast(byte[] message) {}
      };

  private final ChainStore store;
  private final Chain chain;
  private final Mempool mempool;
  private final TxIngress ingress;
  private final ConsensusDriver driver;
  private final PeerNetwork network;
  private final ApiServer api;
  private final NodeMetrics metrics;

  /** How long a search waits for the index to apply the committed head (then answers anyway). */
  static final long SEARCH_WAIT_MILLIS = 5_000;

  /** The data catalogue's search index (dataDir/search), kept by {@link #catalogueIndexer}. */
  private final org.jingchain.datadir.search.CatalogueIndex catalogue;

  private final java.util.concurrent.ExecutorService catalogueIndexer;

  /** The committed height the catalogue index has applied; searches wait for their head. */
  private final IndexProgress indexProgress;

  private final Genesis genesis;

  /** The current epoch's validators and this node's index among them (-1: it follows). */
  private volatile ValidatorSet validators;

  private volatile int self;

  /**
   * @param validator signs consensus messages (a key in memory or in a PKCS#11 token)
   * @param transport the validator key in memory, which the p2p handshake uses directly; null for a
   *     key that lives in a token: the node then makes a transport key in memory at each start and
   *     has the token certify it (docs/spec/p2p.md [P2P-15])
   */
  private JingNode(NodeConfig cfg, Signer validator, KeyPair transport, Clock clock)
      throws IOException {
    CryptoSuite suite = CryptoSuites.of(cfg.suite());
    if (validator.publicKey().suite() != cfg.suite()) {
      throw new NodeConfig.ConfigException(
          "the validator key is "
              + validator.publicKey().suite()
              + " but chain.suite is "
              + cfg.suite());
    }
    this.store =
        ChainStore.open(cfg.dataDir().resolve("db"), cfg.storageSync(), cfg.storageCacheBytes());
    PeerNetwork net = null;
    try {
      this.genesis = loadOrCreateGenesis(cfg, validator, clock);
      BlockExecutor executor =
          new BlockExecutor(
              genesis.chainId(),
              suite.id(),
              suite,
              List.of(
                  new AssetContract(suite.id()),
                  new DidContract(genesis.chainId(), suite),
                  new StatusListContract(genesis.chainId()),
                  new TrustRegistryContract(registrars(genesis, suite)),
                  new GovernanceContract(suite.id(), suite),
                  new org.jingchain.datadir.DatadirContract(suite.id(), suite)),
              AccessRules.RULES);
      this.chain =
          Chain.open(
              store,
              suite,
              executor,
              genesis,
              JSON.writeValueAsBytes(genesis),
              cfg.stateRetainVersions());
      this.mempool =
          new Mempool(
              genesis.chainId(),
              suite.id(),
              suite,
              a -> Nonces.next(store::latest, a),
              clock,
              cfg.mempoolMaxTxs(),
              cfg.mempoolMaxBytes(),
              cfg.mempoolMaxTtlMillis());
      mempool.checkAdmission(a -> AccessRules.admit(a, store::latest));
      // Verification runs on the HTTP request threads (one batch per request) plus the common
      // pool; see docs/performance.md for why one batch is not split over all cores.
      BatchVerifier verifier = BatchVerifier.create(suite);
      NodeLedger ledger = new NodeLedger(chain, verifier, mempool::isPending, genesis.chainId());
      long root = ledger.epoch().rootHeight();
      if (ledger.epoch().number() > 0
          && ledger.epochState(root).isEmpty()
          && chain.head().height() == root) {
        ledger.storeEpochState(root); // it stopped between the epoch's start and this record
      }
      // the current epoch's validators: the committed head's state [GOV-8]
      this.validators = new ValidatorSet(ledger.epochValidators(), suite);
      this.self = validators.indexOf(validator.publicKey()).orElse(-1);
      if (self < 0 && !cfg.consensusJoin()) {
        throw new NodeConfig.ConfigException(
            "this node's key "
                + validator.publicKey()
                + " is not a validator of chain '"
                + genesis.chainId()
                + "' (epoch "
                + ledger.epoch().number()
                + "); for a validator that governance is adding, set consensus.join=true (jing"
                + " net add-node does) so it follows the chain until its epoch begins");
      }
      boolean networked =
          validators.size() > 1 || genesis.validatorKeys().size() > 1 || cfg.consensusJoin();
      if (networked) {
        KeyPair link = transport;
        org.jingchain.p2p.NodeCertificate certificate = null;
        if (link == null) { // [P2P-15] the token signs; a fresh in-memory key runs the handshake
          link = suite.generateKeyPair(new java.security.SecureRandom());
          long issued = certificateTime(cfg.dataDir(), clock);
          byte[] signed =
              validator.sign(
                  org.jingchain.p2p.NodeCertificate.signingBytes(
                      genesis.chainId(), link.publicKey(), issued));
          certificate =
              new org.jingchain.p2p.NodeCertificate(
                  validator.publicKey(), issued, org.jingchain.types.Bytes.wrap(signed));
          LOG.log(
              System.Logger.Level.INFO,
              "p2p runs on transport key {0}, certified by the validator key in its token",
              link.publicKey());
        }
        net =
            PeerNetwork.start(
                validators,
                link,
                certificate,
                genesis.chainId(),
                new InetSocketAddress(cfg.p2pHost(), cfg.p2pPort()),
                peerAddresses(cfg));
      }
      this.network = net;
      this.ingress = new TxIngress(mempool, verifier, net == null ? txs -> {} : net::gossip);
      ConsensusConfig consensusConfig =
          new ConsensusConfig(
              genesis.chainId(),
              chain.hashOf(chain.block(0).orElseThrow().header()),
              genesis.roundTimeoutMillis(),
              genesis.maxRoundTimeoutMillis(),
              64,
              1_000,
              10_000);
      ConsensusDriver.CoreFactory cores =
          (epoch, keys) -> {
            ValidatorSet set = new ValidatorSet(keys, suite);
            return new ConsensusCore(
                consensusConfig,
                epoch,
                set,
                set.indexOf(validator.publicKey()).orElse(-1),
                validator,
                suite::verify,
                suite,
                ledger,
                ledger.safetyRecord());
          };
      this.driver =
          new ConsensusDriver(
              cores,
              ledger,
              chain,
              mempool,
              net == null ? NO_PEERS : net,
              clock,
              Address.of(validator.publicKey(), suite),
              new ConsensusDriver.BlockLimits(
                  cfg.blockIntervalMillis(),
                  cfg.blockEmptyIntervalMillis(),
                  cfg.blockMaxTxs(),
                  cfg.blockMaxBytes()));
      PeerNetwork joined = net;
      driver.addEpochListener(
          (epoch, keys) -> {
            ValidatorSet set = new ValidatorSet(keys, suite);
            this.validators = set;
            this.self = set.indexOf(validator.publicKey()).orElse(-1);
            if (joined != null) {
              joined.setValidators(set);
            } else if (set.size() > 1) {
              LOG.log(
                  System.Logger.Level.ERROR,
                  "epoch {0} has {1} validators but this node runs no p2p network (a single-"
                      + "validator chain such as jing dev): no quorum can form; see"
                      + " docs/spec/governance.md [GOV-11]",
                  epoch.number(),
                  set.size());
            }
            ledger.storeEpochState(epoch.rootHeight());
          });
      if (net != null) {
        // gossiped transactions are admitted here but not gossiped again: validators are a mesh
        TxIngress fromPeers = new TxIngress(mempool, verifier, txs -> {});
        net.attach(driver, fromPeers::submitBatch);
      }
      // [GOV-12] chain parameters override this node's config, from the block after they are set
      applyParameters(cfg);
      chain.addListener(committed -> applyParameters(cfg));
      PeerNetwork peers = net;
      this.metrics =
          new NodeMetrics(
              chain,
              mempool,
              new NodeMetrics.Sources(
                  driver::currentRound,
                  driver::timeoutsSent,
                  driver::rejectedMessages,
                  driver::droppedMessages,
                  () -> peers == null ? 0 : peers.connectedPeers(),
                  store::approximateSizeBytes),
              clock);
      NodeApi handlers =
          new NodeApi(
              chain,
              mempool,
              ingress,
              genesis,
              new NodeApi.Ops(
                  this::consensusView,
                  h -> certificate(ledger, h),
                  this::health,
                  this::readiness,
                  metrics::scrape,
                  () -> epochs(ledger)),
              cfg.apiMaxBatchTxs(),
              cfg.apiMaxStreams(),
              VERSION);
      this.catalogue = openCatalogue(cfg);
      this.indexProgress = new IndexProgress(chain.head().height());
      this.catalogueIndexer =
          java.util.concurrent.Executors.newSingleThreadExecutor(
              r -> Thread.ofPlatform().name("jing-catalogue").daemon().unstarted(r));
      chain.addListener(this::indexCatalogue);
      List<org.jingchain.node.api.Route> routes = new ArrayList<>(handlers.routes());
      routes.addAll(
          new org.jingchain.node.api.DatadirApi(
                  store::latest,
                  catalogue,
                  handlers::provenRead,
                  () -> indexProgress.await(chain.head().height(), SEARCH_WAIT_MILLIS))
              .routes());
      this.api =
          new ApiServer(
              cfg.apiHost(),
              cfg.apiPort(),
              routes,
              cfg.apiMaxBodyBytes(),
              cfg.apiRequestsPerSecond());
      api.observe(metrics::apiRequest);
    } catch (IOException | RuntimeException e) {
      if (net != null) {
        net.close();
      }
      store.close();
      throw e;
    }
  }

  /** Until governance exists, the validators' accounts are the trust registry's registrars. */
  private static java.util.Set<org.jingchain.types.Address> registrars(
      Genesis genesis, CryptoSuite suite) {
    java.util.Set<org.jingchain.types.Address> out = new java.util.HashSet<>();
    for (PublicKey k : genesis.validatorKeys()) {
      out.add(org.jingchain.types.Address.of(k, suite));
    }
    return out;
  }

  private static List<PeerAddress> peerAddresses(NodeConfig cfg) {
    List<PeerAddress> out = new ArrayList<>();
    for (NodeConfig.Peer p : cfg.peers()) {
      out.add(new PeerAddress(p.key(), p.host(), p.port()));
    }
    return out;
  }

  private static Signer signer(KeyPair key) {
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return key.publicKey();
      }

      @Override
      public byte[] sign(byte[] message) {
        return key.sign(message);
      }
    };
  }

  /**
   * The issue time of this start's node certificate [P2P-15]: the clock, but always after the last
   * one issued from this data directory (kept in {@code p2p-certificate-issued}), because peers
   * refuse a certificate older than one they have seen.
   */
  private static long certificateTime(Path dataDir, Clock clock) throws IOException {
    Path file = dataDir.resolve("p2p-certificate-issued");
    long last = 0;
    if (Files.exists(file)) {
      try {
        last = Long.parseLong(Files.readString(file).strip());
      } catch (NumberFormatException e) {
        throw new NodeConfig.ConfigException(file + " does not hold a number: " + e.getMessage());
      }
    }
    long issued = Math.max(clock.millis(), last + 1);
    Path tmp = dataDir.resolve("p2p-certificate-issued.tmp");
    Files.writeString(tmp, Long.toString(issued));
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return issued;
  }

  /**
   * The catalogue index, rebuilt from chain state when it is not at the committed height (a first
   * start, a crash, or a deleted {@code search} directory): the chain is its only source.
   */
  private org.jingchain.datadir.search.CatalogueIndex openCatalogue(NodeConfig cfg) {
    var index = org.jingchain.datadir.search.CatalogueIndex.open(cfg.dataDir().resolve("search"));
    long head = chain.head().height();
    long at = index.indexedHeight();
    if (at != head) {
      long n = org.jingchain.datadir.search.CatalogueIndexer.rebuild(store::latest, index, head);
      LOG.log(
          System.Logger.Level.INFO,
          "catalogue index rebuilt from state at height {0} ({1} assets; it was at {2})",
          head,
          n,
          at);
    }
    return index;
  }

  /** Re-indexes, off the consensus thread, the data assets a committed block touched. */
  private void indexCatalogue(Chain.Committed c) {
    List<org.jingchain.types.Event> events = new ArrayList<>();
    for (var r : c.receipts()) {
      events.addAll(r.events());
    }
    var ids = org.jingchain.datadir.search.CatalogueIndexer.touched(events);
    long height = c.block().height();
    // every block, in commit order: a block without catalogue changes only advances the progress
    catalogueIndexer.execute(
        () -> {
          try {
            if (!ids.isEmpty()) {
              org.jingchain.datadir.search.CatalogueIndexer.apply(
                  store::latest, catalogue, ids, height);
            }
          } catch (RuntimeException e) {
            LOG.log(
                System.Logger.Level.ERROR,
                "catalogue index update failed at height {0}; rebuilding it from state: {1}",
                height,
                e.toString());
            try {
              org.jingchain.datadir.search.CatalogueIndexer.rebuild(
                  store::latest, catalogue, chain.head().height());
            } catch (RuntimeException again) {
              // progress stays behind: searches wait out their bound and report indexedHeight
              LOG.log(
                  System.Logger.Level.ERROR,
                  "catalogue index rebuild failed; search lags the chain until a restart: {0}",
                  again.toString());
              return;
            }
          }
          indexProgress.reached(height);
        });
  }

  /** The chain's epochs after the first, with what a light client needs to follow each. */
  private List<Views.EpochView> epochs(NodeLedger ledger) {
    List<Views.EpochView> out = new ArrayList<>();
    long n = 0;
    for (long h : ledger.epochEnds(10_000)) {
      n++;
      var st = ledger.epochState(h);
      List<String> keys = new ArrayList<>();
      for (var e :
          st.isEmpty()
              ? List.<org.jingchain.gov.Validators.Entry>of()
              : org.jingchain.gov.Validators.decode(st.get().value().unsafeArray())) {
        keys.add(e.key().toString());
      }
      out.add(
          new Views.EpochView(
              n,
              h + 1,
              h,
              keys,
              st.map(x -> x.value().toHex()).orElse(null),
              st.map(x -> java.util.HexFormat.of().formatHex(x.proof())).orElse(null)));
    }
    return out;
  }

  private java.util.Optional<Views.Certificate> certificate(NodeLedger ledger, long height) {
    if (height > chain.head().height()) {
      return java.util.Optional.empty();
    }
    return chain
        .store()
        .header(height)
        .map(
            h ->
                new Views.Certificate(
                    height,
                    java.util.HexFormat.of().formatHex(org.jingchain.codec.Canonical.encode(h)),
                    ledger
                        .certificate(height)
                        .map(q -> java.util.HexFormat.of().formatHex(MessageCodec.encode(q)))
                        .orElse(null),
                    ledger
                        .commitProof(height)
                        .map(p -> java.util.HexFormat.of().formatHex(MessageCodec.encode(p)))
                        .orElse(null)));
  }

  /** Liveness: the process serves requests and consensus has not stopped. */
  private Views.Health health() {
    Throwable f = driver.failure();
    return f == null
        ? new Views.Health("UP", true, List.of())
        : new Views.Health("DOWN", false, List.of("consensus stopped: " + f));
  }

  /**
   * Readiness: consensus runs, this validator is connected to enough others for a quorum, and it
   * has committed up to within 3 blocks of the highest certified block it knows.
   */
  private Views.Health readiness() {
    List<String> reasons = new ArrayList<>();
    if (driver.failure() != null) {
      reasons.add("consensus stopped: " + driver.failure());
    }
    int needed = validators.quorum() - 1;
    int connected = network == null ? 0 : network.connectedPeers();
    if (validators.size() > 1 && connected < needed) {
      reasons.add(
          "connected to "
              + connected
              + " of "
              + (validators.size() - 1)
              + " other validators; a quorum needs "
              + needed);
    }
    long committed = chain.head().height();
    long certified = driver.certifiedHeight();
    if (certified - committed > 3) {
      reasons.add("catching up: committed " + committed + ", certified " + certified);
    }
    return reasons.isEmpty()
        ? new Views.Health("READY", true, List.of())
        : new Views.Health("NOT_READY", false, reasons);
  }

  private Views.ConsensusView consensusView() {
    List<String> addrs = new ArrayList<>();
    for (int i = 0; i < validators.size(); i++) {
      addrs.add(validators.address(i).toString());
    }
    return new Views.ConsensusView(
        self,
        addrs,
        driver.currentRound(),
        network == null ? 0 : network.connectedPeers(),
        driver.timeoutsSent());
  }

  /** Block and mempool limits: the chain's parameters where governance set them, else config. */
  private void applyParameters(NodeConfig cfg) {
    org.jingchain.execution.StateReader s = store::latest;
    driver.setLimits(
        new ConsensusDriver.BlockLimits(
            Params.number(s, Params.BLOCK_INTERVAL).orElse(cfg.blockIntervalMillis()),
            cfg.blockEmptyIntervalMillis(),
            Params.number(s, Params.BLOCK_MAX_TXS).map(Long::intValue).orElse(cfg.blockMaxTxs()),
            Params.number(s, Params.BLOCK_MAX_BYTES).orElse(cfg.blockMaxBytes())));
    mempool.setLimits(
        Params.number(s, Params.MEMPOOL_MAX_TXS).map(Long::intValue).orElse(cfg.mempoolMaxTxs()),
        Params.number(s, Params.MEMPOOL_MAX_BYTES).orElse(cfg.mempoolMaxBytes()));
  }

  /** Opens the data directory, recovers or creates the chain, and starts consensus and the API. */
  public static JingNode start(NodeConfig cfg, KeyPair validator, Clock clock) throws IOException {
    return started(new JingNode(cfg, signer(validator), validator, clock), cfg);
  }

  /**
   * Starts a validator whose key signs elsewhere (a PKCS#11 token); in a network its p2p handshake
   * runs on a transport key the token certifies (see the constructor).
   */
  public static JingNode start(NodeConfig cfg, Signer validator, Clock clock) throws IOException {
    return started(new JingNode(cfg, validator, null, clock), cfg);
  }

  private static JingNode started(JingNode n, NodeConfig cfg) throws IOException {
    n.driver.start();
    n.api.start();
    Chain.Head h = n.chain.head();
    LOG.log(
        System.Logger.Level.INFO,
        "node up: chain ''{0}'' suite {1}, validator {2} of {3}, height {4}, API"
            + " http://{5}:{6}/api/v1/status{7}",
        n.genesis.chainId(),
        n.genesis.suite(),
        n.self,
        n.validators.size(),
        h.height(),
        cfg.apiHost(),
        Integer.toString(n.api.port()),
        n.network == null ? "" : ", p2p " + n.network.boundAddress());
    return n;
  }

  private Genesis loadOrCreateGenesis(NodeConfig cfg, Signer validator, Clock clock)
      throws IOException {
    Genesis wanted = cfg.isDevChain() ? null : readGenesisFile(Path.of(cfg.genesisFile()));
    var stored = store.genesis();
    Genesis g;
    if (stored.isPresent()) {
      g = parseStored(stored.get(), cfg);
      if (wanted != null && !wanted.equals(g)) {
        throw new NodeConfig.ConfigException(
            "data directory " + cfg.dataDir() + " holds another chain than " + cfg.genesisFile());
      }
    } else {
      g =
          wanted != null
              ? wanted
              : Genesis.single(cfg.chainId(), cfg.suite(), clock.millis(), validator.publicKey());
    }
    if (cfg.isDevChain()) {
      // What a light client of the dev chain pins (LightClients.fromGenesis, jing vc verify).
      Path copy = cfg.dataDir().resolve("genesis.json");
      if (!Files.exists(copy)) {
        Files.write(copy, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(g));
      }
    }
    if (!g.chainId().equals(cfg.chainId()) || g.suiteId() != cfg.suite()) {
      throw new NodeConfig.ConfigException(
          "the chain is '"
              + g.chainId()
              + "' ("
              + g.suite()
              + "), but the config asks for '"
              + cfg.chainId()
              + "' ("
              + cfg.suite()
              + "); set chain.id and chain.suite to match");
    }
    return g;
  }

  private static Genesis readGenesisFile(Path file) {
    try {
      Genesis g = JSON.readValue(Files.readAllBytes(file), Genesis.class);
      return g.checked(CryptoSuites.of(g.suiteId()));
    } catch (IOException | IllegalArgumentException e) {
      throw new NodeConfig.ConfigException(
          "cannot read genesis file " + file + ": " + e.getMessage());
    }
  }

  private static Genesis parseStored(byte[] json, NodeConfig cfg) {
    try {
      return JSON.readValue(json, Genesis.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new NodeConfig.ConfigException(
          "data directory "
              + cfg.dataDir()
              + " was created by an older Jingchain whose block format this version cannot"
              + " read; move it away or choose another data.dir ("
              + e.getMessage()
              + ")");
    }
  }

  public int apiPort() {
    return api.port();
  }

  /** The p2p listening port, or -1 for a single validator (no network). */
  public int p2pPort() {
    return network == null ? -1 : network.boundAddress().getPort();
  }

  public Chain chain() {
    return chain;
  }

  public Mempool mempool() {
    return mempool;
  }

  public TxIngress ingress() {
    return ingress;
  }

  public Genesis genesis() {
    return genesis;
  }

  /** Why consensus stopped, or null while it runs. */
  public Throwable failure() {
    return driver.failure();
  }

  @Override
  public void close() {
    api.close();
    driver.close();
    if (network != null) {
      network.close();
    }
    catalogueIndexer.shutdown();
    try {
      if (catalogueIndexer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
        catalogue.commit(chain.head().height()); // a clean stop needs no rebuild at the next start
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    catalogue.close();
    store.close();
    LOG.log(System.Logger.Level.INFO, "node stopped cleanly at height {0}", chain.head().height());
  }
}
