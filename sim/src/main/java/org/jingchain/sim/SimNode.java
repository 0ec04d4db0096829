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

  void boot(ConsensusConfig config, ValidatorSet validators) {
    ledger = new SimLedger(disk);
    core =
        new ConsensusCore(
            config,
            validators,
            index,
            SimCrypto.signer(key),
            new SimCrypto(),
            TxPool.SUITE,
            ledger,
            disk.safety);
    up = true;
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
