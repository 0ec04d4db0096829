package org.jingchain.consensus;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.ConsensusMessage.SyncRequest;
import org.jingchain.consensus.ConsensusMessage.SyncResponse;
import org.jingchain.consensus.Effect.Send;
import org.jingchain.types.Hash;

/**
 * Catch-up [CONS-LIVE-3]: asks a peer for the blocks this validator lacks, and answers such
 * requests. Fetched blocks enter the tree through the same checks as proposals, so commits follow
 * from the commit rule alone; a lying peer can waste a request but cannot make this node commit
 * anything a quorum did not certify.
 */
final class Synchronizer {
  /**
   * Answers per second one peer may get (a token bucket of this size, refilled continuously): an
   * honest requester waits for each answer, so this only caps what a hostile one can make this node
   * read and encode.
   */
  static final int ANSWERS_PER_SECOND = 20;

  /** Byte budget of one answer, below the transport's frame limit. */
  static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

  private final ConsensusCore core;
  private final ConsensusConfig config;
  private boolean outstanding;
  private long requestedAtMillis;
  private int lastPeer = -1;
  private Hash target = Hash.ZERO;

  /** Per peer: when its bucket was last updated and how many answers it had left (x1000). */
  private final java.util.Map<Integer, long[]> buckets = new java.util.HashMap<>();

  Synchronizer(ConsensusCore core, ConsensusConfig config) {
    this.core = core;
    this.config = config;
  }

  void request(int peer, long now) {
    request(peer, now, target);
  }

  void request(int peer, long now, Hash wanted) {
    if (peer < 0 || peer == core.self() || peer >= core.validatorCount()) {
      return;
    }
    if (outstanding && now - requestedAtMillis < config.syncRetryMillis()) {
      // [CONS-LIVE-4] one request at a time, but the retry asks for the newest block wanted
      if (!wanted.equals(Hash.ZERO)) {
        target = wanted;
      }
      return;
    }
    // From the committed height: blocks above it that this node holds may be on an abandoned fork.
    long from = core.tree().root().height() + 1;
    outstanding = true;
    requestedAtMillis = now;
    lastPeer = peer;
    target = wanted;
    core.out().add(new Send(peer, new SyncRequest(from, config.syncBatchBlocks(), wanted)));
  }

  /** A request that went unanswered is retried with the next peer. */
  void onTimer(long now) {
    if (outstanding && now - requestedAtMillis >= config.syncRetryMillis()) {
      outstanding = false;
      int next = (lastPeer + 1) % core.validatorCount();
      if (next == core.self()) {
        next = (next + 1) % core.validatorCount();
      }
      request(next, now);
    }
  }

  void onRequest(int from, SyncRequest r, long now) {
    if (from == core.self()) {
      return;
    }
    if (!takeToken(from, now)) {
      core.reject(from, "more than " + ANSWERS_PER_SECOND + " sync requests per second");
      return;
    }
    BlockTree tree = core.tree();
    int max = Math.min(r.maxBlocks(), config.syncBatchBlocks());
    List<ProposedBlock> blocks = new ArrayList<>();
    int bytes = 0;
    long h = Math.max(r.fromHeight(), 1);
    for (; h <= tree.root().height() && blocks.size() < max; h++) {
      ProposedBlock b = core.ledger().committed(h).orElse(null);
      if (b == null) {
        break; // pruned or not stored: answer what there is
      }
      bytes += Canonical.encode(b.block()).length;
      if (!blocks.isEmpty() && bytes > MAX_RESPONSE_BYTES) {
        break;
      }
      blocks.add(b);
      var epochEnd = core.ledger().epochEndProof(h);
      if (epochEnd.isPresent()) {
        // [GOV-8] the asker must switch epochs before it can check anything above this block
        core.out().add(new Send(from, new SyncResponse(blocks, null, epochEnd.get())));
        return;
      }
    }
    Hash upTo = tree.contains(r.target()) ? r.target() : tree.highQc().blockHash();
    for (BlockTree.Node n : tree.pathFromRoot(upTo)) {
      if (n.height() >= h && blocks.size() < max) {
        blocks.add(n.proposed());
      }
    }
    core.out().add(new Send(from, new SyncResponse(blocks, tree.highQc())));
  }

  /** Integer token bucket (milli-tokens), so every validator computes the same. */
  private boolean takeToken(int peer, long now) {
    long full = ANSWERS_PER_SECOND * 1000L;
    long[] b = buckets.computeIfAbsent(peer, p -> new long[] {now, full});
    long refill = Math.max(0, now - b[0]) * ANSWERS_PER_SECOND;
    b[1] = Math.min(full, b[1] + refill);
    b[0] = now;
    if (b[1] < 1000) {
      return false;
    }
    b[1] -= 1000;
    return true;
  }

  void onResponse(int from, SyncResponse r, long now) {
    BlockTree tree = core.tree();
    boolean progressed = false;
    for (ProposedBlock b : r.blocks()) {
      Hash h = BlockTree.hashOf(b, core.hash());
      if (tree.contains(h) || b.block().header().height() <= tree.root().height()) {
        continue;
      }
      String why = core.certs().checkQc(b.justify());
      if (why == null) {
        why = core.insertBlock(b, h);
      }
      if (why != null) {
        core.reject(from, "sync: " + why);
        break;
      }
      progressed = true;
      core.observeCertified(b.justify(), from);
    }
    // An answer that brought nothing new leaves the request outstanding: the retry timer then asks
    // another peer, so a useless or lying peer cannot keep this node in a request loop.
    outstanding = !progressed;
    if (r.epochEnd() != null && !r.blocks().isEmpty() && !core.ended()) {
      outstanding = false;
      core.onEpochEndProof(from, BlockTree.hashOf(r.blocks().getLast(), core.hash()), r.epochEnd());
      if (core.ended()) {
        return;
      }
    }
    if (r.highQc() != null && core.certs().checkQc(r.highQc()) == null) {
      core.processQc(r.highQc(), from);
    }
    core.afterSync();
    if (progressed && r.blocks().size() >= config.syncBatchBlocks()) {
      request(from, now);
    }
  }
}
