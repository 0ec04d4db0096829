package org.jingchain.sim;

import java.util.List;
import java.util.TreeMap;
import org.jingchain.node.Chain;
import org.jingchain.node.ServiceSet;
import org.jingchain.service.Genesis;
import org.jingchain.state.StateTree;
import org.jingchain.storage.MemoryChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Hash;

/**
 * After a run: every honest node's committed blocks, replayed from genesis on a fresh chain, lead
 * to the state roots their headers carry and to the state the node has on its disk — both the state
 * tree's root and the latest-state table — whatever crashes the node went through.
 */
final class ReplayCheck {
  private final Genesis genesis;
  private final byte[] genesisJson;
  private final ServiceSet services;

  ReplayCheck(Genesis genesis, byte[] genesisJson, ServiceSet services) {
    this.genesis = genesis;
    this.genesisJson = genesisJson;
    this.services = services;
  }

  void check(List<SimNode> nodes) {
    for (SimNode n : nodes) {
      if (n.honest() && n.committedHeight() > 0) {
        check(n);
      }
    }
  }

  private void check(SimNode n) {
    MemoryChainStore fresh = new MemoryChainStore();
    Chain replay =
        Chain.open(
            fresh,
            SimSuite.INSTANCE,
            services.executor(),
            genesis,
            genesisJson,
            services.genesisState(),
            0);
    long head = n.committedHeight();
    for (long h = 1; h <= head; h++) {
      Block b = n.disk.block(h).orElseThrow();
      try {
        Chain.Executed e = replay.execute(b); // checks the header's parent roots
        replay.commit(e.hash(), new TreeMap<>());
      } catch (Chain.BlockRejectedException e) {
        throw new SimulationFailure(
            "replay: validator "
                + n.index
                + "'s block "
                + h
                + " does not replay: "
                + e.getMessage());
      }
    }
    Hash stored = new StateTree(n.disk, SimSuite.INSTANCE).rootHash(head);
    if (!replay.head().stateRoot().equals(stored)) {
      throw new SimulationFailure(
          "replay: validator "
              + n.index
              + " stores state root "
              + stored
              + " at height "
              + head
              + ", replaying its blocks from genesis gives "
              + replay.head().stateRoot());
    }
    if (!fresh.latestDigest(SimSuite.INSTANCE).equals(n.disk.latestDigest(SimSuite.INSTANCE))) {
      throw new SimulationFailure(
          "replay: validator "
              + n.index
              + "'s latest-state table differs from the replay's at "
              + head);
    }
  }
}
