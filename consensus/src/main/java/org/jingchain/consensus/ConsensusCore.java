package org.jingchain.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jingchain.consensus.ConsensusMessage.Proposal;
import org.jingchain.consensus.ConsensusMessage.SyncRequest;
import org.jingchain.consensus.ConsensusMessage.SyncResponse;
import org.jingchain.consensus.ConsensusMessage.Timeout;
import org.jingchain.consensus.ConsensusMessage.Vote;
import org.jingchain.consensus.Effect.Broadcast;
import org.jingchain.consensus.Effect.BuildBlock;
import org.jingchain.consensus.Effect.Evidence;
import org.jingchain.consensus.Effect.PersistSafety;
import org.jingchain.consensus.Effect.Rejected;
import org.jingchain.consensus.Effect.ScheduleTimer;
import org.jingchain.consensus.Effect.Send;
import org.jingchain.consensus.Effect.StoreBlock;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * One validator's consensus state machine: {@code step(event, now) -> effects}. Deterministic: the
 * same events at the same times give the same effects. See docs/spec/consensus.md.
 */
public final class ConsensusCore {
  private final ConsensusConfig config;
  private final ValidatorSet validators;
  private final int self;
  private final Signer signer;
  private final HashFunction hash;
  private final Ledger ledger;
  private final CertificateVerifier certs;
  private final VoteCollector votes;
  private final TimeoutCollector timeouts;
  private final BlockTree tree;
  private final Synchronizer sync;
  private final TreeMap<Long, Proposal> proposalsByRound = new TreeMap<>();
  private SafetyRecord safety;
  private long currentRound;
  private TimeoutCert lastTc;
  private Timeout myTimeout;
  private long lastCommitRound;

  /** The highest valid QC seen whose block this validator does not hold yet (being synced). */
  private QuorumCert unresolvedQc;

  private long buildRequestedRound;
  private QuorumCert buildJustify;
  private long now;
  private List<Effect> out = new ArrayList<>();

  /**
   * @param self this validator's index, or -1 for a node that follows without voting
   * @param persisted the safety record from disk, or null on first start
   */
  public ConsensusCore(
      ConsensusConfig config,
      ValidatorSet validators,
      int self,
      Signer signer,
      SignatureVerifier verifier,
      HashFunction hash,
      Ledger ledger,
      SafetyRecord persisted) {
    this.config = config;
    this.validators = validators;
    this.self = self;
    this.signer = signer;
    this.hash = hash;
    this.ledger = ledger;
    this.certs = new CertificateVerifier(config, validators, verifier);
    this.votes = new VoteCollector(validators.quorum());
    this.timeouts = new TimeoutCollector(config.chainId(), validators.quorum());
    Ledger.CommittedTip tip = ledger.committedTip();
    this.tree = new BlockTree(tip, hash);
    this.safety = persisted != null ? persisted : SafetyRecord.initial(tip.qc());
    this.lastCommitRound = tip.block().block().header().round();
    this.sync = new Synchronizer(this, config);
  }

  /** Feeds one event; returns the effects to execute, in order. */
  public List<Effect> step(Event event, long nowMillis) {
    now = nowMillis;
    out = new ArrayList<>();
    switch (event) {
      case Event.Start s -> start();
      case Event.MessageReceived m -> onMessage(m.from(), m.message());
      case Event.TimerFired t -> onTimer(t.round());
      case Event.BlockBuilt b -> onBlockBuilt(b.round(), b.block());
    }
    return out;
  }

  public long currentRound() {
    return currentRound;
  }

  public long committedHeight() {
    return tree.root().height();
  }

  public Hash committedHash() {
    return tree.root().hash();
  }

  public SafetyRecord safetyRecord() {
    return safety;
  }

  public QuorumCert highQc() {
    return tree.highQc();
  }

  // ---- start

