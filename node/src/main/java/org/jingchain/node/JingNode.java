package org.jingchain.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.consensus.Signer;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.node.api.ApiServer;
import org.jingchain.node.api.Console;
import org.jingchain.node.api.NodeApi;
import org.jingchain.node.api.OpenApiDocument;
import org.jingchain.node.api.ReadAccess;
import org.jingchain.node.consensus.ConsensusDriver;
import org.jingchain.node.consensus.ConsensusEngine;
import org.jingchain.node.consensus.EngineProbe;
import org.jingchain.node.consensus.PeerNetwork;
import org.jingchain.node.metrics.NodeMetrics;
import org.jingchain.node.services.ServiceHost;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.Genesis;
import org.jingchain.service.PlatformService;
import org.jingchain.service.api.Route;
import org.jingchain.storage.ChainStore;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.types.PublicKey;

/**
 * A running node, composed: its store, the consensus-and-execution core ({@link NodeCore}), the p2p
 * network when there is more than one validator, the platform services' node parts, and the API —
 * started in that order and closed in reverse. It knows no service by name: they come as a list. A
 * dev chain is the one-validator case of the same code.
 */
public final class JingNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JingNode.class.getName());
  public static final String VERSION = "0.1.0";

  private final ChainStore store;
  private final NodeCore core;
  private final org.jingchain.service.ChainRules chainRules;
  private final TxIngress ingress;
  private final ConsensusDriver driver;
  private final PeerNetwork network;
  private final ServiceHost services;
  private final ApiServer api;
  private final NodeStatus status;
  private final Clock clock;
  private java.util.Optional<org.jingchain.node.ops.AdminSocket> admin = java.util.Optional.empty();
  private volatile AccountBackfill backfill;

  /**
   * @param validator signs consensus messages (a key in memory or in a PKCS#11 token)
   * @param transport the validator key in memory, which the p2p handshake uses directly; null for a
   *     key in a token ({@link TransportIdentity})
   */
  private JingNode(
      NodeConfig cfg,
      Signer validator,
      KeyPair transport,
      Clock clock,
      List<PlatformService> platform)
      throws IOException {
    CryptoSuite suite = CryptoSuites.of(cfg.suite());
    if (validator.publicKey().suite() != cfg.suite()) {
      throw new NodeConfig.ConfigException(
          "the validator key is "
              + validator.publicKey().suite()
              + " but chain.suite is "
              + cfg.suite());
    }
    this.clock = clock;
    this.store =
        RocksChainStore.open(
            cfg.dataDir().resolve("db"), cfg.storageSync(), cfg.storageCacheBytes());
    PeerNetwork net = null;
    ServiceHost started = null;
    try {
      Genesis genesis = GenesisLoader.load(cfg, store, validator.publicKey(), clock, platform);
      ServiceSet set = new ServiceSet(platform, new ChainSetup(genesis, suite));
      this.chainRules = set.chainRules();
      // Verification runs on the HTTP request threads (one batch per request) plus the common
      // pool; see docs/performance.md for why one batch is not split over all cores.
      this.core =
          new NodeCore(
              store,
              genesis,
              GenesisLoader.JSON.writeValueAsBytes(genesis),
              set,
              NodeCore.Settings.of(cfg),
              BatchVerifier.create(verifyWith(suite, cfg.cryptoVerifyBackend())),
              clock);
      PeerNetwork[] peers = {null};
      this.status =
          new NodeStatus(
              core.chain(),
              core.ledger(),
              set.chainRules(),
              validator.publicKey(),
              () -> peers[0] == null ? 0 : peers[0].connectedPeers(),
              genesis.validatorKeys());
      checkMembership(cfg, validator.publicKey(), genesis);
      if (status.validators().size() > 1
          || genesis.validatorKeys().size() > 1
          || cfg.consensusJoin()) {
        TransportIdentity id =
            TransportIdentity.of(
                validator, transport, suite, genesis.chainId(), cfg.dataDir(), clock);
        net =
            PeerNetwork.start(
                status.validators(),
                id.key(),
                id.certificate(),
                genesis.chainId(),
                new InetSocketAddress(cfg.p2pHost(), cfg.p2pPort()),
                cfg.peerAddresses());
        peers[0] = net;
      }
      this.network = net;
      this.ingress = core.ingress(net == null ? txs -> {} : net::gossip);
      ConsensusEngine.Outbound outbound = net == null ? ConsensusEngine.Outbound.NONE : net;
      this.driver =
          new ConsensusDriver(
              clock,
              host -> core.engine(validator, suite::verify, host, outbound, EngineProbe.NONE));
      status.driver(driver);
      PeerNetwork joined = net;
      driver
          .engine()
          .addEpochListener((epoch, keys) -> status.enteredEpoch(epoch.number(), keys, joined));
      if (net != null) {
        // gossiped transactions are admitted here but not gossiped again: validators are a mesh
        net.attach(driver, core.ingress(txs -> {})::submitBatch);
      }
      NodeMetrics metrics = metrics(clock);
      if (network != null) {
        network.securityLog().listen(metrics::securityEvent);
      }
      started = new ServiceHost(set, core.chain(), cfg.dataDir(), metrics, transport);
      this.services = started;
      this.api = api(cfg, metrics);
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.close();
      }
      if (net != null) {
        net.close();
      }
      store.close();
      throw e;
    }
  }

  /** A node whose key is in no validator set must be joining one ([GOV-8]). */
  private void checkMembership(NodeConfig cfg, PublicKey key, Genesis genesis) {
    if (status.self() < 0 && !cfg.consensusJoin()) {
      throw new NodeConfig.ConfigException(
          "this node's key "
              + key
              + " is not a validator of chain '"
              + genesis.chainId()
              + "' (epoch "
              + core.ledger().epoch().number()
              + "); for a validator that governance is adding, set consensus.join=true (jing"
              + " net add-node does) so it follows the chain until its epoch begins");
    }
  }

  /** The suite that verifies transactions' signatures, by {@code crypto.verifyBackend}. */
  private static org.jingchain.crypto.CryptoSuite verifyWith(
      org.jingchain.crypto.CryptoSuite suite, String backend) {
    var s = org.jingchain.crypto.VerifyBackends.select(suite, backend);
    if (!backend.equals(org.jingchain.crypto.VerifyBackends.BOUNCYCASTLE)) {
      LOG.log(s.fellBack() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, s.message());
    }
    return s.suite();
  }

  private NodeMetrics metrics(Clock clock) {
    return new NodeMetrics(
        core.chain(),
        core.mempool(),
        new NodeMetrics.Sources(
            () -> driver.engine().currentRound(),
            () -> driver.engine().timeoutsSent(),
            () -> driver.engine().rejectedMessages(),
            driver::droppedMessages,
            () -> network == null ? 0 : network.connectedPeers(),
            store::approximateSizeBytes),
        clock);
  }

  private ApiServer api(NodeConfig cfg, NodeMetrics metrics) throws IOException {
    byte[] openApi = OpenApiDocument.merged(services.openApi());
    NodeApi handlers =
        new NodeApi(
            core.chain(),
            core.mempool(),
            ingress,
            core.genesis(),
            new NodeApi.Ops(
                status::consensus,
                status::certificate,
                status::health,
                status::readiness,
                metrics::scrape,
                status::epochs,
                () -> openApi),
            new Console(services.consoleScripts()),
            cfg.apiMaxBatchTxs(),
            cfg.apiMaxStreams(),
            VERSION);
    List<Route> routes = new ArrayList<>(handlers.routes());
    routes.addAll(services.routes());
    ApiServer.limitRequestTime(cfg.apiMaxRequestSeconds());
    ApiServer server =
        new ApiServer(
            cfg.apiHost(),
            cfg.apiPort(),
            routes,
            cfg.apiMaxBodyBytes(),
            cfg.apiRequestsPerSecond(),
            cfg.apiAllowedHosts(),
            apiTls(cfg));
    ReadAccess access =
        new ReadAccess(
            core.chain().suite(),
            core.genesis().chainId(),
            chainRules,
            () -> headState(core.chain()),
            clock::millis);
    handlers.access(access);
    server.guard(access);
    server.observe(metrics::apiRequest);
    server.securityLog().listen(metrics::securityEvent);
    return server;
  }

  /**
   * The state after the head block, every key read at that one version (the node keeps recent
   * versions, so the head's outlives any request).
   */
  private static ReadAccess.Snapshot headState(org.jingchain.node.Chain chain) {
    long h = chain.head().height();
    return new ReadAccess.Snapshot(h, key -> chain.tree().get(h, key));
  }

  /**
   * The API's TLS settings, or null for plain HTTP; a setting that cannot be used stops the node.
   */
  private static org.jingchain.node.api.ApiTls apiTls(NodeConfig cfg) {
    if (!cfg.apiTls()) {
      if (!cfg.apiTlsClientCa().isEmpty()) {
        throw new NodeConfig.ConfigException("api.tls.clientCa needs api.tls.keystore");
      }
      return null;
    }
    if (cfg.apiTlsKeystorePasswordFile().isEmpty()) {
      throw new NodeConfig.ConfigException(
          "api.tls.keystore needs api.tls.keystorePasswordFile (the PKCS#12 file's password)");
    }
    try {
      org.jingchain.node.api.ApiTls t =
          new org.jingchain.node.api.ApiTls(
              java.nio.file.Path.of(cfg.apiTlsKeystore()),
              org.jingchain.crypto.TlsFiles.password(
                  java.nio.file.Path.of(cfg.apiTlsKeystorePasswordFile())),
              cfg.apiTlsClientCa().isEmpty() ? null : java.nio.file.Path.of(cfg.apiTlsClientCa()));
      t.configurator(); // opens the key store and the CA now, so a bad file stops the start
      return t;
    } catch (IllegalArgumentException e) {
      throw new NodeConfig.ConfigException(e.getMessage());
    }
  }

  /**
   * Opens the data directory, recovers or creates the chain, and starts consensus, the services and
   * the API.
   */
  public static JingNode start(
      NodeConfig cfg, KeyPair validator, Clock clock, List<PlatformService> services)
      throws IOException {
    return started(new JingNode(cfg, new KeySigner(validator), validator, clock, services), cfg);
  }

  /**
   * Starts a validator whose key signs elsewhere (a PKCS#11 token); in a network its p2p handshake
   * runs on a transport key the token certifies ({@link TransportIdentity}).
   */
  public static JingNode start(
      NodeConfig cfg, Signer validator, Clock clock, List<PlatformService> services)
      throws IOException {
    return started(new JingNode(cfg, validator, null, clock, services), cfg);
  }

  private static JingNode started(JingNode n, NodeConfig cfg) {
    n.driver.start();
    n.api.start();
    n.backfill = AccountBackfill.startIfNeeded(n.store, n.core.chain().suite());
    if (n.store instanceof RocksChainStore rocks) {
      n.admin = org.jingchain.node.ops.AdminSocket.start(rocks, cfg.dataDir(), n.clock);
    }
    Chain.Head h = n.core.chain().head();
    LOG.log(
        System.Logger.Level.INFO,
        "node up: chain ''{0}'' suite {1}, validator {2} of {3}, height {4}, API"
            + " {8}://{5}:{6}/api/v1/status{7}",
        n.core.genesis().chainId(),
        n.core.genesis().suite(),
        n.status.self(),
        n.status.validators().size(),
        h.height(),
        cfg.apiHost(),
        Integer.toString(n.api.port()),
        n.network == null ? "" : ", p2p " + n.network.boundAddress(),
        cfg.apiTls() ? "https" : "http");
    return n;
  }

  public int apiPort() {
    return api.port();
  }

  /** The p2p listening port, or -1 for a single validator (no network). */
  public int p2pPort() {
    return network == null ? -1 : network.boundAddress().getPort();
  }

  public Chain chain() {
    return core.chain();
  }

  public Mempool mempool() {
    return core.mempool();
  }

  public TxIngress ingress() {
    return ingress;
  }

  public Genesis genesis() {
    return core.genesis();
  }

  /** Why consensus stopped, or null while it runs. */
  public Throwable failure() {
    return driver.failure();
  }

  @Override
  public void close() {
    admin.ifPresent(org.jingchain.node.ops.AdminSocket::close);
    api.close();
    driver.close();
    if (network != null) {
      network.close();
    }
    services.close();
    if (backfill != null) {
      backfill.close();
    }
    store.close();
    LOG.log(
        System.Logger.Level.INFO,
        "node stopped cleanly at height {0}",
        core.chain().head().height());
  }
}
