package org.jingchain.sdk.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.sdk.store.ShardStore.ShardId;
import org.jingchain.store.LeafTree;
import org.jingchain.store.StoreCalls;
import org.jingchain.store.StoreService.ChallengeView;
import org.jingchain.store.StoreService.ObjectView;
import org.jingchain.store.StoreService.WorkView;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;

/**
 * What a storage node does on its own (docs/spec/storage.md [STORE-23]): answers its audit
 * challenges from the shards it keeps — or says it cannot, when a shard is damaged or gone —
 * rebuilds and re-places the shards it is ordered to repair, opens audit rounds when due, closes
 * challenges others left past their deadline, and drops shards no longer placed on it. Polls the
 * chain every {@link #POLL}.
 */
final class StorageNodeWorker implements AutoCloseable {
  static final Duration POLL = Duration.ofSeconds(2);

  /** How often kept shards are checked against the chain for ones to drop. */
  static final Duration SWEEP = Duration.ofSeconds(30);

  private final String nodeId;
  private final StoreChain chain;
  private final CryptoSuite suite;
  private final KeyPair operator;
  private final ShardStore store;
  private final StorageNodeServer.Log log;
  private final StoreClient client;
  private final Path work;
  private final boolean openRounds;
  private final Set<Long> handled = ConcurrentHashMap.newKeySet();
  private final Set<String> repairing = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;
  private long lastSweep;

  StorageNodeWorker(
      String nodeId,
      StoreChain chain,
      CryptoSuite suite,
      KeyPair operator,
      ShardStore store,
      Clock clock,
      StorageNodeServer.Log log,
      Path work,
      boolean openRounds) {
    this.nodeId = nodeId;
    this.chain = chain;
    this.suite = suite;
    this.operator = operator;
    this.store = store;
    this.log = log;
    this.client = new StoreClient(chain, suite, operator, clock);
    this.work = work;
    this.openRounds = openRounds;
    this.thread = Thread.ofVirtual().name("store-worker-" + nodeId).unstarted(this::loop);
  }