  private void start() {
    List<ProposedBlock> stored = new ArrayList<>(ledger.storedPendingBlocks());
    stored.sort((a, b) -> Long.compare(height(a), height(b)));
    for (ProposedBlock b : stored) {
      Hash h = BlockTree.hashOf(b, hash);
      BlockTree.Node parent = tree.get(b.block().header().parentHash());
      if (parent != null && !tree.contains(h) && ledger.verify(b.block()).isEmpty()) {
        tree.insert(new BlockTree.Node(b, h));
        tree.observeQc(b.justify());
      }
    }
    tree.observeQc(safety.highQc());
    long round = Math.max(tree.highQc().round(), safety.highQc().round()) + 1;
    if (safety.lastTc() != null) {
      round = Math.max(round, safety.lastTc().round() + 1);
    }
    lastTc = safety.lastTc();
    enterRound(Math.max(round, 1), lastTc);
  }

  private static long height(ProposedBlock b) {
    return b.block().header().height();
  }

  // ---- rounds

  private void enterRound(long round, TimeoutCert tc) {
    currentRound = round;
    lastTc = tc;
    myTimeout = null;
    votes.pruneBelow(round - 1);
    proposalsByRound.headMap(round - 1).clear();
    out.add(new ScheduleTimer(round, now + config.timeoutMillis(round, lastCommitRound)));
    maybeBuild();
  }

  /**
   * As leader, asks for a block once this validator can propose a block others will vote for: its
   * high QC is of the previous round, or it holds the previous round's TC [CONS-LIVE-2]. A leader
   * that learned the previous QC without its block waits for the sync instead of wasting the round.
   */
  private void maybeBuild() {
    long round = currentRound;
    boolean ready =
        tree.highQc().round() + 1 == round || (lastTc != null && lastTc.round() + 1 == round);
    if (self >= 0 && validators.leader(round) == self && buildRequestedRound < round && ready) {
      buildRequestedRound = round;
      buildJustify = tree.highQc();
      BlockTree.Node parent = tree.get(buildJustify.blockHash());
      out.add(new BuildBlock(round, parent.proposed(), parent.hash(), buildJustify));
    }
  }

  /** After a sync answer: resolve a QC whose block just arrived, and lead if now able. */
  void afterSync() {
    if (unresolvedQc != null && tree.contains(unresolvedQc.blockHash())) {
      QuorumCert qc = unresolvedQc;
      unresolvedQc = null;
      tree.observeQc(qc);
      tryCommit(qc);
    }
    maybeBuild();
  }

  /** Processes a valid QC: high QC, commit rule, round advance. */
  void processQc(QuorumCert qc, int from) {
    observeCertified(qc, from);
    if (qc.round() >= currentRound) {
      enterRound(qc.round() + 1, null);
    }
  }

  /** High QC and commit rule for a valid QC, without moving rounds. */
  void observeCertified(QuorumCert qc, int from) {
    if (!tree.contains(qc.blockHash())) {
      if (qc.height() > tree.root().height()) {
        if (unresolvedQc == null || qc.round() > unresolvedQc.round()) {
          unresolvedQc = qc;
        }
        sync.request(from, now, unresolvedQc.blockHash());
      }
    } else {
      tree.observeQc(qc);
      tryCommit(qc);
    }
  }

  private void processTc(TimeoutCert tc) {
    if (tc.round() >= currentRound) {
      enterRound(tc.round() + 1, tc);
    }
  }

  /** [CONS-SAFETY-4] A QC on B' whose parent B is one round earlier commits B. */
  private void tryCommit(QuorumCert qc) {
    BlockTree.Node child = tree.get(qc.blockHash());
    BlockTree.Node parent = child == null ? null : tree.get(child.header().parentHash());
    if (parent == null
        || child.round() != parent.round() + 1
        || parent.height() <= tree.root().height()) {
      return;
    }
    List<BlockTree.Node> path = tree.pathFromRoot(parent.hash());
    List<ProposedBlock> blocks = path.stream().map(BlockTree.Node::proposed).toList();
    QuorumCert parentQc = child.proposed().justify();
    List<Hash> discarded = tree.commit(parent, parentQc, path);
    lastCommitRound = parent.round();
    out.add(new Effect.Commit(blocks, parentQc, new CommitProof(child.header(), qc), discarded));
  }

  // ---- messages

  private void onMessage(int from, ConsensusMessage m) {
    switch (m) {
      case Proposal p -> onProposal(from, p);
      case Vote v -> onVote(v);
      case Timeout t -> onTimeout(from, t);
      case SyncRequest r -> sync.onRequest(from, r, now);
      case SyncResponse r -> sync.onResponse(from, r, now);
    }
  }

