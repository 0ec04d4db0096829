package org.jingchain.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Params;
import org.jingchain.store.Challenge.Status;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * Audits, reputation and repair orders (docs/spec/storage.md section 3): challenges drawn from
 * committed block hashes, answers checked against the committed shard roots, outcomes that move
 * reputation, and repair orders when an object's healthy shards run low. Deterministic: it reads
 * only state and the transaction's block.
 */
final class Audits {
  /** Challenges one audit round draws ([STORE-30]). */
  static final int SAMPLES = 16;

  static final long DEFAULT_INTERVAL = 60;
  static final long DEFAULT_DEADLINE = 30;
  static final long DEFAULT_REPAIR_MARGIN = 2;

  /** The longest Merkle path an answer carries: enough for 2^64 leaves. */
  static final int MAX_PATH = 64;

  static final int PASS_GAIN = 1;
  static final int FAIL_COST = 20;
  static final int MISS_COST = 10;

  private final HashFunction h;

  Audits(HashFunction h) {
    this.h = h;
  }

  static long interval(StateReader s) {
    return Params.number(s, Params.STORE_AUDIT_INTERVAL).orElse(DEFAULT_INTERVAL);
  }

  /** Healthy shards above {@code k} below which a repair is ordered ([STORE-33]). */
  static long repairMargin(StateReader s) {
    return Params.number(s, Params.STORE_REPAIR_MARGIN).orElse(DEFAULT_REPAIR_MARGIN);
  }

  /** Blocks to answer: the governed deadline, never longer than the interval ([STORE-31]). */
  static long deadline(StateReader s) {
    return Math.min(
        Params.number(s, Params.STORE_AUDIT_DEADLINE).orElse(DEFAULT_DEADLINE), interval(s));
  }

  /** {@code audit_round}: closes expired challenges, then draws up to {@link #SAMPLES} new ones. */
  Event round(TxContext ctx, WriteSet state) throws ExecutionFailure {
    StoreState.AuditState a = StoreState.audit(state);
    long height = ctx.block().height();
    long iv = interval(state);
    if (a.rounds() > 0 && height < a.lastRoundHeight() + iv) {
      throw new ExecutionFailure(
          "TOO_EARLY", "the next audit round opens at height " + (a.lastRoundHeight() + iv));
    }
    int missed = expire(state, height);
    long round = a.rounds() + 1;
    long next = a.nextChallenge();
    long count = StoreState.objectCount(state);
    List<Long> issued = new ArrayList<>();
    Set<String> drawn = new HashSet<>();
    for (int j = 0; j < SAMPLES && count > 0; j++) {
      ByteBuffer seed =
          ByteBuffer.wrap(
              h.hash(
                      "jing-store-audit".getBytes(StandardCharsets.UTF_8),
                      ctx.block().parentHash().unsafeArray(),
                      new Encoder().u64(j).toByteArray())
                  .unsafeArray());
      Optional<StoredObject> o =
          StoreState.indexed(state, Long.remainderUnsigned(seed.getLong(0), count))
              .flatMap(id -> StoreState.object(state, id));
      if (o.isEmpty()) {
        continue; // deleted since
      }
      int shard = (int) Long.remainderUnsigned(seed.getLong(8), o.get().placement().size());
      if (!drawn.add(o.get().id().toHex() + "/" + shard)) {
        continue;
      }
      if (issue(state, o.get(), shard, seed.getLong(16), height, round, next)) {
        issued.add(next++);
      }
    }
    StoreState.putAudit(state, new StoreState.AuditState(height, round, next));
    return StoreContract.event(
        "AuditRound",
        "round",
        Long.toString(round),
        "challenges",
        join(issued),
        "deadline",
        Long.toString(height + deadline(state)),
        "missed",
        Integer.toString(missed));
  }

