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
  private final Epoch epoch;
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

  /** Set once this core committed its epoch's last block: it steps no more [GOV-8]. */
  private boolean ended;

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
    this(
        config,
        Epoch.genesis(config.genesisHash()),
        validators,
        self,
        signer,
        verifier,
        hash,
        ledger,
        persisted);
  }

  /**
   * A core for one epoch [GOV-8]: {@code validators} certify blocks above {@code epoch}'s root,
   * which is the ledger's committed tip or below it.
   *
   * @param persisted this epoch's safety record from disk, or null on its first start
   */
  public ConsensusCore(
      ConsensusConfig config,
      Epoch epoch,
      ValidatorSet validators,
      int self,
      Signer signer,
      SignatureVerifier verifier,
      HashFunction hash,
      Ledger ledger,
      SafetyRecord persisted) {
    this.config = config;
    this.epoch = epoch;
    this.validators = validators;
    this.self = self;
    this.signer = signer;
    this.hash = hash;
    this.ledger = ledger;
    this.certs = new CertificateVerifier(config, epoch, validators, verifier);
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
    if (ended) {
      return out;
    }
    switch (event) {
      case Event.Start s -> start();
      case Event.MessageReceived m -> onMessage(m.from(), m.message());
      case Event.TimerFired t -> onTimer(t.round());
      case Event.BlockBuilt b -> onBlockBuilt(b.round(), b.block());
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) instanceof Effect.Commit c && c.nextEpoch().isPresent()) {
        return new ArrayList<>(out.subList(0, i + 1)); // the epoch is over: nothing after it
      }
    }
    return out;
  }

  public Epoch epoch() {
    return epoch;
  }

  /** The validators of this core's epoch. */
  public ValidatorSet validators() {
    return validators;
  }

  /** Whether this core committed its epoch's last block and steps no more. */
  public boolean ended() {
    return ended;
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
      // certificates too: a block stored in an earlier epoch must not come back into this one
      if (parent != null
          && !tree.contains(h)
          && certs.checkQc(b.justify()) == null
          && ledger.verify(b.block()).isEmpty()) {
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
    if (ended) {
      return;
    }
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
    } else if (tc.round() + 1 == currentRound && !holdsCertificateFor(currentRound - 1)) {
      // [CONS-LIVE-4] it entered this round on a QC whose block it lacks: the TC of the previous
      // round lets it time out (and lead) this round instead of sitting in it until the block
      // arrives
      lastTc = tc;
      maybeBuild();
    }
  }

  /** Whether this node holds a QC (with its block) or a TC of {@code round}. */
  private boolean holdsCertificateFor(long round) {
    return tree.highQc().round() == round || (lastTc != null && lastTc.round() == round);
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
    for (int i = 0; i < path.size(); i++) {
      if (ledger.nextValidators(path.get(i).hash()).isPresent()) {
        BlockTree.Node last = path.get(i);
        CommitProof proof = proofAbove(path, i, child, qc);
        // The others may not have seen the certificate that committed it (the leader that formed
        // it proposes in the next epoch only): hand them the block with its proof.
        out.add(
            new Broadcast(
                new ConsensusMessage.SyncResponse(List.of(last.proposed()), null, proof)));
        endEpoch(path.subList(0, i + 1), proof);
        return;
      }
    }
    List<ProposedBlock> blocks = path.stream().map(BlockTree.Node::proposed).toList();
    QuorumCert parentQc = child.proposed().justify();
    List<Hash> discarded = tree.commit(parent, parentQc, path);
    lastCommitRound = parent.round();
    out.add(new Effect.Commit(blocks, parentQc, new CommitProof(child.header(), qc), discarded));
  }

  /**
   * The proof that {@code path[i]} committed: its child, the blocks above that up to {@code child},
   * and {@code qc} on {@code child}, which is one round after the path's last block.
   */
  private static CommitProof proofAbove(
      List<BlockTree.Node> path, int i, BlockTree.Node child, QuorumCert qc) {
    if (i == path.size() - 1) {
      return new CommitProof(child.header(), qc);
    }
    List<org.jingchain.types.BlockHeader> above = new ArrayList<>();
    for (int j = i + 2; j < path.size(); j++) {
      above.add(path.get(j).header());
    }
    above.add(child.header());
    return new CommitProof(path.get(i + 1).header(), qc, above);
  }

  /**
   * [GOV-8] Commits up to the last block of the epoch, which changed the validator set, and ends
   * this core: the blocks above it are dropped (they carry no transactions), and the next epoch
   * starts from it with the new set.
   */
  void endEpoch(List<BlockTree.Node> path, CommitProof proof) {
    BlockTree.Node last = path.getLast();
    List<org.jingchain.types.PublicKey> next = ledger.nextValidators(last.hash()).orElseThrow();
    Epoch nextEpoch = epoch.next(last.hash(), last.height(), last.round());
    QuorumCert rootQc = QuorumCert.root(config.chainId(), nextEpoch);
    List<ProposedBlock> blocks = path.stream().map(BlockTree.Node::proposed).toList();
    List<Hash> discarded = new ArrayList<>(tree.commit(last, rootQc, path));
    discarded.addAll(tree.dropAllButRoot(rootQc));
    lastCommitRound = last.round();
    ended = true;
    out.add(
        new Effect.Commit(
            blocks,
            rootQc,
            proof,
            discarded,
            java.util.Optional.of(new Effect.NextEpoch(nextEpoch, next))));
  }

  /**
   * A sync answer ended at the last block of this epoch with the proof it committed [GOV-8]: if the
   * block is in the tree, changes the validator set and the proof holds, the epoch ends there.
   */
  void onEpochEndProof(int from, Hash last, CommitProof proof) {
    BlockTree.Node node = tree.get(last);
    if (node == null || node.height() <= tree.root().height()) {
      return;
    }
    String why =
        ledger.nextValidators(last).isEmpty()
            ? "sync: epoch end proof for a block that does not change the validators"
            : certs.checkCommitProof(node.header(), last, proof, hash);
    List<BlockTree.Node> path = tree.pathFromRoot(last);
    if (why == null
        && path.stream().anyMatch(n -> n != node && ledger.nextValidators(n.hash()).isPresent())) {
      why = "sync: epoch end proof for a block above the epoch's first change";
    }
    if (why != null) {
      reject(from, why);
      return;
    }
    endEpoch(path, proof);
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
      sync.request(from, now); // certificates of a later epoch look bad to a node left behind
      return;
    }
    processQc(p.justify(), from);
    if (p.tc() != null) {
      processTc(p.tc());
    }
    long round = p.round();
    if (round < currentRound
        && unresolvedQc != null
        && blockHash.equals(unresolvedQc.blockHash())
        && p.proposer() == validators.leader(round)) {
      // [CONS-LIVE-4] the QC on this block formed here (or arrived) before the block: the QC
      // certifies it, so take it in (without a vote: its round is over) and resolve the QC
      if (tree.contains(p.justify().blockHash()) && insertBlock(p.proposed(), blockHash) == null) {
        afterSync();
      }
      return;
    }
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
    } else if (!parent.hash().equals(tree.root().hash())
        && ledger.nextValidators(parent.hash()).isPresent()) {
      why = checkEpochSuffix(proposed, parent);
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

  /**
   * [GOV-8] Above a block that changes the validator set and is not yet committed, blocks carry no
   * transactions (they only drive its commit, then are dropped) and stay within the reach of an
   * epoch-end proof.
   */
  private String checkEpochSuffix(ProposedBlock proposed, BlockTree.Node parent) {
    if (!proposed.block().transactions().isEmpty()) {
      return "block above an uncommitted validator change carries transactions";
    }
    List<BlockTree.Node> path = tree.pathFromRoot(parent.hash());
    for (BlockTree.Node n : path) {
      if (ledger.nextValidators(n.hash()).isPresent()) {
        if (proposed.block().header().height() > n.height() + 1 + CommitProof.MAX_ABOVE) {
          return "block too far above an uncommitted validator change";
        }
        break;
      }
    }
    return null;
  }

  /** Whether a block built on {@code parentHash} must be empty [GOV-8]. */
  public boolean mustBeEmpty(Hash parentHash) {
    return !parentHash.equals(tree.root().hash())
        && tree.contains(parentHash)
        && ledger.nextValidators(parentHash).isPresent();
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
    Vote v = new Vote(data, self, Bytes.wrap(signer.sign(data.signingBytes(epoch.number()))));
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
      sync.request(v.voter(), now);
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
    byte[] sig =
        signer.sign(Proposal.signingBytes(config.chainId(), epoch.number(), round, blockHash));
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
    byte[] msg = new TimeoutData(config.chainId(), round, hq.round()).signingBytes(epoch.number());
    return new Timeout(round, hq, lastTc, self, Bytes.wrap(signer.sign(msg)));
  }

  private void onTimeout(int from, Timeout t) {
    if (from != self) {
      String why = certs.checkTimeout(t);
      if (why != null) {
        reject(from, why);
        sync.request(from, now);
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
