package org.jingchain.node;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.node.api.Views;
import org.jingchain.node.consensus.ConsensusDriver;
import org.jingchain.node.consensus.NodeLedger;
import org.jingchain.node.consensus.PeerNetwork;
import org.jingchain.service.ChainRules;
import org.jingchain.types.PublicKey;

/**
 * What a node says about itself through the API: liveness and readiness, its consensus view, its
 * epochs and the certificates of committed blocks. Follows the validator set across epochs.
 */
final class NodeStatus {
  private static final System.Logger LOG = System.getLogger(NodeStatus.class.getName());
  private final Chain chain;
  private final NodeLedger ledger;
  private final ChainRules rules;
  private final PublicKey key;
  private final IntSupplier connectedPeers;
  private final List<PublicKey> genesisValidators;
  private ConsensusDriver driver;
  private volatile ValidatorSet validators;
  private volatile int self;

  NodeStatus(
      Chain chain,
      NodeLedger ledger,
      ChainRules rules,
      PublicKey key,
      IntSupplier connectedPeers,
      List<PublicKey> genesisValidators) {
    this.genesisValidators = List.copyOf(genesisValidators);
    this.chain = chain;
    this.ledger = ledger;
    this.rules = rules;
    this.key = key;
    this.connectedPeers = connectedPeers;
    validators(new ValidatorSet(ledger.epochValidators(), chain.suite()));
  }

  void driver(ConsensusDriver d) {
    this.driver = d;
  }

  /** The current epoch's validators; this node's index among them (-1: it follows). */
  void validators(ValidatorSet set) {
    this.validators = set;
    this.self = set.indexOf(key).orElse(-1);
  }

  /**
   * This node entered {@code epoch}: its set follows, and so does the network's admission. A node
   * without a network (a single-validator chain) cannot join a set of several [GOV-11].
   */
  void enteredEpoch(long epoch, List<PublicKey> keys, PeerNetwork network) {
    ValidatorSet set = new ValidatorSet(keys, chain.suite());
    validators(set);
    if (network != null) {
      network.setValidators(set);
    } else if (set.size() > 1) {
      LOG.log(
          System.Logger.Level.ERROR,
          "epoch {0} has {1} validators but this node runs no p2p network (a single-validator"
              + " chain such as jing dev): no quorum can form; see docs/spec/governance.md"
              + " [GOV-11]",
          epoch,
          set.size());
    }
  }

  ValidatorSet validators() {
    return validators;
  }

  int self() {
    return self;
  }

  /** Liveness: the process serves requests and consensus has not stopped. */
  Views.Health health() {
    Throwable f = driver.failure();
    return f == null
        ? new Views.Health("UP", true, List.of())
        : new Views.Health("DOWN", false, List.of("consensus stopped: " + f));
  }

  /**
   * Readiness: consensus runs, this validator is connected to enough others for a quorum, and it
   * has committed up to within 3 blocks of the highest certified block it knows.
   */
  Views.Health readiness() {
    List<String> reasons = new ArrayList<>();
    if (driver.failure() != null) {
      reasons.add("consensus stopped: " + driver.failure());
    }
    ValidatorSet set = validators;
    int needed = set.quorum() - 1;
    int connected = connectedPeers.getAsInt();
    if (set.size() > 1 && connected < needed) {
      reasons.add(
          "connected to "
              + connected
              + " of "
              + (set.size() - 1)
              + " other validators; a quorum needs "
              + needed);
    }
    long committed = chain.head().height();
    long certified = driver.engine().certifiedHeight();
    if (certified - committed > 3) {
      reasons.add("catching up: committed " + committed + ", certified " + certified);
    }
    return reasons.isEmpty()
        ? new Views.Health("READY", true, List.of())
        : new Views.Health("NOT_READY", false, reasons);
  }

  Views.ConsensusView consensus() {
    ValidatorSet set = validators;
    List<String> addrs = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      addrs.add(set.address(i).toString());
    }
    return new Views.ConsensusView(
        self,
        addrs,
        driver.engine().currentRound(),
        connectedPeers.getAsInt(),
        driver.engine().timeoutsSent());
  }

  /** The chain's epochs after the first, with what a light client needs to follow each. */
  List<Views.EpochView> epochs() {
    List<Views.EpochView> out = new ArrayList<>();
    long n = 0;
    for (long h : ledger.records().epochEnds(10_000)) {
      n++;
      var st = ledger.records().epochState(h);
      List<String> keys = new ArrayList<>();
      if (st.isPresent()) {
        for (PublicKey k : rules.decodeValidators(st.get().value())) {
          keys.add(k.toString());
        }
      }
      out.add(
          new Views.EpochView(
              n,
              h + 1,
              h,
              keys,
              st.map(x -> x.value().toHex()).orElse(null),
              st.map(x -> HexFormat.of().formatHex(x.proof())).orElse(null)));
    }
    return out;
  }

  /**
   * The validators of the epoch that holds {@code height}: the genesis set, or the set stored with
   * the last epoch end below it [GOV-8].
   */
  private List<PublicKey> validatorsAt(long height) {
    long end = -1;
    for (long e : ledger.records().epochEnds(10_000)) {
      if (e < height) {
        end = Math.max(end, e);
      }
    }
    if (end < 0) {
      return genesisValidators;
    }
    return ledger
        .records()
        .epochState(end)
        .map(st -> rules.decodeValidators(st.value()))
        .orElse(genesisValidators);
  }

  /** What a light client needs to trust committed block {@code height}. */
  Optional<Views.Certificate> certificate(long height) {
    if (height > chain.head().height()) {
      return Optional.empty();
    }
    var qc = ledger.certificate(height);
    ValidatorSet set = new ValidatorSet(validatorsAt(height), chain.suite());
    List<String> signers =
        qc.map(
                q ->
                    q.signatures().stream()
                        .filter(sig -> set.isValidIndex(sig.index()))
                        .map(sig -> set.address(sig.index()).toString())
                        .toList())
            .orElse(null);
    return chain
        .store()
        .header(height)
        .map(
            h ->
                new Views.Certificate(
                    height,
                    set.size(),
                    signers,
                    HexFormat.of().formatHex(Canonical.encode(h)),
                    qc.map(q -> HexFormat.of().formatHex(MessageCodec.encode(q))).orElse(null),
                    ledger
                        .records()
                        .commitProof(height)
                        .map(p -> HexFormat.of().formatHex(MessageCodec.encode(p)))
                        .orElse(null)));
  }
}
