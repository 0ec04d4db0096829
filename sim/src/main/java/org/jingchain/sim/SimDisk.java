package org.jingchain.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.types.Hash;

/** What a simulated validator keeps across a crash: its chain, pending blocks, safety record. */
final class SimDisk {
  final List<ProposedBlock> committed = new ArrayList<>();
  final List<Hash> committedHashes = new ArrayList<>();
  final Map<Hash, Integer> heightByHash = new HashMap<>();

  /** State after each committed height. */
  final List<Hash> committedStates = new ArrayList<>();

  QuorumCert tipQc;

  /** Pending blocks by hash; a TreeMap so restarts see them in one order. */
  final TreeMap<Hash, ProposedBlock> pending = new TreeMap<>();

  SafetyRecord safety;
}