  /** {@code audit_object}: the owner has every healthy shard of an object challenged now. */
  Event object(TxContext ctx, Hash id, WriteSet state) throws ExecutionFailure {
    StoredObject o = StoreContract.object(state, id);
    if (!o.owner().equals(ctx.sender())) {
      throw new ExecutionFailure("NOT_OWNER", "only the owner " + o.owner() + " asks for audits");
    }
    if (o.openAudits() > 0) {
      throw new ExecutionFailure(
          "AUDIT_OPEN", "the object has " + o.openAudits() + " open challenges; wait for them");
    }
    StoreState.AuditState a = StoreState.audit(state);
    long next = a.nextChallenge();
    long height = ctx.block().height();
    List<Long> issued = new ArrayList<>();
    for (int shard = 0; shard < o.placement().size(); shard++) {
      ByteBuffer seed =
          ByteBuffer.wrap(
              h.hash(
                      "jing-store-audit-object".getBytes(StandardCharsets.UTF_8),
                      ctx.block().parentHash().unsafeArray(),
                      id.unsafeArray(),
                      new Encoder().u32(shard).toByteArray())
                  .unsafeArray());
      StoredObject now = StoreState.object(state, id).orElseThrow();
      if (issue(state, now, shard, seed.getLong(0), height, 0, next)) {
        issued.add(next++);
      }
    }
    if (issued.isEmpty()) {
      throw new ExecutionFailure(
          "NOTHING_TO_AUDIT", "no shard of the object is confirmed and healthy");
    }
    StoreState.putAudit(state, new StoreState.AuditState(a.lastRoundHeight(), a.rounds(), next));
    return StoreContract.event(
        "AuditRequested",
        "object",
        id.toHex(),
        "challenges",
        join(issued),
        "deadline",
        Long.toString(height + deadline(state)));
  }

  /**
   * Opens a challenge of {@code shard} when it is confirmed, not lost, and its node has room;
   * {@code draw} picks the leaf.
   */
  private boolean issue(
      WriteSet state, StoredObject o, int shard, long draw, long height, long round, long id) {
    if (!o.confirmed().get(shard)
        || o.lost().get(shard)
        || (o.expiresHeight() != 0 && height > o.expiresHeight())) {
      return false; // unconfirmed, lost, or past its retention: nothing to prove
    }
    long leaves = o.encoded().coding().leaves(o.encoded().shardLength());
    String node = o.placement().get(shard);
    List<Long> open = new ArrayList<>(StoreState.openChallenges(state, node));
    if (leaves == 0 || open.size() >= StoreState.MAX_OPEN_PER_NODE) {
      return false;
    }
    Challenge c =
        new Challenge(
            id,
            o.id(),
            shard,
            Long.remainderUnsigned(draw, leaves),
            node,
            height,
            height + deadline(state),
            Status.OPEN,
            round);
    StoreState.putChallenge(state, c);
    open.add(id);
    StoreState.putOpenChallenges(state, node, open);
    StoreState.putObject(state, o.withAudits(o.openAudits() + 1));
    return true;
  }

  /**
   * {@code answer_challenge}: the leaf and its path; a wrong one is refused and changes nothing.
   */
  Event answer(TxContext ctx, StoreCalls.Answer ans, WriteSet state) throws ExecutionFailure {
    Challenge c = answerable(ctx, ans.challenge(), state);
    StoredObject o = StoreContract.object(state, c.object());
    if (!o.placement().get(c.shard()).equals(c.node())) {
      throw new ExecutionFailure(
          "CHALLENGE_CLOSED", "shard " + c.shard() + " moved off " + c.node() + " since");
    }
    EncodedObject e = o.encoded();
    if (ans.path().size() > MAX_PATH
        || !LeafTree.verify(
            h,
            e.shardRoots().get(c.shard()),
            e.coding().leaves(e.shardLength()),
            c.leaf(),
            ans.leaf().toByteArray(),
            ans.path())) {
      throw new ExecutionFailure(
          "BAD_PROOF",
          "the leaf and path do not verify against shard " + c.shard() + "'s committed root");
    }
    StorageNode n = StoreState.node(state, c.node()).orElseThrow();
    StoreState.putNode(
        state, n.withAudit(Math.min(StorageNode.MAX_REPUTATION, n.reputation() + PASS_GAIN), 0, 0));
    close(state, c, Status.PASSED, o);
    return StoreContract.event(
        "ChallengePassed",
        "challenge",
        Long.toString(c.id()),
        "object",
        c.object().toHex(),
        "shard",
        Integer.toString(c.shard()),
        "node",
        c.node());
  }

