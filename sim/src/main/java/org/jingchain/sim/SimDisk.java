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

  /** The epoch the validator runs, written with the commit of the previous epoch's last block. */
  org.jingchain.consensus.Epoch epoch;

  /** Proofs that blocks ended their epochs, by height, for sync answers [GOV-8]. */
  final Map<Long, org.jingchain.consensus.CommitProof> epochEnds = new HashMap<>();
}