  void reject(int from, String reason) {
    out.add(new Rejected(from, reason));
  }

  private void onProposal(int from, Proposal p) {
    Block block = p.block();
    Hash blockHash = hash.hash(org.jingchain.codec.Canonical.encode(block.header()));
    String why = certs.checkProposalSignature(p, blockHash);
    if (why == null) {
      why = certs.checkQc(p.justify());
    }
    if (why == null && p.tc() != null) {
      why = certs.checkTc(p.tc());
    }
    if (why != null) {
      reject(from, why);
      return;
    }
    processQc(p.justify(), from);
    if (p.tc() != null) {
      processTc(p.tc());
    }
    long round = p.round();
    if (round != currentRound || p.proposer() != validators.leader(round)) {
      return; // stale or early; the certificates it carried were still used
    }
    Proposal first = proposalsByRound.putIfAbsent(round, p);
    if (first != null) {
      if (!first.block().header().equals(block.header())) {
        out.add(new Evidence("double-proposal", p.proposer(), first, p));
      }
      return;
    }
    if (!tree.contains(p.justify().blockHash())) {
      return; // a sync request went out when the justify was processed
    }
    why = insertBlock(p.proposed(), blockHash);
    if (why != null) {
      reject(from, why);
      return;
    }
    vote(p, blockHash);
  }

  /**
   * Checks a block against its parent and the ledger [CONS-VALID-1..3] and adds it to the tree.
   * Returns null on success, otherwise the reason.
   */
  String insertBlock(ProposedBlock proposed, Hash blockHash) {
    if (tree.contains(blockHash)) {
      return null;
    }
    if (tree.size() >= config.maxPendingBlocks()) {
      return "too many pending blocks";
    }
    var header = proposed.block().header();
    BlockTree.Node parent = tree.get(proposed.justify().blockHash());
    if (parent == null) {
      return "parent unknown";
    }
    String why = null;
    if (!header.chainId().equals(config.chainId())) {
      why = "block for another chain";
    } else if (!header.parentHash().equals(parent.hash())
        || header.height() != parent.height() + 1
        || header.round() <= parent.round()
        || proposed.justify().round() != parent.round()
        || proposed.justify().height() != parent.height()) {
      why = "block does not extend its justify";
    } else if (!header.proposer().equals(validators.address(validators.leader(header.round())))) {
      why = "block proposer is not the round's leader";
    } else if (header.timestampMillis() < parent.header().timestampMillis()) {
      why = "block timestamp below its parent's";
    }
    if (why == null) {
      why = ledger.verify(proposed.block()).orElse(null);
    }
    if (why == null) {
      tree.insert(new BlockTree.Node(proposed, blockHash));
      // On disk before anything can depend on it: a vote for it, or a lock on a QC for it.
      out.add(new StoreBlock(proposed, blockHash));
    }
    return why;
  }

  // ---- voting [CONS-SAFETY-1]

  private void vote(Proposal p, Hash blockHash) {
    if (self < 0) {
      return;
    }
    long round = p.round();
    long qcRound = p.justify().round();
    if (round <= Math.max(safety.highestVotedRound(), qcRound)) {
      return;
    }
    boolean consecutive = round == qcRound + 1;
    boolean afterTc =
        p.tc() != null && round == p.tc().round() + 1 && qcRound >= p.tc().maxHighQcRound();
    if (!consecutive && !afterTc) {
      return;
    }
    updateSafety(round, Math.max(safety.highestQcRound(), qcRound));
    VoteData data = new VoteData(config.chainId(), round, p.block().header().height(), blockHash);
    Vote v = new Vote(data, self, Bytes.wrap(signer.sign(data.signingBytes())));
    int next = validators.leader(round + 1);
    if (next == self) {
      onVote(v);
    } else {
      out.add(new Send(next, v));
    }
  }

  private void updateSafety(long highestVotedRound, long highestQcRound) {
    safety = new SafetyRecord(highestVotedRound, highestQcRound, tree.highQc(), lastTc);
    out.add(new PersistSafety(safety));
  }