  /** {@code fail_challenge}: the node says it cannot produce the leaf; the shard counts as lost. */
  Event fail(TxContext ctx, long id, WriteSet state) throws ExecutionFailure {
    Challenge c = answerable(ctx, id, state);
    String repair = lose(state, c, Status.FAILED, ctx.block().height());
    return StoreContract.event(
        "ChallengeFailed",
        "challenge",
        Long.toString(c.id()),
        "object",
        c.object().toHex(),
        "shard",
        Integer.toString(c.shard()),
        "node",
        c.node(),
        "repair",
        repair);
  }

  /**
   * {@code check_object} ([STORE-34]): anyone may have an object's shards on down or retired nodes
   * counted as lost, which orders a repair when the object falls below its threshold.
   */
  Event check(TxContext ctx, Hash id, WriteSet state) throws ExecutionFailure {
    StoredObject o = StoreContract.object(state, id);
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < o.placement().size(); i++) {
      if (o.confirmed().get(i) && !o.lost().get(i)) {
        Optional<StorageNode> n = StoreState.node(state, o.placement().get(i));
        if (n.isEmpty() || n.get().down() || !n.get().active()) {
          found.add(i);
        }
      }
    }
    if (found.isEmpty()) {
      throw new ExecutionFailure(
          "NOTHING_TO_DO", "no shard of the object is on a down or retired node, or all are lost");
    }
    for (int shard : found) {
      o = o.markLost(shard);
    }
    StoreState.putObject(state, o);
    String repair = repairIfNeeded(state, o, ctx.block().height());
    return StoreContract.event(
        "ObjectChecked",
        "object",
        id.toHex(),
        "lost",
        found.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
        "repair",
        repair);
  }

  /** Blocks after which a repair whose new shards are not all confirmed may be ordered again. */
  static final long REPAIR_TIMEOUT = 600;

  /** A repair under way since before {@code height - REPAIR_TIMEOUT}. */
  static boolean stalled(StoredObject o, long height) {
    return !o.repairer().isEmpty() && height > o.repairHeight() + REPAIR_TIMEOUT;
  }

  /**
   * {@code retry_repair} ([STORE-35]): anyone may have a stalled repair ordered again — its shards
   * still unconfirmed move to other nodes, and another healthy holder rebuilds them.
   */
  Event retryRepair(TxContext ctx, Hash id, WriteSet state) throws ExecutionFailure {
    StoredObject o = StoreContract.object(state, id);
    long height = ctx.block().height();
    if (o.repairer().isEmpty()) {
      throw new ExecutionFailure("NO_REPAIR", "no repair of the object is under way");
    }
    if (!stalled(o, height)) {
      throw new ExecutionFailure(
          "REPAIR_NOT_STALLED",
          "the repair ordered at height "
              + o.repairHeight()
              + " may be ordered again after height "
              + (o.repairHeight() + REPAIR_TIMEOUT));
    }
    String old = o.repairer();
    List<Hash> queue = new ArrayList<>(StoreState.repairs(state, old));
    queue.remove(id);
    StoreState.putRepairs(state, old, queue);
    StoredObject again = o.withoutRepairer();
    for (int i = 0; i < again.placement().size(); i++) {
      if (!again.confirmed().get(i)) {
        again = again.markLost(i); // its new node never confirmed it: place it elsewhere
      }
    }
    StoreState.putObject(state, again);
    String repair = repairIfNeeded(state, again, height, old);
    return StoreContract.event("RepairRetried", "object", id.toHex(), "was", old, "repair", repair);
  }

  /** {@code close_expired}: every open challenge past its deadline is missed. */
  Event closeExpired(TxContext ctx, WriteSet state) throws ExecutionFailure {
    int missed = expire(state, ctx.block().height());
    if (missed == 0) {
      throw new ExecutionFailure("NOTHING_TO_CLOSE", "no open challenge is past its deadline");
    }
    return StoreContract.event("ChallengesMissed", "missed", Integer.toString(missed));
  }

  private Challenge answerable(TxContext ctx, long id, WriteSet state) throws ExecutionFailure {
    Challenge c =
        StoreState.challenge(state, id)
            .orElseThrow(() -> new ExecutionFailure("NO_CHALLENGE", "no challenge " + id));
    if (c.status() != Status.OPEN) {
      throw new ExecutionFailure(
          "CHALLENGE_CLOSED",
          "challenge " + id + " is " + c.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    Optional<StorageNode> n = StoreState.node(state, c.node());
    if (n.isEmpty() || !n.get().operator().equals(ctx.sender())) {
      throw new ExecutionFailure(
          "NOT_OPERATOR", "challenge " + id + " is " + c.node() + "'s to answer");
    }
    if (ctx.block().height() > c.deadline()) {
      throw new ExecutionFailure(
          "DEADLINE_PASSED", "challenge " + id + " had to be answered by height " + c.deadline());
    }
    if (StoreState.object(state, c.object()).isEmpty()) {
      throw new ExecutionFailure("NO_OBJECT", "the challenged object was deleted");
    }
    return c;
  }

  /** Closes every open challenge whose deadline is before {@code height} as missed. */
  private int expire(WriteSet state, long height) {
    int missed = 0;
    for (String node : StoreState.nodeIds(state)) {
      for (long id : StoreState.openChallenges(state, node)) {
        Challenge c = StoreState.challenge(state, id).orElseThrow();
        if (c.deadline() < height) {
          lose(state, c, Status.MISSED, height);
          missed++;
        }
      }
    }
    return missed;
  }

  /**
   * Closes {@code c} as failed or missed — the node pays for it, its shard counts as lost, and a
   * repair is ordered when the object's healthy shards fall below its threshold — or, when the
   * object is gone or the shard moved meanwhile, as cancelled with no effect. Returns what became
   * of the repair.
   */
  private String lose(WriteSet state, Challenge c, Status status, long height) {
    Optional<StoredObject> o = StoreState.object(state, c.object());
    if (o.isEmpty()) {
      close(state, c, Status.CANCELLED, null);
      return "";
    }
    StoredObject obj = o.get();
    boolean stillThere =
        c.shard() < obj.placement().size() && obj.placement().get(c.shard()).equals(c.node());
    close(state, c, stillThere ? status : Status.CANCELLED, obj);
    if (!stillThere) {
      return "";
    }
    StorageNode n = StoreState.node(state, c.node()).orElseThrow();
    StoreState.putNode(
        state,
        status == Status.FAILED
            ? n.withAudit(Math.max(0, n.reputation() - FAIL_COST), 1, 0)
            : n.withAudit(Math.max(0, n.reputation() - MISS_COST), 0, 1));
    obj = StoreState.object(state, c.object()).orElseThrow().markLost(c.shard());
    StoreState.putObject(state, obj);
    return repairIfNeeded(state, obj, height);
  }

  private void close(WriteSet state, Challenge c, Status status, StoredObject o) {
    StoreState.putChallenge(state, c.closed(status));
    List<Long> open = new ArrayList<>(StoreState.openChallenges(state, c.node()));
    open.remove(c.id());
    StoreState.putOpenChallenges(state, c.node(), open);
    if (o != null) {
      StoredObject now = StoreState.object(state, c.object()).orElseThrow();
      StoreState.putObject(state, now.withAudits(Math.max(0, now.openAudits() - 1)));
    }
  }

  /**
   * Orders a repair ([STORE-33]) when the object's healthy shards are below its threshold and none
   * is under way: each lost shard moves to a new node (placement as for a put, among nodes holding
   * none of the object's shards), and the node of the first healthy shard rebuilds them. Returns a
   * short account for the event.
   */
  String repairIfNeeded(WriteSet state, StoredObject o, long height) {
    return repairIfNeeded(state, o, height, "");
  }

  /** As {@link #repairIfNeeded(WriteSet, StoredObject, long)}, never choosing {@code avoid}. */
  String repairIfNeeded(WriteSet state, StoredObject o, long height, String avoid) {
    if (!o.repairer().isEmpty() || o.healthy() >= o.repairThreshold(repairMargin(state))) {
      return o.repairer().isEmpty() ? "" : "under way by " + o.repairer();
    }
    List<Integer> lost = new ArrayList<>();
    String repairer = "";
    for (int i = 0; i < o.placement().size(); i++) {
      if (o.lost().get(i)) {
        lost.add(i);
      } else if (repairer.isEmpty()
          && o.confirmed().get(i)
          && !o.placement().get(i).equals(avoid)
          && StoreState.node(state, o.placement().get(i))
              .map(n -> n.active() && !n.down())
              .orElse(false)
          && StoreState.repairs(state, o.placement().get(i)).size()
              < StoreState.MAX_REPAIRS_PER_NODE) {
        repairer = o.placement().get(i); // the first healthy holder with room in its queue
      }
    }
    if (lost.isEmpty()) {
      return "";
    }
    if (o.healthy() < o.encoded().coding().dataShards()) {
      return "impossible: "
          + o.healthy()
          + " healthy shards, "
          + o.encoded().coding().dataShards()
          + " needed";
    }
    if (repairer.isEmpty()) {
      return "waiting: every healthy holder has " + StoreState.MAX_REPAIRS_PER_NODE + " repairs";
    }
    long shardBytes = o.encoded().shardLength();
    List<StorageNode> candidates = new ArrayList<>();
    for (StorageNode n : StoreState.nodes(state)) {
      if (!o.placement().contains(n.id())) {
        candidates.add(n);
      }
    }
    Hash key = h.hash(o.id().unsafeArray(), new Encoder().u64(height).toByteArray());
    List<String> targets = StoreState.place(h, key, candidates, lost.size(), shardBytes);
    if (targets.size() < lost.size()) {
      return "waiting: " + lost.size() + " shards to move, " + targets.size() + " nodes eligible";
    }
    StoredObject moved = o;
    for (int i = 0; i < lost.size(); i++) {
      int shard = lost.get(i);
      String from = o.placement().get(shard);
      StoreState.node(state, from)
          .ifPresent(
              n -> StoreState.putNode(state, n.withUsed(Math.max(0, n.used() - shardBytes))));
      StorageNode to = StoreState.node(state, targets.get(i)).orElseThrow();
      StoreState.putNode(state, to.withUsed(to.used() + shardBytes));
      moved = moved.moved(shard, targets.get(i), repairer, height);
    }
    StoreState.putObject(state, moved);
    List<Hash> queue = new ArrayList<>(StoreState.repairs(state, repairer));
    queue.add(o.id());
    StoreState.putRepairs(state, repairer, queue);
    StringBuilder s = new StringBuilder("ordered: ");
    for (int i = 0; i < lost.size(); i++) {
      s.append(i == 0 ? "" : ",").append(lost.get(i)).append("->").append(targets.get(i));
    }
    return s.append(" by ").append(repairer).toString();
  }

  /** After a shard is confirmed: a repair done leaves its repairer's queue. */
  void confirmed(WriteSet state, StoredObject before, StoredObject after, long height) {
    if (!before.repairer().isEmpty() && after.repairer().isEmpty()) {
      List<Hash> queue = new ArrayList<>(StoreState.repairs(state, before.repairer()));
      queue.remove(after.id());
      StoreState.putRepairs(state, before.repairer(), queue);
      repairIfNeeded(state, after, height);
    }
  }

  private static String join(List<Long> ids) {
    StringBuilder s = new StringBuilder();
    for (long id : ids) {
      s.append(s.isEmpty() ? "" : ",").append(id);
    }
    return s.toString();
  }
}
