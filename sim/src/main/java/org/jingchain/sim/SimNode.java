package org.jingchain.sim;

import org.jingchain.consensus.Signer;
import org.jingchain.node.NodeCore;
import org.jingchain.node.TxIngress;
import org.jingchain.node.consensus.ConsensusEngine;
import org.jingchain.storage.MemoryChainStore;
import org.jingchain.types.Address;
import org.jingchain.types.PublicKey;

/**
 * One simulated node: the real node core (chain, mempool, ledger, consensus engine) over a store
 * that is its disk. A crash drops everything but the disk; a restart opens the core on it again,
 * through the same recovery a node process runs.
 */
final class SimNode {
  final int index;
  final PublicKey key;
  final Signer signer;
  final Address address;
  final Behaviour behaviour;
  final MemoryChainStore disk = new MemoryChainStore();

  NodeCore core;
  ConsensusEngine engine;

  /** Admits what clients send, and gossips it. */
  TxIngress fromClients;

  /** Admits what peers gossip, without gossiping it again. */
  TxIngress fromPeers;

  boolean up;

  /** Bumped on every crash, so timers and deliveries of an earlier life are ignored. */
  int incarnation;

  /** When set: the node crashes after this many more effects (0: before the next). */
  int crashAfterEffects = -1;

  /** When set: the node crashes at the next crash point inside a commit. */
  boolean crashInCommit;

  SimNode(int index, Signer signer, Behaviour behaviour) {
    this.index = index;
    this.signer = signer;
    this.key = signer.publicKey();
    this.address = Address.of(key, SimSuite.INSTANCE);
    this.behaviour = behaviour;
  }

  boolean honest() {
    return behaviour == Behaviour.HONEST;
  }

  long committedHeight() {
    return disk.headHeight().orElse(-1L);
  }

  /** Loses everything but the disk. */
  void crash() {
    up = false;
    core = null;
    engine = null;
    fromClients = null;
    fromPeers = null;
    incarnation++;
    crashAfterEffects = -1;
    crashInCommit = false;
  }
}