  private void onVote(Vote v) {
    if (!VoteCollector.inWindow(v.data().round(), currentRound)) {
      return;
    }
    String why = certs.checkVote(v);
    if (why != null) {
      reject(v.voter(), why);
      return;
    }
    switch (votes.add(v)) {
      case VoteCollector.Formed f -> processQc(f.qc(), v.voter());
      case VoteCollector.Equivocation e ->
          out.add(new Evidence("double-vote", v.voter(), e.first(), e.second()));
      case VoteCollector.Pending p -> {}
    }
  }

  // ---- proposing

  private void onBlockBuilt(long round, Block block) {
    if (self < 0
        || round != currentRound
        || validators.leader(round) != self
        || round <= safety.highestVotedRound()
        || proposalsByRound.containsKey(round)
        || buildJustify == null
        || !block.header().parentHash().equals(buildJustify.blockHash())) {
      return;
    }
    Hash blockHash = hash.hash(org.jingchain.codec.Canonical.encode(block.header()));
    byte[] sig = signer.sign(Proposal.signingBytes(config.chainId(), round, blockHash));
    TimeoutCert tc = tree.highQc().round() + 1 == round ? null : lastTc;
    Proposal p = new Proposal(new ProposedBlock(block, tree.highQc()), tc, self, Bytes.wrap(sig));
    onProposal(self, p);
    if (!tree.contains(blockHash)) {
      reject(self, "own block rejected");
      return;
    }
    // Effects run in order: this validator stored the block and persisted its vote first.
    out.add(new Broadcast(p));
  }

  // ---- timeouts [CONS-SAFETY-2]

  private void onTimer(long round) {
    if (round != currentRound) {
      return;
    }
    out.add(new ScheduleTimer(round, now + config.timeoutMillis(round, lastCommitRound)));
    sync.onTimer(now);
    localTimeout();
  }

  private void localTimeout() {
    if (self < 0) {
      return;
    }
    long round = currentRound;
    if (myTimeout == null) {
      Timeout t = signTimeout(round);
      if (t == null) {
        return;
      }
      myTimeout = t;
      onTimeout(self, t);
      if (currentRound != round) {
        out.add(new Broadcast(t)); // it completed a TC here; the others still need it
        return;
      }
    }
    out.add(new Broadcast(myTimeout)); // again on every later expiry: messages get lost
  }

  private Timeout signTimeout(long round) {
    QuorumCert hq = tree.highQc();
    boolean ok =
        hq.round() >= safety.highestQcRound()
            && round > Math.max(safety.highestVotedRound() - 1, hq.round())
            && (round == hq.round() + 1 || (lastTc != null && round == lastTc.round() + 1));
    if (!ok) {
      return null;
    }
    updateSafety(Math.max(safety.highestVotedRound(), round), safety.highestQcRound());
    byte[] msg = new TimeoutData(config.chainId(), round, hq.round()).signingBytes();
    return new Timeout(round, hq, lastTc, self, Bytes.wrap(signer.sign(msg)));
  }

  private void onTimeout(int from, Timeout t) {
    if (from != self) {
      String why = certs.checkTimeout(t);
      if (why != null) {
        reject(from, why);
        return;
      }
      processQc(t.highQc(), from);
      if (t.lastTc() != null) {
        processTc(t.lastTc());
      }
    }
    if (t.round() < currentRound) {
      return;
    }
    int count = timeouts.add(t);
    if (t.round() == currentRound
        && count >= validators.maxFaulty() + 1
        && myTimeout == null
        && self >= 0
        && from != self) {
      localTimeout(); // join: f+1 gave up, so at least one honest validator did
    }
    TimeoutCert tc = timeouts.certificate(t.round());
    if (tc != null) {
      processTc(tc);
    }
  }

  // ---- accessors for the synchronizer

  BlockTree tree() {
    return tree;
  }

  CertificateVerifier certs() {
    return certs;
  }

  Ledger ledger() {
    return ledger;
  }

  HashFunction hash() {
    return hash;
  }

  List<Effect> out() {
    return out;
  }

  int self() {
    return self;
  }

  int validatorCount() {
    return validators.size();
  }
}
