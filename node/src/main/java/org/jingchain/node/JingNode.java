package org.jingchain.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.asset.AssetContract;
import org.jingchain.node.api.ApiServer;
import org.jingchain.node.api.NodeApi;
import org.jingchain.storage.ChainStore;

/**
 * A running single-validator node: storage, chain, mempool, block producer and API, started in that
 * order and closed in reverse. Closing is clean: the producer finishes the block it is sealing,
 * then the database is closed.
 */
public final class JingNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JingNode.class.getName());
  public static final String VERSION = "0.1.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChainStore store;
  private final Chain chain;
  private final Mempool mempool;
  private final TxIngress ingress;
  private final BlockProducer producer;
  private final ApiServer api;
  private final Genesis genesis;

  private JingNode(NodeConfig cfg, KeyPair validator, Clock clock) throws IOException {
    CryptoSuite suite = CryptoSuites.of(cfg.suite());
    if (validator.suite().id() != cfg.suite()) {
      throw new NodeConfig.ConfigException(
          "the validator key is " + validator.suite().id() + " but chain.suite is " + cfg.suite());
    }
    this.store =
        ChainStore.open(cfg.dataDir().resolve("db"), cfg.storageSync(), cfg.storageCacheBytes());
    try {
      this.genesis = loadOrCreateGenesis(cfg, validator, clock);
      BlockExecutor executor =
          new BlockExecutor(
              genesis.chainId(), suite.id(), suite, List.of(new AssetContract(suite.id())));
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
      this.ingress =
          new TxIngress(
              mempool,
              // Verification runs on the HTTP request threads (one batch per request) plus the
              // common pool. Splitting one batch over all cores helps a lone client's latency but
              // cost ~5% throughput under load on 2 cores (docs/performance.md), so it is not done.
              BatchVerifier.create(suite));
      this.producer =
          new BlockProducer(
              chain,
              mempool,
              clock,
              validator.address(),
              cfg.blockIntervalMillis(),
              cfg.blockMaxTxs(),
              cfg.blockMaxBytes(),
              cfg.blockEmpty());
      NodeApi handlers =
          new NodeApi(
              chain, mempool, ingress, genesis, cfg.apiMaxBatchTxs(), cfg.apiMaxStreams(), VERSION);
      this.api =
          new ApiServer(
              cfg.apiHost(),
              cfg.apiPort(),
              handlers.routes(),
              cfg.apiMaxBodyBytes(),
              cfg.apiRequestsPerSecond());
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Opens the data directory, recovers or creates the chain, and starts producing and serving. */
  public static JingNode start(NodeConfig cfg, KeyPair validator, Clock clock) throws IOException {
    JingNode n = new JingNode(cfg, validator, clock);
    n.producer.start();
    n.api.start();
    Chain.Head h = n.chain.head();
    LOG.log(
        System.Logger.Level.INFO,
        "node up: chain ''{0}'' suite {1}, height {2}, API http://{3}:{4}/api/v1/status",
        n.genesis.chainId(),
        n.genesis.suite(),
        h.height(),
        cfg.apiHost(),
        Integer.toString(n.api.port()));
    return n;
  }

  private Genesis loadOrCreateGenesis(NodeConfig cfg, KeyPair validator, Clock clock)
      throws IOException {
    var stored = store.genesis();
    if (stored.isPresent()) {
      Genesis g = JSON.readValue(stored.get(), Genesis.class);
      if (!g.chainId().equals(cfg.chainId()) || g.suiteId() != cfg.suite()) {
        throw new NodeConfig.ConfigException(
            "data directory "
                + cfg.dataDir()
                + " holds chain '"
                + g.chainId()
                + "' ("
                + g.suite()
                + "), but the config asks for '"
                + cfg.chainId()
                + "' ("
                + cfg.suite()
                + ")");
      }
      return g;
    }
    return new Genesis(
        cfg.chainId(), cfg.suite().label(), clock.millis(), validator.address().toString());
  }

  public int apiPort() {
    return api.port();
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

  /** Why block production stopped, or null while it runs. */
  public Throwable failure() {
    return producer.failure();
  }

  @Override
  public void close() {
    api.close();
    producer.close();
    store.close();
    LOG.log(System.Logger.Level.INFO, "node stopped cleanly at height {0}", chain.head().height());
  }
}
