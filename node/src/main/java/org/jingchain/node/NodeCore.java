package org.jingchain.node;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.jingchain.consensus.ConsensusConfig;
import org.jingchain.consensus.ConsensusCore;
import org.jingchain.consensus.SignatureVerifier;
import org.jingchain.consensus.Signer;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.execution.Nonces;
import org.jingchain.node.consensus.BlockValidator;
import org.jingchain.node.consensus.ConsensusEngine;
import org.jingchain.node.consensus.ConsensusRecords;
import org.jingchain.node.consensus.EngineProbe;
import org.jingchain.node.consensus.NodeLedger;
import org.jingchain.service.Genesis;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Address;

/**
 * The consensus-and-execution part of a node, built over a store: the chain, the mempool and the
 * way into it, block validation and policy, the consensus records, and the consensus engine. The
 * node ({@link JingNode}) adds the network, the API and the services' node parts; the simulator
 * runs this same part over an in-memory store, a simulated network and simulated time.
 */
public final class NodeCore {
  /**
   * A node's own settings for its core (from its configuration; docs/config.md).
   *
   * @param block this node's block-building limits, within governance's [GOV-12]
   * @param mempool this node's mempool bounds, unless governance set them
   */
  public record Settings(
      BlockPolicy.Limits block,
      BlockPolicy.MempoolLimits mempool,
      long mempoolMaxTtlMillis,
      long stateRetainVersions) {
    public static Settings of(NodeConfig cfg) {
      return new Settings(
          new BlockPolicy.Limits(
              cfg.blockIntervalMillis(),
              cfg.blockEmptyIntervalMillis(),
              cfg.blockMaxTxs(),
              cfg.blockMaxBytes()),
          new BlockPolicy.MempoolLimits(cfg.mempoolMaxTxs(), cfg.mempoolMaxBytes()),
          cfg.mempoolMaxTtlMillis(),
          cfg.stateRetainVersions());
    }
  }

  private final ServiceSet services;
  private final Genesis genesis;
  private final Chain chain;
  private final Mempool mempool;
  private final BlockPolicy policy;
  private final BatchVerifier verifier;
  private final NodeLedger ledger;

  /**
   * Opens (or, on a new store, creates) the chain of {@code genesis} with {@code services}.
   *
   * @param genesisJson the genesis document as stored (the bytes a restart compares)
   * @param clock the mempool's clock (transaction expiry)
   */
  public NodeCore(
      ChainStore store,
      Genesis genesis,
      byte[] genesisJson,
      ServiceSet services,
      Settings settings,
      BatchVerifier verifier,
      Clock clock) {
    this.services = services;
    this.genesis = genesis;
    this.verifier = verifier;
    CryptoSuite suite = services.chain().suite();
    this.chain =
        Chain.open(
            store,
            suite,
            services.executor(),
            genesis,
            genesisJson,
            services.genesisState(),
            settings.stateRetainVersions());
    this.policy =
        new BlockPolicy(
            services.chainRules(), services::declaredGas, settings.block(), settings.mempool());
    this.mempool =
        new Mempool(
            genesis.chainId(),
            suite.id(),
            suite,
            a -> Nonces.next(store::latest, a),
            clock,
            settings.mempool().maxTxs(),
            settings.mempool().maxBytes(),
            settings.mempoolMaxTtlMillis());
    var rules = services.txRules();
    mempool.checkAdmission(a -> rules.forBlock(store::latest).admit(a, store::latest));
    applyMempoolLimits();
    chain.addListener(c -> mempool.committed(c.txHashes()));
    chain.addListener(c -> applyMempoolLimits()); // [GOV-12] from the next admission
    this.ledger =
        new NodeLedger(
            chain,
            services.chainRules(),
            new BlockValidator(
                chain,
                policy,
                verifier,
                mempool::admittedExactly,
                services::precheck,
                genesis.chainId()),
            new ConsensusRecords(store),
            genesis.chainId());
    long root = ledger.epoch().rootHeight();
    if (ledger.epoch().number() > 0
        && ledger.records().epochState(root).isEmpty()
        && chain.head().height() == root) {
      ledger.storeEpochState(root); // it stopped between the epoch's start and this record
    }
  }

  private void applyMempoolLimits() {
    BlockPolicy.MempoolLimits m = policy.mempool(chain.store()::latest);
    mempool.setLimits(m.maxTxs(), m.maxBytes());
  }

  /**
   * The way into the mempool: {@code gossip} receives what it admitted (the network's gossip; a
   * node's ingress for gossiped transactions does not gossip again).
   */
  public TxIngress ingress(Consumer<List<byte[]>> gossip) {
    return new TxIngress(mempool, verifier, services::precheck, gossip);
  }

  /**
   * The consensus engine of validator {@code validator} (its index follows each epoch's set).
   *
   * @param consensusVerifier checks validators' signatures on consensus messages
   */
  public ConsensusEngine engine(
      Signer validator,
      SignatureVerifier consensusVerifier,
      ConsensusEngine.Host host,
      ConsensusEngine.Outbound outbound,
      EngineProbe probe) {
    CryptoSuite suite = services.chain().suite();
    ConsensusConfig config =
        new ConsensusConfig(
            genesis.chainId(),
            chain.hashOf(chain.block(0).orElseThrow().header()),
            genesis.roundTimeoutMillis(),
            genesis.maxRoundTimeoutMillis(),
            64,
            1_000,
            10_000);
    ConsensusEngine.CoreFactory cores =
        (epoch, keys) -> {
          ValidatorSet set = new ValidatorSet(keys, suite);
          return new ConsensusCore(
              config,
              epoch,
              set,
              set.indexOf(validator.publicKey()).orElse(-1),
              validator,
              consensusVerifier,
              suite,
              ledger,
              ledger.safetyRecord());
        };
    ConsensusEngine engine =
        new ConsensusEngine(
            cores,
            ledger,
            chain,
            mempool,
            policy,
            outbound,
            host,
            Address.of(validator.publicKey(), suite),
            probe);
    mempool.onAdmit(engine::wake);
    return engine;
  }

  public Chain chain() {
    return chain;
  }

  public Mempool mempool() {
    return mempool;
  }

  public NodeLedger ledger() {
    return ledger;
  }

  public ServiceSet services() {
    return services;
  }

  public Genesis genesis() {
    return genesis;
  }
}
