package org.jingchain.sim;

import org.jingchain.consensus.ConsensusConfig;
import org.jingchain.consensus.ConsensusCore;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.types.Address;
import org.jingchain.types.PublicKey;

/** One simulated validator: a consensus core, its ledger, and a disk that survives crashes. */
final class SimNode {
  final int index;
  final PublicKey key;
  final Address address;
  final Behaviour behaviour;
  final SimDisk disk = SimLedger.genesisDisk();
  SimLedger ledger;
  ConsensusCore core;
  boolean up;

  /** Bumped on every crash, so timers and builds of an earlier life are ignored. */
  int incarnation;

  /** When set, the next step executes only this many effects, then the node crashes. */
  int crashAfterEffects = -1;

  SimNode(int index, PublicKey key, Behaviour behaviour) {
    this.index = index;
    this.key = key;
    this.address = Address.of(key, TxPool.SUITE);
    this.behaviour = behaviour;
  }

  boolean honest() {
    return behaviour == Behaviour.HONEST;
  }

  /** Starts the core of the epoch on disk, with that epoch's validators. */
  void boot(ConsensusConfig config, java.util.List<PublicKey> keys, int reconfigureEvery) {
    ledger = new SimLedger(disk, keys, reconfigureEvery);
    startCore(config);
    up = true;
  }

  /** A core for the ledger's epoch (after boot, or after an epoch change) [GOV-8]. */
  void startCore(ConsensusConfig config) {
    org.jingchain.consensus.Epoch epoch = ledger.epoch();
    ValidatorSet set = new ValidatorSet(ledger.validatorsAfter(epoch.rootHeight()), TxPool.SUITE);
    core =
        new ConsensusCore(
            config,
            epoch,
            set,
            set.indexOf(key).orElse(-1),
            SimCrypto.signer(key),
            new SimCrypto(),
            TxPool.SUITE,
            ledger,
            disk.safety);
  }

  void crash() {
    up = false;
    core = null;
    ledger = null;
    incarnation++;
    crashAfterEffects = -1;
  }

  long committedHeight() {
    return disk.committed.size() - 1L;
  }
}