  void start() {
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  private void loop() {
    while (!closed) {
      try {
        once();
      } catch (JingApiException e) {
        if (e.httpStatus() != 404) { // 404: not registered yet, at start-up
          log.log("worker: " + e.getMessage() + "; trying again");
        }
      } catch (IOException | RuntimeException e) {
        log.log("worker: " + e.getMessage() + "; trying again");
      }
      try {
        Thread.sleep(POLL); // the chain moves a block at a time; poll it
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void once() throws IOException {
    WorkView w = chain.client().storeWork(nodeId);
    for (ChallengeView c : w.challenges()) {
      if (c.deadlineHeight() >= w.height() && handled.add(c.id())) {
        try {
          answer(c);
        } catch (RuntimeException e) {
          handled.remove(c.id()); // not answered: the next poll tries again
          throw e;
        }
      }
    }
    for (String object : w.repairs()) {
      if (repairing.add(object)) {
        Thread.ofVirtual()
            .name("store-repair-" + object.substring(0, 8))
            .start(() -> repair(object));
      }
    }
    // Rounds: the first node to see one due opens it; the others wait a few blocks each, by
    // their id, so that one transaction usually suffices.
    long stagger = Math.floorMod(nodeId.hashCode(), 5);
    if (openRounds && w.height() >= w.nextRoundHeight() + stagger) {
      sendQuietly(StoreCalls.auditRound(), "TOO_EARLY");
    }
    if (w.expired()) {
      sendQuietly(StoreCalls.closeExpired(), "NOTHING_TO_CLOSE");
    }
    scanIndex();
    if (System.nanoTime() - lastSweep > SWEEP.toNanos()) {
      lastSweep = System.nanoTime();
      sweep();
    }
  }

  /** Answers with the leaf and its path, or fails the challenge when the shard cannot give it. */
  private void answer(ChallengeView c) {
    ShardId id = new ShardId(Hash.fromHex(c.object()), c.shard());
    Call call;
    String why;
    try {
      Optional<ObjectView> o = chain.object(id.object());
      if (o.isEmpty()) {
        return;
      }
      Optional<Call> proof = proof(o.get(), id, c.leaf(), c.id());
      call = proof.orElse(StoreCalls.failChallenge(c.id()));
      why = proof.isPresent() ? "answered" : "cannot produce its leaf; failed";
    } catch (IOException e) {
      call = StoreCalls.failChallenge(c.id());
      why = "cannot read it (" + e.getMessage() + "); failed";
    }
    TxStatus t = chain.send(operator, call, Duration.ofSeconds(60));
    log.log(
        "challenge "
            + c.id()
            + " (shard "
            + id
            + ", leaf "
            + c.leaf()
            + "): "
            + why
            + (t.receipt().succeeded() ? "" : " — refused: " + t.receipt().code()));
  }

  /** The answer for leaf {@code leaf}, when the kept shard still holds it unaltered. */
  private Optional<Call> proof(ObjectView o, ShardId id, long leaf, long challenge)
      throws IOException {
    if (!store.has(id)) {
      return Optional.empty();
    }
    byte[] hashes = store.leafHashes(id);
    List<Hash> leaves = new ArrayList<>(hashes.length / Hash.LENGTH);
    for (int off = 0; off + Hash.LENGTH <= hashes.length; off += Hash.LENGTH) {
      leaves.add(Hash.wrap(java.util.Arrays.copyOfRange(hashes, off, off + Hash.LENGTH)));
    }
    if (leaf >= leaves.size()) {
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = store.open(id, leaf * o.leafSize())) {
      bytes = in.readNBytes(o.leafSize());
    }
    List<Hash> path = LeafTree.path(suite, leaves, leaf);
    Hash root = Hash.fromHex(o.shards().get(id.shard()).root());
    if (!LeafTree.verify(suite, root, leaves.size(), leaf, bytes, path)) {
      return Optional.empty();
    }
    return Optional.of(StoreCalls.answerChallenge(challenge, bytes, path));
  }

  /** Rebuilds the shards of {@code object} that moved to other nodes, and sends them there. */
  private void repair(String object) {
    try {
      Optional<ObjectView> o = chain.object(Hash.fromHex(object));
      if (o.isEmpty() || !o.get().repairer().equals(nodeId)) {
        return;
      }
      List<Integer> wanted = new ArrayList<>();
      o.get()
          .shards()
          .forEach(
              s -> {
                if (!s.confirmed()) {
                  wanted.add(s.index());
                }
              });
      if (wanted.isEmpty()) {
        return;
      }
      Path dir = work.resolve("repair-" + object);
      client.rebuild(o.get(), wanted.stream().mapToInt(Integer::intValue).toArray(), dir);
      for (int shard : wanted) {
        client.sendShard(o.get(), shard, dir.resolve(Integer.toString(shard)));
        log.log(
            "repair: rebuilt shard "
                + object
                + "/"
                + shard
                + " and sent it to "
                + o.get().shards().get(shard).node());
      }
      for (int shard : wanted) {
        Files.deleteIfExists(dir.resolve(Integer.toString(shard)));
      }
      Files.deleteIfExists(dir);
    } catch (StoreClient.StoreClientException | IOException | JingApiException e) {
      log.log("repair of " + object + " failed, will try again: " + e.getMessage());
    } finally {
      repairing.remove(object);
    }
  }

  /** The shortest time between two passes over the object index. */
  static final Duration PASS = Duration.ofMinutes(10);

  private long scanFrom;
  private long passStarted = System.nanoTime() - PASS.toNanos();
  private String downBefore = "";

  /**
   * The first up node (by id) walks the object index, a page a poll, and has each object with a
   * shard on a down or retired node checked, and each stalled repair ordered again ([STORE-34],
   * [STORE-35]); a pass starts at most every {@link #PASS}, or at once when a node goes down.
   */
  private void scanIndex() {
    List<String> down = new ArrayList<>();
    String first = null;
    for (var n : chain.nodes().nodes()) {
      if (!n.status().equals("active")) {
        down.add(n.id());
      } else if (first == null) {
        first = n.id();
      }
    }
    if (!nodeId.equals(first)) {
      return;
    }
    String key = String.join(",", down);
    boolean newlyDown = !key.equals(downBefore) && !down.isEmpty();
    downBefore = key;
    var page = chain.client().storeIndex(scanFrom, 1000);
    if (page.entries().isEmpty() || newlyDown) {
      if (!newlyDown && System.nanoTime() - passStarted < PASS.toNanos()) {
        return; // the last pass is recent enough
      }
      scanFrom = 0;
      passStarted = System.nanoTime();
      if (newlyDown) {
        log.log("scanning the objects for shards on " + key);
      }
      page = chain.client().storeIndex(0, 1000);
    }
    for (var e : page.entries()) {
      if (e.atRisk()) {
        sendQuietly(StoreCalls.checkObject(Hash.fromHex(e.id())), "NOTHING_TO_DO");
      }
      if (e.repairStalled()) {
        sendQuietly(StoreCalls.retryRepair(Hash.fromHex(e.id())), "REPAIR_NOT_STALLED");
      }
    }
    scanFrom = page.next();
  }

  /**
   * Drops kept shards whose object is gone or which moved to another node, deleting objects past
   * their retention first.
   */
  private void sweep() throws IOException {
    long height = chain.client().status().height();
    for (ShardId id : store.list()) {
      Optional<ObjectView> o = chain.object(id.object());
      if (o.isPresent() && o.get().expiresHeight() != 0 && height > o.get().expiresHeight()) {
        // past its retention: anyone may delete the record, which frees the nodes' space
        sendQuietly(StoreCalls.deleteObject(id.object()), "NO_OBJECT");
        o = chain.object(id.object());
      }
      boolean drop =
          o.isEmpty()
              || id.shard() >= o.get().shards().size()
              || !o.get().shards().get(id.shard()).node().equals(nodeId);
      if (drop) {
        store.delete(id);
        log.log("dropped shard " + id + ": " + (o.isEmpty() ? "its object is gone" : "it moved"));
      }
    }
  }

  private void sendQuietly(Call call, String expectedRefusal) {
    TxStatus t = chain.send(operator, call, Duration.ofSeconds(60));
    if (t.receipt().succeeded()) {
      log.log(call.method() + ": " + t.receipt().events().getFirst().attributes());
    } else if (!expectedRefusal.equals(t.receipt().code())) {
      log.log(call.method() + " refused: " + t.receipt().code() + " " + t.receipt().message());
    }
  }
}
